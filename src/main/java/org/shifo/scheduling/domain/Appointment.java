package org.shifo.scheduling.domain;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchId;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientId;
import org.shifo.scheduling.AppointmentId;

/** An appointment or a walk-in visit, as stored. */
public record Appointment(
        AppointmentId id,
        BranchId branch,
        PatientId patient,
        UserId practitioner,
        UUID service,
        @Nullable String room,
        Instant start,
        Instant end,
        AppointmentStatus status,
        boolean walkIn,
        boolean backEntry,
        @Nullable String cancelReason,
        @Nullable Instant checkedInAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        Instant createdAt,
        Instant updatedAt,
        int version) {}
