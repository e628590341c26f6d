package org.shifo.scheduling.domain;

import java.util.Set;

/** A status change the workflow does not allow: 409, listing what is allowed from here. */
public final class IllegalTransitionException extends RuntimeException {

    private final AppointmentStatus current;
    private final AppointmentStatus requested;

    public IllegalTransitionException(AppointmentStatus current, AppointmentStatus requested) {
        super(current + " -> " + requested);
        this.current = current;
        this.requested = requested;
    }

    public AppointmentStatus current() {
        return current;
    }

    public AppointmentStatus requested() {
        return requested;
    }

    public Set<AppointmentStatus> allowed() {
        return current.next();
    }
}
