package org.shifo.clinical;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.TenantId;
import org.shifo.patients.PatientId;

/**
 * A laboratory result was recorded for a patient (published in the recording transaction). Notifications alert
 * on {@code critical} results; the assistant reads the result through the clinical module. Ids and facts only:
 * no value, no note.
 *
 * @param testCode the catalogue's code of the test (LOINC where one exists)
 * @param flag the result's flag, or {@code null} when no reference range applied (or the result is text)
 */
public record LabResultRecorded(
        TenantId tenant,
        UUID resultId,
        PatientId patient,
        String testCode,
        @Nullable LabFlag flag,
        boolean critical,
        Instant collectedAt) {

    public LabResultRecorded {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(resultId, "resultId");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(testCode, "testCode");
        Objects.requireNonNull(collectedAt, "collectedAt");
    }
}
