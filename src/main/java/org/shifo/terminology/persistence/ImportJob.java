package org.shifo.terminology.persistence;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.terminology.domain.ImportFormat;

/** An import of a code set file as stored: what, by whom, how far, with what result. */
public record ImportJob(
        UUID id,
        UUID tenantId,
        ImportFormat format,
        String system,
        String fileName,
        long fileSize,
        String fileSha256,
        Status status,
        int processed,
        @Nullable Integer total,
        int added,
        int updated,
        int retired,
        @Nullable String errorMessage,
        @Nullable UUID createdBy,
        String createdByName,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt) {

    public enum Status {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED;

        public boolean isFinished() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    /** Per cent done, 0–100; the merge after the last row counts as the last per cent. */
    public int percent() {
        if (status == Status.SUCCEEDED) {
            return 100;
        }
        if (total == null || total == 0) {
            return 0;
        }
        return Math.min(99, (int) (processed * 100L / total));
    }
}
