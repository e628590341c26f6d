package org.shifo.scheduling;

import java.time.Instant;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientId;

/**
 * A patient arrived: checked in for an appointment, or a walk-in visit was opened ({@code walkIn}). The queue
 * issues a ticket for it.
 */
public record PatientCheckedIn(
        TenantId tenant,
        AppointmentId appointment,
        BranchId branch,
        PatientId patient,
        UserId practitioner,
        java.util.UUID service,
        boolean walkIn,
        Instant scheduledStart,
        Instant checkedInAt) {}
