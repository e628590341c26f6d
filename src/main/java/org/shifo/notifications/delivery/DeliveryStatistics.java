package org.shifo.notifications.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the delivery dashboard shows an organization's administrators: counts per day, channel, status and reason,
 * the dead letters, and the retry of one. Runs in the caller's tenant scope; every query names the tenant.
 */
@Service
public class DeliveryStatistics {

    private final JdbcClient jdbc;
    private final NotificationRows rows;
    private final AuditLog audit;
    private final java.time.Clock clock;

    DeliveryStatistics(JdbcClient jdbc, NotificationRows rows, AuditLog audit, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * How many notifications were created on a day (local to {@code zone}) per channel, status and reason.
     *
     * @param status PENDING, SENDING, SENT (accepted by the provider: Telegram and FCM give no later receipt, so
     *     "delivered" is "sent"), DEAD (failed) or CANCELLED
     * @param reason the last error's code (TELEGRAM_BLOCKED, TELEGRAM_429, EXPIRED, UNCERTAIN, ...), empty when none
     */
    public record DailyCount(LocalDate day, String channel, String status, String reason, long count) {}

    /** A failed notification for the administrators: ids and codes only, never the text. */
    public record DeadLetter(
            UUID id,
            Instant createdAt,
            String channel,
            String template,
            String recipientKind,
            UUID recipientId,
            int attempts,
            @Nullable String lastError) {}

    /** Counts from {@code from} to {@code to} inclusive, by day, channel, status and reason. */
    @Transactional(readOnly = true)
    public List<DailyCount> daily(TenantId tenant, LocalDate from, LocalDate to, ZoneId zone) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        return jdbc.sql(
                        """
                        SELECT (created_at AT TIME ZONE :zone)::date AS day, channel, status,
                               COALESCE(last_error, '') AS reason, count(*) AS n
                          FROM notifications.notifications
                         WHERE tenant_id = :tenant AND created_at >= :start AND created_at < :end
                         GROUP BY 1, 2, 3, 4
                         ORDER BY 1, 2, 3, 4
                        """)
                .param("tenant", tenant.value())
                .param("zone", zone.getId())
                .param("start", Timestamp.from(start))
                .param("end", Timestamp.from(end))
                .query((rs, n) -> new DailyCount(
                        rs.getObject("day", LocalDate.class),
                        rs.getString("channel"),
                        rs.getString("status"),
                        rs.getString("reason"),
                        rs.getLong("n")))
                .list();
    }

    /** The newest dead letters, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<DeadLetter> deadLetters(TenantId tenant, int limit) {
        return jdbc.sql(
                        """
                        SELECT id, created_at, channel, template, recipient_kind, recipient_id, attempts, last_error
                          FROM notifications.notifications
                         WHERE tenant_id = :tenant AND status = 'DEAD'
                         ORDER BY created_at DESC
                         LIMIT :limit
                        """)
                .param("tenant", tenant.value())
                .param("limit", Math.clamp(limit, 1, 500))
                .query((rs, n) -> new DeadLetter(
                        rs.getObject("id", UUID.class),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("channel"),
                        rs.getString("template"),
                        rs.getString("recipient_kind"),
                        rs.getObject("recipient_id", UUID.class),
                        rs.getInt("attempts"),
                        rs.getString("last_error")))
                .list();
    }

    /**
     * An administrator's "retry" of a DEAD row: due now with its attempts counted afresh, audited as {@code
     * notification.retry}. False when the row is not DEAD in this organization. A row DEAD as UNCERTAIN may have
     * been delivered: the administrator decides.
     */
    @Transactional
    public boolean retry(TenantId tenant, UUID notificationId) {
        Optional<NotificationRows.Row> row = rows.find(tenant, notificationId);
        if (row.isEmpty() || !row.get().status().equals("DEAD")) {
            return false;
        }
        boolean retried = rows.retryDead(tenant, notificationId, clock.instant());
        if (retried) {
            audit.record(AuditEvent.of(
                            tenant.value(),
                            CurrentUser.auditActor("notifications"),
                            "notification.retry",
                            "notification",
                            notificationId.toString(),
                            AuditOutcome.SUCCESS)
                    .withDetail("template", row.get().template()));
        }
        return retried;
    }
}
