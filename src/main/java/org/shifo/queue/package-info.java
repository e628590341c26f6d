/**
 * Live queues: a queue per practitioner or service point per branch per day, tickets with short numbers,
 * calls, and the per-queue event sequence that live screens follow. Issues a ticket when scheduling reports a
 * check-in ({@link org.shifo.scheduling.PatientCheckedIn}); publishes {@link org.shifo.queue.TicketCalled}.
 */
@ApplicationModule(
        displayName = "Queue",
        allowedDependencies = {"platform", "identity", "audit", "patients", "scheduling"})
@NullMarked
package org.shifo.queue;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
