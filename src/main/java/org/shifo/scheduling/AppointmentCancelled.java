package org.shifo.scheduling;

import java.time.Instant;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientId;

/**
 * An appointment was cancelled and its time is free again. The reason stays in scheduling (it may say something
 * about the patient's health), so the event does not carry it.
 */
public record AppointmentCancelled(
        TenantId tenant,
        AppointmentId appointment,
        BranchId branch,
        PatientId patient,
        UserId practitioner,
        Instant start)
        implements AppointmentEvent {}
