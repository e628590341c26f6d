package org.shifo.terminology.api;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.terminology.domain.CodeFormat;
import org.shifo.terminology.persistence.ImportJob;

/** An import job: its status and progress ({@code processed} of {@code total} codes), then what it changed. */
public record ImportJobResponse(
        UUID id,
        String status,
        String format,
        String system,
        String systemName,
        String fileName,
        long fileSize,
        String fileSha256,
        int processed,
        @Nullable Integer total,
        int percent,
        int added,
        int updated,
        int retired,
        @Nullable String errorMessage,
        String createdBy,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt) {

    public static ImportJobResponse from(ImportJob job) {
        return new ImportJobResponse(
                job.id(),
                job.status().name(),
                job.format().name(),
                job.system(),
                CodeFormat.shortName(job.system()),
                job.fileName(),
                job.fileSize(),
                job.fileSha256(),
                job.processed(),
                job.total(),
                job.percent(),
                job.added(),
                job.updated(),
                job.retired(),
                job.errorMessage(),
                job.createdByName(),
                job.createdAt(),
                job.startedAt(),
                job.finishedAt());
    }
}
