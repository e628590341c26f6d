package org.shifo.queue.domain;

import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A queue as stored. */
public record QueueInfo(
        UUID id,
        UUID branchId,
        LocalDate day,
        @Nullable UUID practitionerId,
        @Nullable String servicePoint,
        String name,
        String prefix,
        int lastNumber,
        long lastSeq) {

    /** A ticket's short number as the hall sees it: {@code D-014}. */
    public String display(int number) {
        return prefix + "-" + String.format(java.util.Locale.ROOT, "%03d", number);
    }
}
