package org.shifo.clinical.encounters;

import org.shifo.queue.TicketStarted;
import org.shifo.scheduling.VisitStarted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens the encounter when a doctor starts a visit: a checked-in appointment moving to IN_PROGRESS, or a ticket
 * of a practitioner's queue moving to IN_SERVICE. A plain {@code @EventListener}, so the encounter commits with
 * the start (the doctor's next page finds it), and idempotent: starting the same visit again, or its ticket
 * after its appointment, keeps the one encounter.
 */
@Component
class VisitStarts {

    private final EncounterDesk desk;

    VisitStarts(EncounterDesk desk) {
        this.desk = desk;
    }

    @EventListener
    void on(VisitStarted event) {
        desk.openForVisit(
                event.tenant(),
                event.patient().value(),
                event.practitioner().value(),
                event.branch().value(),
                event.appointment().value(),
                null);
    }

    @EventListener
    void on(TicketStarted event) {
        if (event.practitioner() == null) {
            // a service point (cashier, laboratory): no doctor, no encounter
            return;
        }
        desk.openForVisit(
                event.tenant(),
                event.patient().value(),
                event.practitioner().value(),
                event.branch().value(),
                event.appointment(),
                event.ticketId());
    }
}
