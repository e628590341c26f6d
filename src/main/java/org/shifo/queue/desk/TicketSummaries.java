package org.shifo.queue.desk;

import java.util.Optional;
import java.util.UUID;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientId;
import org.shifo.queue.TicketLookup;
import org.shifo.queue.persistence.QueueStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link TicketLookup} over the queue store. */
@Component
class TicketSummaries implements TicketLookup {

    private final QueueStore store;

    TicketSummaries(QueueStore store) {
        this.store = store;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Summary> find(TenantId tenant, UUID ticketId) {
        UUID t = tenant.value();
        return store.findTicket(t, ticketId).flatMap(ticket -> store.find(t, ticket.queueId())
                .map(queue -> new Summary(
                        ticket.id(),
                        queue.id(),
                        new BranchId(queue.branchId()),
                        queue.practitionerId() == null ? null : new UserId(queue.practitionerId()),
                        queue.servicePoint(),
                        store.calledBy(t, ticket.id()).map(UserId::new).orElse(null),
                        ticket.room(),
                        ticket.status().name())));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Waiting> nextWaiting(TenantId tenant, UUID queueId) {
        UUID t = tenant.value();
        return store.find(t, queueId).flatMap(queue -> store.firstWaiting(t, queueId)
                .map(ticket ->
                        new Waiting(ticket.id(), queue.display(ticket.number()), new PatientId(ticket.patientId()))));
    }
}
