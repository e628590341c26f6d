package org.shifo.notifications.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * notifications.notifications and what the engine reads beside it (links, devices, settings). Every statement names
 * the tenant or runs in the system scope of a worker; the caller owns the transaction.
 */
@Component
class NotificationRows {

    private static final TypeReference<Map<String, String>> PAYLOAD = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    NotificationRows(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One row as a worker sees it. */
    record Row(
            UUID id,
            TenantId tenant,
            String eventKey,
            String recipientKind,
            UUID recipientId,
            String channel,
            String address,
            String template,
            String language,
            Map<String, String> payload,
            boolean urgent,
            String status,
            int attempts,
            Instant nextAttemptAt,
            @Nullable Instant expiresAt) {}

    /** A row to create. */
    record NewRow(
            TenantId tenant,
            String eventKey,
            String recipientKind,
            UUID recipientId,
            String channel,
            String address,
            NotificationTemplate template,
            String language,
            Map<String, String> payload,
            boolean urgent,
            Instant nextAttemptAt,
            @Nullable Instant expiresAt) {}

    /** An organization's delivery preferences (notifications.settings, or the defaults). */
    record Preferences(
            LocalTime quietFrom, LocalTime quietUntil, List<Integer> reminderOffsets, int perChat, int perBot) {

        static final Preferences DEFAULTS =
                new Preferences(LocalTime.of(22, 0), LocalTime.of(8, 0), List.of(1440, 120), 1, 30);
    }

    /** Inserts the row unless the same (event, recipient, channel, address) exists: true when inserted. */
    boolean insert(NewRow row, Instant now) {
        return jdbc.sql(
                                """
                        INSERT INTO notifications.notifications
                            (id, tenant_id, event_key, recipient_kind, recipient_id, channel, address, template,
                             language, payload, urgent, status, attempts, next_attempt_at, expires_at, created_at)
                        VALUES (:id, :tenant, :eventKey, :recipientKind, :recipientId, :channel, :address, :template,
                                :language, CAST(:payload AS jsonb), :urgent, 'PENDING', 0, :next, :expires, :now)
                        ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING
                        """)
                        .param("id", UUID.randomUUID())
                        .param("tenant", row.tenant().value())
                        .param("eventKey", row.eventKey())
                        .param("recipientKind", row.recipientKind())
                        .param("recipientId", row.recipientId())
                        .param("channel", row.channel())
                        .param("address", row.address())
                        .param("template", row.template().key())
                        .param("language", row.language())
                        .param("payload", json.writeValueAsString(row.payload()))
                        .param("urgent", row.urgent())
                        .param("next", Timestamp.from(row.nextAttemptAt()))
                        .param("expires", row.expiresAt() == null ? null : Timestamp.from(row.expiresAt()))
                        .param("now", Timestamp.from(now))
                        .update()
                > 0;
    }

    /** A patient's active Telegram chats: chat id → language of the link. */
    Map<Long, String> telegramChats(TenantId tenant, UUID patient) {
        return jdbc
                .sql(
                        """
                        SELECT chat_id, language FROM notifications.telegram_links
                         WHERE tenant_id = :tenant AND patient_id = :patient AND unlinked_at IS NULL
                         ORDER BY chat_id
                        """)
                .param("tenant", tenant.value())
                .param("patient", patient)
                .query((rs, n) -> Map.entry(rs.getLong("chat_id"), rs.getString("language")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new));
    }

    /** A patient's push devices. */
    List<UUID> patientDevices(TenantId tenant, UUID patient) {
        return jdbc.sql("SELECT id FROM notifications.devices WHERE tenant_id = :tenant AND patient_id = :patient"
                        + " ORDER BY id")
                .param("tenant", tenant.value())
                .param("patient", patient)
                .query(UUID.class)
                .list();
    }

    /** Staff members' push devices: device id → user id. */
    Map<UUID, UUID> staffDevices(TenantId tenant, Collection<UUID> users) {
        if (users.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql(
                        """
                        SELECT id, user_id FROM notifications.devices
                         WHERE tenant_id = :tenant AND user_id IN (:users) ORDER BY id
                        """)
                .param("tenant", tenant.value())
                .param("users", users)
                .query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new));
    }

    Preferences preferences(TenantId tenant) {
        return jdbc.sql(
                        """
                        SELECT quiet_from, quiet_until, reminder_offsets, per_chat_per_second, per_bot_per_second
                          FROM notifications.settings WHERE tenant_id = :tenant
                        """)
                .param("tenant", tenant.value())
                .query((rs, n) -> new Preferences(
                        rs.getObject("quiet_from", LocalTime.class),
                        rs.getObject("quiet_until", LocalTime.class),
                        List.of((Integer[]) rs.getArray("reminder_offsets").getArray()),
                        rs.getInt("per_chat_per_second"),
                        rs.getInt("per_bot_per_second")))
                .optional()
                .orElse(Preferences.DEFAULTS);
    }

    /** Cancels an appointment's pending rows of these templates (a cancelled or moved appointment). */
    int cancelPendingOfAppointment(
            TenantId tenant, UUID appointment, Collection<NotificationTemplate> templates, String reason, Instant now) {
        return jdbc.sql(
                        """
                        UPDATE notifications.notifications
                           SET status = 'CANCELLED', last_error = :reason, claimed_at = NULL, claimed_by = NULL
                         WHERE tenant_id = :tenant AND status = 'PENDING'
                           AND payload ->> 'appointmentId' = :appointment AND template IN (:templates)
                        """)
                .param("tenant", tenant.value())
                .param("appointment", appointment.toString())
                .param(
                        "templates",
                        templates.stream().map(NotificationTemplate::key).toList())
                .param("reason", reason)
                .update();
    }

    // ---- the workers (system scope)

    /**
     * Claims due PENDING rows of these channels, oldest first, skipping rows another node holds and the Telegram
     * rows of organizations whose bot has no free slot now.
     */
    List<Row> claim(Instant now, String node, Collection<String> channels, Collection<UUID> saturated, int limit) {
        if (channels.isEmpty()) {
            return List.of();
        }
        return jdbc
                .sql(
                        """
                        WITH due AS (
                            SELECT id FROM notifications.notifications
                             WHERE status = 'PENDING' AND next_attempt_at <= :now AND channel IN (:channels)
                               AND NOT (channel = 'TELEGRAM' AND tenant_id = ANY (CAST(:saturated AS uuid[])))
                             ORDER BY next_attempt_at
                             LIMIT :limit
                             FOR UPDATE SKIP LOCKED)
                        UPDATE notifications.notifications n
                           SET status = 'SENDING', claimed_at = :now, claimed_by = :node, send_started_at = NULL
                          FROM due
                         WHERE n.id = due.id
                        RETURNING n.*
                        """)
                .param("now", Timestamp.from(now))
                .param("channels", channels)
                .param("saturated", saturated.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")))
                .param("limit", limit)
                .param("node", node)
                .query(this::row)
                .list()
                .stream()
                .sorted(java.util.Comparator.comparing(Row::nextAttemptAt))
                .toList();
    }

    /** Marks that the provider is about to be called; false when this node no longer holds the row. */
    boolean markStarted(UUID id, String node, Instant now) {
        return jdbc.sql(
                                """
                        UPDATE notifications.notifications
                           SET send_started_at = :now, attempts = LEAST(attempts + 1, 100)
                         WHERE id = :id AND status = 'SENDING' AND claimed_by = :node AND send_started_at IS NULL
                        """)
                        .param("id", id)
                        .param("node", node)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Gives an unsent claimed row back, due at {@code next}. */
    void release(UUID id, String node, Instant next) {
        jdbc.sql(
                        """
                        UPDATE notifications.notifications
                           SET status = 'PENDING', next_attempt_at = :next, claimed_at = NULL, claimed_by = NULL
                         WHERE id = :id AND status = 'SENDING' AND claimed_by = :node AND send_started_at IS NULL
                        """)
                .param("id", id)
                .param("node", node)
                .param("next", Timestamp.from(next))
                .update();
    }

    /**
     * A claimed row whose provider call was given up before it left (its departure would have broken a limit):
     * back to PENDING as never started.
     */
    void unstart(UUID id, String node, Instant next) {
        jdbc.sql(
                        """
                        UPDATE notifications.notifications
                           SET status = 'PENDING', next_attempt_at = :next, claimed_at = NULL, claimed_by = NULL,
                               send_started_at = NULL, attempts = GREATEST(attempts - 1, 0)
                         WHERE id = :id AND status = 'SENDING' AND claimed_by = :node
                        """)
                .param("id", id)
                .param("node", node)
                .param("next", Timestamp.from(next))
                .update();
    }

    /**
     * Sent: also over a row the crash rule already marked UNCERTAIN (its node was slow, not dead): the provider's
     * answer settles the doubt.
     */
    void sent(UUID id, String providerMessageId, Instant now) {
        jdbc.sql(
                        """
                        UPDATE notifications.notifications
                           SET status = 'SENT', last_error = NULL, provider_message_id = :provider, sent_at = :now,
                               claimed_at = NULL, claimed_by = NULL, send_started_at = NULL
                         WHERE id = :id AND (status = 'SENDING' OR (status = 'DEAD' AND last_error = 'UNCERTAIN'))
                        """)
                .param("id", id)
                .param("provider", providerMessageId)
                .param("now", Timestamp.from(now))
                .update();
    }

    void retryAt(UUID id, Instant next, String reason) {
        finish(id, "PENDING", reason, null, null, next);
    }

    void dead(UUID id, String reason) {
        finish(id, "DEAD", reason, null, null, null);
    }

    void cancel(UUID id, String reason) {
        finish(id, "CANCELLED", reason, null, null, null);
    }

    private void finish(
            UUID id,
            String status,
            @Nullable String reason,
            @Nullable String providerMessageId,
            @Nullable Instant sentAt,
            @Nullable Instant next) {
        jdbc.sql(
                        """
                        UPDATE notifications.notifications
                           SET status = :status, last_error = :reason,
                               provider_message_id = COALESCE(:provider, provider_message_id),
                               sent_at = COALESCE(:sentAt, sent_at),
                               next_attempt_at = COALESCE(:next, next_attempt_at),
                               claimed_at = NULL, claimed_by = NULL, send_started_at = NULL
                         WHERE id = :id AND status = 'SENDING'
                        """)
                .param("id", id)
                .param("status", status)
                .param("reason", reason == null ? null : truncate(reason))
                .param("provider", providerMessageId)
                .param("sentAt", sentAt == null ? null : Timestamp.from(sentAt))
                .param("next", next == null ? null : Timestamp.from(next))
                .update();
    }

    /**
     * The crash rule: SENDING rows claimed before {@code cutoff} go back to PENDING when the provider was never
     * called, and DEAD as {@code UNCERTAIN} when it may have been. Returns {returned, uncertain}.
     */
    int[] recoverExpired(Instant cutoff) {
        int returned = jdbc.sql(
                        """
                        UPDATE notifications.notifications
                           SET status = 'PENDING', claimed_at = NULL, claimed_by = NULL
                         WHERE status = 'SENDING' AND claimed_at < :cutoff AND send_started_at IS NULL
                        """)
                .param("cutoff", Timestamp.from(cutoff))
                .update();
        int uncertain = jdbc.sql(
                        """
                        UPDATE notifications.notifications
                           SET status = 'DEAD', last_error = 'UNCERTAIN', claimed_at = NULL, claimed_by = NULL
                         WHERE status = 'SENDING' AND claimed_at < :cutoff AND send_started_at IS NOT NULL
                        """)
                .param("cutoff", Timestamp.from(cutoff))
                .update();
        return new int[] {returned, uncertain};
    }

    /** Gives back every unsent row this node holds (a graceful stop). */
    int releaseAll(String node) {
        return jdbc.sql(
                        """
                        UPDATE notifications.notifications
                           SET status = 'PENDING', claimed_at = NULL, claimed_by = NULL
                         WHERE status = 'SENDING' AND claimed_by = :node AND send_started_at IS NULL
                        """)
                .param("node", node)
                .update();
    }

    /** Unlinks a Telegram chat after a permanent refusal and cancels what was still pending for it. */
    void unlinkTelegram(TenantId tenant, String chatId, String unlinkReason, Instant now) {
        jdbc.sql(
                        """
                        UPDATE notifications.telegram_links
                           SET unlinked_at = :now, unlink_reason = :reason
                         WHERE tenant_id = :tenant AND chat_id = :chat AND unlinked_at IS NULL
                        """)
                .param("tenant", tenant.value())
                .param("chat", Long.parseLong(chatId))
                .param("reason", unlinkReason)
                .param("now", Timestamp.from(now))
                .update();
        cancelPendingTo(tenant, "TELEGRAM", chatId);
    }

    /** Deletes a dead push device and cancels what was still pending for it. */
    void deleteDevice(TenantId tenant, String deviceId) {
        jdbc.sql("DELETE FROM notifications.devices WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", UUID.fromString(deviceId))
                .update();
        cancelPendingTo(tenant, "PUSH", deviceId);
    }

    private void cancelPendingTo(TenantId tenant, String channel, String address) {
        jdbc.sql(
                        """
                        UPDATE notifications.notifications
                           SET status = 'CANCELLED', last_error = 'ADDRESS_GONE'
                         WHERE tenant_id = :tenant AND channel = :channel AND address = :address AND status = 'PENDING'
                        """)
                .param("tenant", tenant.value())
                .param("channel", channel)
                .param("address", address)
                .update();
    }

    /** Rows due now or overdue, every organization (the metrics' gauge). */
    long dueCount(Instant now) {
        return jdbc.sql(
                        """
                        SELECT count(*) FROM notifications.notifications
                         WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= :now
                        """)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    Optional<Row> find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT * FROM notifications.notifications WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .query(this::row)
                .optional();
    }

    /** An administrator's retry of a DEAD row: due now, attempts counted afresh. */
    boolean retryDead(TenantId tenant, UUID id, Instant now) {
        return jdbc.sql(
                                """
                        UPDATE notifications.notifications
                           SET status = 'PENDING', attempts = 0, next_attempt_at = :now, last_error = NULL,
                               claimed_at = NULL, claimed_by = NULL, send_started_at = NULL
                         WHERE tenant_id = :tenant AND id = :id AND status = 'DEAD'
                        """)
                        .param("tenant", tenant.value())
                        .param("id", id)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        Timestamp expires = rs.getTimestamp("expires_at");
        return new Row(
                rs.getObject("id", UUID.class),
                new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getString("event_key"),
                rs.getString("recipient_kind"),
                rs.getObject("recipient_id", UUID.class),
                rs.getString("channel"),
                rs.getString("address"),
                rs.getString("template"),
                rs.getString("language"),
                json.readValue(rs.getString("payload"), PAYLOAD),
                rs.getBoolean("urgent"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(),
                expires == null ? null : expires.toInstant());
    }

    private static String truncate(String reason) {
        return reason.length() <= 500 ? reason : reason.substring(0, 500);
    }
}
