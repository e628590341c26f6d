package org.shifo.terminology.api;

import org.shifo.terminology.Concept;

/** A code found: its system, code, title ({@code display}) in {@code language}, whether codable and active. */
public record ConceptResponse(
        String system, String code, String display, String language, boolean leaf, boolean active) {

    public static ConceptResponse from(Concept concept) {
        return new ConceptResponse(
                concept.system(),
                concept.code(),
                concept.display(),
                concept.language(),
                concept.leaf(),
                concept.active());
    }
}
