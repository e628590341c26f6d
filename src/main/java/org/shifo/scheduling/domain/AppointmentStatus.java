package org.shifo.scheduling.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an appointment stands. {@code BOOKED → CHECKED_IN → IN_PROGRESS → COMPLETED}; a booked or checked-in
 * appointment may be cancelled, a booked one marked as a no-show. Completed, cancelled and no-show are final.
 */
public enum AppointmentStatus {
    BOOKED,
    CHECKED_IN,
    IN_PROGRESS,
    COMPLETED,
    CANCELLED,
    NO_SHOW;

    /** The statuses this one may move to. */
    public Set<AppointmentStatus> next() {
        return switch (this) {
            case BOOKED -> EnumSet.of(CHECKED_IN, CANCELLED, NO_SHOW);
            case CHECKED_IN -> EnumSet.of(IN_PROGRESS, CANCELLED, NO_SHOW);
            case IN_PROGRESS -> EnumSet.of(COMPLETED);
            case COMPLETED, CANCELLED, NO_SHOW -> EnumSet.noneOf(AppointmentStatus.class);
        };
    }

    public boolean canMoveTo(AppointmentStatus target) {
        return next().contains(target);
    }

    /** Still holds its time (for the practitioner and the room). */
    public boolean occupiesTime() {
        return this != CANCELLED && this != NO_SHOW;
    }
}
