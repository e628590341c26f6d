package org.shifo.scheduling.domain;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The time is taken: the practitioner (or the room) has another appointment then. 409, naming the conflicting
 * appointment's time in the branch's time zone.
 */
public final class BookingConflictException extends RuntimeException {

    private final String resource;
    private final Instant conflictStart;
    private final Instant conflictEnd;
    private final ZoneId zone;

    public BookingConflictException(String resource, Instant conflictStart, Instant conflictEnd, ZoneId zone) {
        super(resource + " busy");
        this.resource = resource;
        this.conflictStart = conflictStart;
        this.conflictEnd = conflictEnd;
        this.zone = zone;
    }

    /** {@code practitioner} or {@code room}. */
    public String resource() {
        return resource;
    }

    public Instant conflictStart() {
        return conflictStart;
    }

    public Instant conflictEnd() {
        return conflictEnd;
    }

    public ZoneId zone() {
        return zone;
    }
}
