package org.shifo.terminology;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer to {@link Terminology#check}: the verdict, the code as it is stored (upper case, dotted: {@code
 * A00.0}), its title when known, and the nearest codable codes when the code may not be recorded.
 */
public record CodeCheck(
        Verdict verdict, String system, String code, @Nullable String display, List<Concept> suggestions) {

    public enum Verdict {
        /** In an imported set, active, codable. */
        VALID,
        /** No set of the system is imported; the code has the ICD-10 structure and is recorded unverified. */
        UNVERIFIED,
        /** Not in the imported sets. */
        UNKNOWN,
        /** A chapter, block or category with subdivisions: pick one of its leaves. */
        NOT_CODABLE,
        /** Retired by a later import: kept on old diagnoses, not for new ones. */
        RETIRED,
        /** Not shaped like a code of the system. */
        MALFORMED,
        /** The system itself is unknown. */
        UNKNOWN_SYSTEM;

        /** Whether a new diagnosis may use the code. */
        public boolean recordable() {
            return this == VALID || this == UNVERIFIED;
        }
    }
}
