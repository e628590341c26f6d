package org.shifo.queue.domain;

import java.util.EnumSet;
import java.util.Set;

/** What staff do with a ticket, the statuses each action starts from, and where it leads. */
public enum TicketAction {
    CALL(EnumSet.of(TicketStatus.WAITING), TicketStatus.CALLED, "TICKET_CALLED"),
    RECALL(EnumSet.of(TicketStatus.CALLED), TicketStatus.CALLED, "TICKET_RECALLED"),
    START(EnumSet.of(TicketStatus.CALLED), TicketStatus.IN_SERVICE, "TICKET_STARTED"),
    FINISH(EnumSet.of(TicketStatus.IN_SERVICE), TicketStatus.DONE, "TICKET_FINISHED"),
    SKIP(EnumSet.of(TicketStatus.CALLED, TicketStatus.WAITING), TicketStatus.SKIPPED, "TICKET_SKIPPED"),
    RETURN(EnumSet.of(TicketStatus.SKIPPED, TicketStatus.CALLED), TicketStatus.WAITING, "TICKET_RETURNED"),
    TRANSFER(
            EnumSet.of(TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.IN_SERVICE, TicketStatus.DONE),
            TicketStatus.TRANSFERRED,
            "TICKET_TRANSFERRED");

    private final Set<TicketStatus> from;
    private final TicketStatus to;
    private final String event;

    TicketAction(Set<TicketStatus> from, TicketStatus to, String event) {
        this.from = from;
        this.to = to;
        this.event = event;
    }

    public boolean allowedFrom(TicketStatus status) {
        return from.contains(status);
    }

    public TicketStatus target() {
        return to;
    }

    public String event() {
        return event;
    }

    /** The actions possible from a status. */
    public static Set<TicketAction> from(TicketStatus status) {
        Set<TicketAction> actions = EnumSet.noneOf(TicketAction.class);
        for (TicketAction action : values()) {
            if (action != CALL && action.allowedFrom(status)) {
                actions.add(action);
            }
        }
        return actions;
    }
}
