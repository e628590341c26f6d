package org.shifo.clinical.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A diagnosis of an encounter: the code system, the code and the title shown when it was entered ({@code
 * verified} false when no code set of the system was imported and only the code's structure was checked).
 */
public record Diagnosis(
        UUID id,
        UUID encounterId,
        UUID patientId,
        String system,
        String code,
        String display,
        boolean verified,
        DiagnosisKind kind,
        DiagnosisStatus status,
        @Nullable LocalDate onsetDate,
        UUID recordedBy,
        Instant recordedAt) {}
