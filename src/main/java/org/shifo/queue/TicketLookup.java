package org.shifo.queue;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientId;

/**
 * What another module may ask about a ticket it heard of (a {@link TicketCalled}): whose queue it is in, who called
 * it, where to, and who is next in its queue. Not audited: ids, a room and a ticket number only.
 */
public interface TicketLookup {

    /**
     * A ticket's facts.
     *
     * @param practitioner the practitioner whose queue holds the ticket; {@code null} for a service point's queue
     * @param servicePoint the service point (RECEPTION, CASHIER, ...) of such a queue, else {@code null}
     * @param calledBy the staff member who last called it, if anyone did
     * @param status WAITING, CALLED, IN_SERVICE, DONE, SKIPPED or TRANSFERRED
     */
    record Summary(
            UUID ticketId,
            UUID queueId,
            BranchId branch,
            @Nullable UserId practitioner,
            @Nullable String servicePoint,
            @Nullable UserId calledBy,
            @Nullable String room,
            String status) {}

    /** The ticket, unless it does not exist in this organization. */
    Optional<Summary> find(TenantId tenant, UUID ticketId);

    /** The ticket first in line in a queue (serving order: priority, then arrival) and its patient. */
    record Waiting(UUID ticketId, String number, PatientId patient) {}

    /** Who is next in the queue (in the caller's transaction, so a call just made counts), if anyone waits. */
    Optional<Waiting> nextWaiting(TenantId tenant, UUID queueId);
}
