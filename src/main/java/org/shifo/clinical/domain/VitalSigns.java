package org.shifo.clinical.domain;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One set of measurements as entered; any measure may be missing, but not all of them. */
public record VitalSigns(
        @Nullable Integer systolic,
        @Nullable Integer diastolic,
        @Nullable Integer pulse,
        @Nullable Integer respiratoryRate,
        @Nullable BigDecimal temperatureC,
        @Nullable Integer spo2,
        @Nullable BigDecimal weightKg,
        @Nullable BigDecimal heightCm,
        @Nullable Integer painScore,
        Instant measuredAt) {

    public boolean isEmpty() {
        return systolic == null
                && diastolic == null
                && pulse == null
                && respiratoryRate == null
                && temperatureC == null
                && spo2 == null
                && weightKg == null
                && heightCm == null
                && painScore == null;
    }
}
