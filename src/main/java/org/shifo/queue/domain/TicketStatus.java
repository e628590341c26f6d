package org.shifo.queue.domain;

/** Where a ticket stands. */
public enum TicketStatus {
    WAITING,
    CALLED,
    IN_SERVICE,
    DONE,
    SKIPPED,
    TRANSFERRED;

    /** Still in the queue's business: waiting, called or being served. */
    public boolean isLive() {
        return this == WAITING || this == CALLED || this == IN_SERVICE;
    }
}
