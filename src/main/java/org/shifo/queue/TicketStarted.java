package org.shifo.queue;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientId;

/**
 * Service of a called patient began (the ticket is IN_SERVICE). Published inside the transaction of the change:
 * the clinical module opens the encounter of a practitioner's queue in it. {@code practitioner} is the queue's
 * practitioner (null for a service point such as the cashier), {@code appointment} the booked visit the ticket
 * came from, if any, and {@code startedBy} the member who pressed start (null for the system).
 */
public record TicketStarted(
        TenantId tenant,
        BranchId branch,
        UUID queueId,
        UUID ticketId,
        PatientId patient,
        @Nullable UserId practitioner,
        @Nullable UUID appointment,
        @Nullable UserId startedBy,
        Instant at) {}
