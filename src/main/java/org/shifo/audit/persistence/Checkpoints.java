package org.shifo.audit.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.shifo.audit.AuditCheckpoint;
import org.shifo.audit.domain.ChainHead;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of {@code audit.checkpoints}: appended, never changed. */
@Repository
public class Checkpoints {

    private final JdbcClient jdbc;

    public Checkpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public AuditCheckpoint insert(UUID tenantId, Instant takenAt, ChainHead head) {
        jdbc.sql(
                        """
                        INSERT INTO audit.checkpoints (tenant_id, taken_at, entry_count, head_mac)
                        VALUES (:tenantId, :takenAt, :entryCount, :headMac)
                        """)
                .param("tenantId", tenantId)
                .param("takenAt", OffsetDateTime.ofInstant(takenAt, ZoneOffset.UTC))
                .param("entryCount", head.chainIndex())
                .param("headMac", head.mac())
                .update();
        return new AuditCheckpoint(tenantId, takenAt, head.chainIndex(), head.macHex());
    }

    public Optional<AuditCheckpoint> findLatest(UUID tenantId) {
        return findRecent(tenantId, 1).stream().findFirst();
    }

    /** The tenant's checkpoints, newest first. */
    public List<AuditCheckpoint> findRecent(UUID tenantId, int limit) {
        return jdbc.sql(
                        """
                        SELECT tenant_id, taken_at, entry_count, head_mac
                        FROM audit.checkpoints
                        WHERE tenant_id = :tenantId
                        ORDER BY taken_at DESC, id DESC
                        LIMIT :limit
                        """)
                .param("tenantId", tenantId)
                .param("limit", limit)
                .query((rs, row) -> checkpoint(rs))
                .list();
    }

    /** The latest checkpoint of every tenant that has one. */
    public List<AuditCheckpoint> findLatestOfEachTenant() {
        return jdbc.sql(
                        """
                        SELECT DISTINCT ON (tenant_id) tenant_id, taken_at, entry_count, head_mac
                        FROM audit.checkpoints
                        ORDER BY tenant_id, taken_at DESC, id DESC
                        """)
                .query((rs, row) -> checkpoint(rs))
                .list();
    }

    private static AuditCheckpoint checkpoint(ResultSet rs) throws SQLException {
        return new AuditCheckpoint(
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("taken_at", OffsetDateTime.class).toInstant(),
                rs.getLong("entry_count"),
                HexFormat.of().formatHex(rs.getBytes("head_mac")));
    }
}
