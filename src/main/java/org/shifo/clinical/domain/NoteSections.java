package org.shifo.clinical.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The structured note of an encounter: plain text with optional Markdown per section, each at most {@link
 * #MAX_LENGTH} characters. Empty sections are empty strings, never null.
 */
public record NoteSections(
        String complaints,
        String anamnesis,
        String examination,
        String dermatologicalStatus,
        String plan,
        String recommendations) {

    public static final int MAX_LENGTH = 20_000;

    /** The JSON and form names of the sections, in the order a note reads. */
    public static final List<String> NAMES =
            List.of("complaints", "anamnesis", "examination", "dermatologicalStatus", "plan", "recommendations");

    public static final NoteSections EMPTY = new NoteSections("", "", "", "", "", "");

    public NoteSections {
        complaints = clean(complaints);
        anamnesis = clean(anamnesis);
        examination = clean(examination);
        dermatologicalStatus = clean(dermatologicalStatus);
        plan = clean(plan);
        recommendations = clean(recommendations);
    }

    private static String clean(@Nullable String text) {
        // one line-break convention, no trailing blanks: autosave must not see a change where there is none
        return text == null
                ? ""
                : text.replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
    }

    /** The sections by name, in order. */
    public Map<String, String> byName() {
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put("complaints", complaints);
        sections.put("anamnesis", anamnesis);
        sections.put("examination", examination);
        sections.put("dermatologicalStatus", dermatologicalStatus);
        sections.put("plan", plan);
        sections.put("recommendations", recommendations);
        return sections;
    }

    /** These sections with each one given replacing this one's (a section not given stays as it is). */
    public NoteSections merge(Map<String, @Nullable String> given) {
        Map<String, String> current = byName();
        Map<String, String> merged = new LinkedHashMap<>();
        current.forEach((name, text) -> {
            String replacement = given.get(name);
            merged.put(name, replacement == null ? text : replacement);
        });
        return of(merged);
    }

    /** Each empty section filled from the template; written sections are kept. */
    public NoteSections prefill(Map<String, String> template) {
        Map<String, String> filled = new LinkedHashMap<>();
        byName().forEach((name, text) -> filled.put(name, text.isBlank() ? template.getOrDefault(name, text) : text));
        return of(filled);
    }

    public static NoteSections of(Map<String, String> sections) {
        return new NoteSections(
                sections.getOrDefault("complaints", ""),
                sections.getOrDefault("anamnesis", ""),
                sections.getOrDefault("examination", ""),
                sections.getOrDefault("dermatologicalStatus", ""),
                sections.getOrDefault("plan", ""),
                sections.getOrDefault("recommendations", ""));
    }

    /** The sections longer than allowed, as violations. */
    public List<Violation> violations() {
        List<Violation> violations = new ArrayList<>();
        byName().forEach((name, text) -> {
            if (text.length() > MAX_LENGTH) {
                violations.add(Violation.of(
                        name, "note-too-long", "must be at most " + MAX_LENGTH + " characters", MAX_LENGTH));
            }
        });
        return violations;
    }

    public boolean isBlank() {
        return byName().values().stream().allMatch(String::isBlank);
    }
}
