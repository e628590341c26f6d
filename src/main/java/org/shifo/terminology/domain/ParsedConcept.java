package org.shifo.terminology.domain;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One code as a file lists it.
 *
 * @param line the file's line (or for XML, the element's line) that lists it, for error messages
 * @param code upper case and dotted
 * @param parentCode the parent's code when the file names it by code
 * @param recordId the row's own id when the file links rows by id (МКБ-10 CSV {@code ID})
 * @param parentRecordId the parent row's id when the file links rows by id ({@code ID_PARENT})
 * @param kind chapter, block or category; {@code null} when the file does not say (plain CSV)
 * @param leaf whether a diagnosis may use it; {@code null} to compute it (no children)
 * @param active false for a code the file lists as retired
 * @param titles title per language
 */
public record ParsedConcept(
        long line,
        String code,
        @Nullable String parentCode,
        @Nullable String recordId,
        @Nullable String parentRecordId,
        @Nullable ConceptKind kind,
        @Nullable Boolean leaf,
        boolean active,
        Map<String, String> titles) {

    public ParsedConcept {
        Objects.requireNonNull(code, "code");
        titles = Map.copyOf(titles);
    }
}
