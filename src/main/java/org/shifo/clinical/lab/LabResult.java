package org.shifo.clinical.lab;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.clinical.LabFlag;

/**
 * A stored laboratory result: the value and unit as entered, the value in the catalogue's unit, the flag and a
 * copy of the range and critical limits it was computed from.
 *
 * @param valueText the value exactly as entered (a number as text, or the text of a text result)
 * @param releasedAt when a doctor released it to the patient (null: not yet)
 */
public record LabResult(
        UUID id,
        UUID patientId,
        @Nullable UUID encounterId,
        String testCode,
        String testSystem,
        String valueType,
        String valueText,
        @Nullable BigDecimal valueEntered,
        String unitEntered,
        @Nullable BigDecimal valueConverted,
        String catalogueUnit,
        @Nullable LabFlag flag,
        boolean critical,
        @Nullable Range range,
        @Nullable BigDecimal criticalLow,
        @Nullable BigDecimal criticalHigh,
        Instant collectedAt,
        UUID recordedBy,
        Instant recordedAt,
        Source source,
        @Nullable String note,
        @Nullable Instant releasedAt,
        @Nullable UUID releasedBy) {

    /** Whether a doctor released the result to the patient. */
    public boolean released() {
        return releasedAt != null;
    }

    /** Where the result came from. */
    public enum Source {
        UI,
        API
    }

    /** The reference range a result was compared with, as it was then. */
    public record Range(
            String sex,
            String ageFrom,
            @Nullable String ageTo,
            @Nullable BigDecimal low,
            @Nullable BigDecimal high,
            String source,
            boolean isDefault) {}
}
