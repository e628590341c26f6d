package org.shifo.clinical.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A stored set of vital signs with the computed BMI and the flags raised when it was recorded. */
public record Vitals(
        UUID id,
        UUID encounterId,
        UUID patientId,
        Instant measuredAt,
        @Nullable Integer systolic,
        @Nullable Integer diastolic,
        @Nullable Integer pulse,
        @Nullable Integer respiratoryRate,
        @Nullable BigDecimal temperatureC,
        @Nullable Integer spo2,
        @Nullable BigDecimal weightKg,
        @Nullable BigDecimal heightCm,
        @Nullable BigDecimal bmi,
        @Nullable Integer painScore,
        List<VitalFlag> flags,
        UUID recordedBy,
        Instant recordedAt) {

    public Vitals {
        flags = List.copyOf(flags);
    }
}
