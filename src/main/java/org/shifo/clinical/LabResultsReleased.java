package org.shifo.clinical;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientId;

/**
 * A doctor released laboratory results to the patient (published in the releasing transaction, once per release
 * and only when at least one result was newly released). Notifications tell the patient the results are ready;
 * ids only: no test, no value.
 */
public record LabResultsReleased(
        TenantId tenant, PatientId patient, List<UUID> resultIds, UserId releasedBy, Instant releasedAt) {
    public LabResultsReleased {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(patient, "patient");
        resultIds = List.copyOf(resultIds);
        Objects.requireNonNull(releasedBy, "releasedBy");
        Objects.requireNonNull(releasedAt, "releasedAt");
        if (resultIds.isEmpty()) {
            throw new IllegalArgumentException("a release releases at least one result");
        }
    }
}
