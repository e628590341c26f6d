package org.shifo.queue.domain;

/**
 * Why a ticket goes ahead of others. Waiting tickets are served by rank (highest first), then by the time
 * they joined. The default ranks put emergencies first, then people with a disability and the elderly, then
 * patients returning from another service point (laboratory results in hand), then patients on time for a
 * booked appointment, then walk-ins; an organization can change them (shifo.queue.priority-ranks.*).
 */
public enum Priority {
    EMERGENCY(100),
    DISABLED(50),
    ELDERLY(50),
    RETURNING(30),
    BOOKED(20),
    WALK_IN(0);

    private final int defaultRank;

    Priority(int defaultRank) {
        this.defaultRank = defaultRank;
    }

    public int defaultRank() {
        return defaultRank;
    }
}
