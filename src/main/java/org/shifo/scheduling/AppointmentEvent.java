package org.shifo.scheduling;

import java.time.Instant;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientId;

/** What every event about one appointment tells: whose visit, where, with whom, and when it starts. */
public sealed interface AppointmentEvent permits AppointmentBooked, AppointmentRescheduled, AppointmentCancelled {

    TenantId tenant();

    AppointmentId appointment();

    BranchId branch();

    PatientId patient();

    UserId practitioner();

    /** When the visit starts (after the event: a rescheduled one's new start). */
    Instant start();
}
