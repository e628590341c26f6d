package org.shifo.queue.domain;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A ticket as stored. */
public record Ticket(
        UUID id,
        UUID queueId,
        int number,
        UUID patientId,
        @Nullable UUID appointmentId,
        Priority priority,
        int priorityRank,
        TicketStatus status,
        @Nullable String room,
        int callCount,
        Instant joinedAt,
        @Nullable Instant calledAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable UUID transferredTo,
        @Nullable UUID transferredFrom) {}
