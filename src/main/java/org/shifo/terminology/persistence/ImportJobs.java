package org.shifo.terminology.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.terminology.domain.ImportFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Import jobs, in {@code terminology.import_jobs}. */
@Repository
public class ImportJobs {

    private static final String COLUMNS =
            """
            id, tenant_id, format, system, file_name, file_size, file_sha256, status, processed, total, added,
            updated, retired, error_message, created_by, created_by_name, created_at, started_at, finished_at
            """;

    private final JdbcClient jdbc;

    ImportJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ImportJob job) {
        jdbc.sql(
                        """
                        INSERT INTO terminology.import_jobs (id, tenant_id, format, system, file_name, file_size,
                            file_sha256, status, created_by, created_by_name, created_at)
                        VALUES (:id, :tenant, :format, :system, :fileName, :fileSize, :sha, :status, :createdBy,
                            :createdByName, :createdAt)
                        """)
                .param("id", job.id())
                .param("tenant", job.tenantId())
                .param("format", job.format().name())
                .param("system", job.system())
                .param("fileName", job.fileName())
                .param("fileSize", job.fileSize())
                .param("sha", job.fileSha256())
                .param("status", job.status().name())
                .param("createdBy", job.createdBy())
                .param("createdByName", job.createdByName())
                .param("createdAt", Timestamp.from(job.createdAt()))
                .update();
    }

    public Optional<ImportJob> find(UUID tenant, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM terminology.import_jobs WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .query(ImportJobs::row)
                .optional();
    }

    public List<ImportJob> recent(UUID tenant, int limit) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM terminology.import_jobs WHERE tenant_id = :tenant ORDER BY created_at DESC, id DESC"
                        + " LIMIT :limit")
                .param("tenant", tenant)
                .param("limit", limit)
                .query(ImportJobs::row)
                .list();
    }

    /** The job starts: RUNNING with the number of codes the file holds. */
    public void start(UUID tenant, UUID id, long total, Instant now) {
        jdbc.sql(
                        """
                        UPDATE terminology.import_jobs SET status = 'RUNNING', total = :total, started_at = :now,
                            heartbeat_at = :now
                        WHERE tenant_id = :tenant AND id = :id AND status = 'QUEUED'
                        """)
                .param("tenant", tenant)
                .param("id", id)
                .param("total", (int) Math.min(Integer.MAX_VALUE, total))
                .param("now", Timestamp.from(now))
                .update();
    }

    /** The job is still being worked on (while the codes are merged, when no progress is saved). */
    public void heartbeat(UUID tenant, UUID id, Instant now) {
        jdbc.sql(
                        """
                        UPDATE terminology.import_jobs SET heartbeat_at = :now
                        WHERE tenant_id = :tenant AND id = :id AND status = 'RUNNING'
                        """)
                .param("tenant", tenant)
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update();
    }

    public void progress(UUID tenant, UUID id, long processed, Instant now) {
        jdbc.sql(
                        """
                        UPDATE terminology.import_jobs SET processed = :processed, heartbeat_at = :now
                        WHERE tenant_id = :tenant AND id = :id AND status = 'RUNNING'
                        """)
                .param("tenant", tenant)
                .param("id", id)
                .param("processed", (int) Math.min(Integer.MAX_VALUE, processed))
                .param("now", Timestamp.from(now))
                .update();
    }

    public void succeed(UUID tenant, UUID id, long processed, ImportCounts counts, Instant now) {
        jdbc.sql(
                        """
                        UPDATE terminology.import_jobs SET status = 'SUCCEEDED', error_message = NULL,
                            processed = :processed,
                            added = :added, updated = :updated, retired = :retired, finished_at = :now,
                            heartbeat_at = :now
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant)
                .param("id", id)
                .param("processed", (int) Math.min(Integer.MAX_VALUE, processed))
                .param("added", counts.added())
                .param("updated", counts.updated())
                .param("retired", counts.retired())
                .param("now", Timestamp.from(now))
                .update();
    }

    public void fail(UUID tenant, UUID id, String message, Instant now) {
        jdbc.sql(
                        """
                        UPDATE terminology.import_jobs SET status = 'FAILED', error_message = :message,
                            finished_at = :now, started_at = coalesce(started_at, :now)
                        WHERE tenant_id = :tenant AND id = :id AND status IN ('QUEUED', 'RUNNING')
                        """)
                .param("tenant", tenant)
                .param("id", id)
                .param("message", message.length() > 2000 ? message.substring(0, 2000) : message)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Marks FAILED every unfinished job, of any tenant, not heard of since {@code silentSince}: its node stopped
     * during the import (run with the system scope).
     */
    public List<ImportJob> failAbandoned(Instant silentSince, String message, Instant now) {
        return jdbc.sql(
                        """
                        UPDATE terminology.import_jobs SET status = 'FAILED', error_message = :message,
                            finished_at = :now, started_at = coalesce(started_at, :now)
                        WHERE status IN ('QUEUED', 'RUNNING') AND coalesce(heartbeat_at, created_at) < :since
                        RETURNING\s"""
                                + COLUMNS)
                .param("message", message)
                .param("since", Timestamp.from(silentSince))
                .param("now", Timestamp.from(now))
                .query(ImportJobs::row)
                .list();
    }

    private static ImportJob row(ResultSet rs, int n) throws SQLException {
        return new ImportJob(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                ImportFormat.valueOf(rs.getString("format")),
                rs.getString("system"),
                rs.getString("file_name"),
                rs.getLong("file_size"),
                rs.getString("file_sha256"),
                ImportJob.Status.valueOf(rs.getString("status")),
                rs.getInt("processed"),
                (Integer) rs.getObject("total"),
                rs.getInt("added"),
                rs.getInt("updated"),
                rs.getInt("retired"),
                rs.getString("error_message"),
                rs.getObject("created_by", UUID.class),
                rs.getString("created_by_name"),
                instant(rs, "created_at"),
                optionalInstant(rs, "started_at"),
                optionalInstant(rs, "finished_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    static @Nullable Instant optionalInstant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
