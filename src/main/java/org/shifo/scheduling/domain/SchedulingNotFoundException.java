package org.shifo.scheduling.domain;

/** The thing a path names does not exist in the caller's organization (or may not be seen): 404. */
public final class SchedulingNotFoundException extends RuntimeException {

    public SchedulingNotFoundException(String what) {
        super(what + " not found");
    }
}
