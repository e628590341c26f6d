package org.shifo.scheduling.domain;

import java.time.Instant;
import java.time.ZoneId;
import org.shifo.identity.BranchId;

/**
 * A stretch of time a practitioner works in a branch, {@code [start, end)}, with no break or absence inside.
 * Slots start at {@code start} and follow each other at the service's duration: that is the service grid.
 */
public record WorkingInterval(BranchId branch, ZoneId zone, Instant start, Instant end) {

    public boolean contains(Instant from, Instant to) {
        return !from.isBefore(start) && !to.isAfter(end);
    }

    /** Whether {@code instant} lies on the grid of a service lasting {@code minutes}. */
    public boolean onGrid(Instant instant, int minutes) {
        long seconds = java.time.Duration.between(start, instant).getSeconds();
        return seconds >= 0 && seconds % (minutes * 60L) == 0;
    }
}
