package org.shifo.scheduling;

import java.time.Instant;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientId;

/**
 * A checked-in appointment's visit began (status IN_PROGRESS). Published inside the transaction of the change;
 * the clinical module opens the encounter in it.
 */
public record VisitStarted(
        TenantId tenant,
        AppointmentId appointment,
        BranchId branch,
        PatientId patient,
        UserId practitioner,
        Instant startedAt) {}
