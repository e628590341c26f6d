package org.shifo.scheduling;

import java.time.Instant;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientId;

/** An appointment was booked (after the commit, listeners may remind the patient). */
public record AppointmentBooked(
        TenantId tenant,
        AppointmentId appointment,
        BranchId branch,
        PatientId patient,
        UserId practitioner,
        java.util.UUID service,
        Instant start,
        Instant end)
        implements AppointmentEvent {}
