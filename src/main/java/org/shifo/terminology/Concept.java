package org.shifo.terminology;

/** A code of a code system with its title in the language asked for (or another one present). */
public record Concept(String system, String code, String display, String language, boolean leaf, boolean active) {}
