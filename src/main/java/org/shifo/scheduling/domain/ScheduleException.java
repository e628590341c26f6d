package org.shifo.scheduling.domain;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchId;

/** An absence or an extra shift of one practitioner, {@code [from, to)}; an extra shift names its branch. */
public record ScheduleException(
        UUID id, ExceptionKind kind, Instant from, Instant to, @Nullable BranchId branch, @Nullable String note) {}
