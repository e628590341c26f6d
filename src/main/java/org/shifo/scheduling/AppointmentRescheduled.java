package org.shifo.scheduling;

import java.time.Instant;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientId;

/** An appointment moved to another time (or practitioner); {@code previousStart} is where it was. */
public record AppointmentRescheduled(
        TenantId tenant,
        AppointmentId appointment,
        BranchId branch,
        PatientId patient,
        UserId practitioner,
        Instant previousStart,
        Instant start,
        Instant end)
        implements AppointmentEvent {}
