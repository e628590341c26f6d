/**
 * Practitioners' weekly schedules and exceptions, the services they perform, free slots, and appointments from
 * booking through check-in to the end of the visit. Publishes {@link org.shifo.scheduling.AppointmentBooked},
 * {@link org.shifo.scheduling.AppointmentRescheduled}, {@link org.shifo.scheduling.AppointmentCancelled} and
 * {@link org.shifo.scheduling.PatientCheckedIn} (persisted by Spring Modulith, so the queue and notifications
 * react after the commit).
 */
@ApplicationModule(
        displayName = "Scheduling",
        allowedDependencies = {"platform", "identity", "audit", "patients"})
@NullMarked
package org.shifo.scheduling;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
