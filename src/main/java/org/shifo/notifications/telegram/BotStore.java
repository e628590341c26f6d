package org.shifo.notifications.telegram;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The bots ({@code notifications.telegram_bots}) and the updates they processed ({@code telegram_updates}). */
@Repository
class BotStore {

    private static final String COLUMNS =
            """
            tenant_id, bot_username, bot_id, token_encrypted, webhook_secret, mode, enabled, last_update_id,
            webhook_url, webhook_set_at, last_update_at, poller_node, poller_lease_until, poller_seen_at,
            last_error, updated_at
            """;

    private final JdbcClient jdbc;

    BotStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A bot's row; the token still encrypted. */
    record BotRow(
            UUID tenant,
            String username,
            @Nullable Long botId,
            String tokenEncrypted,
            String webhookSecret,
            BotMode mode,
            boolean enabled,
            @Nullable Long lastUpdateId,
            @Nullable String webhookUrl,
            @Nullable Instant webhookSetAt,
            @Nullable Instant lastUpdateAt,
            @Nullable String pollerNode,
            @Nullable Instant pollerLeaseUntil,
            @Nullable Instant pollerSeenAt,
            @Nullable String lastError,
            Instant updatedAt) {}

    Optional<BotRow> find(UUID tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notifications.telegram_bots WHERE tenant_id = :tenant")
                .param("tenant", tenant)
                .query(BotStore::row)
                .optional();
    }

    /** The webhook secret of an enabled bot, or empty: the only read before a webhook call is authenticated. */
    Optional<String> webhookSecret(UUID tenant) {
        return jdbc.sql("SELECT webhook_secret FROM notifications.telegram_bots WHERE tenant_id = :tenant AND enabled")
                .param("tenant", tenant)
                .query(String.class)
                .optional();
    }

    /** Saves the bot; a different bot (another bot_id) starts from no offset and forgets the updates it saw. */
    void save(
            UUID tenant,
            String username,
            long botId,
            String tokenEncrypted,
            String secret,
            BotMode mode,
            @Nullable String webhookUrl,
            Instant now,
            @Nullable UUID by) {
        jdbc.sql(
                        """
                        DELETE FROM notifications.telegram_updates u WHERE u.tenant_id = :tenant AND EXISTS (
                            SELECT 1 FROM notifications.telegram_bots b
                            WHERE b.tenant_id = :tenant AND b.bot_id IS DISTINCT FROM :botId)
                        """)
                .param("tenant", tenant)
                .param("botId", botId)
                .update();
        jdbc.sql(
                        """
                        INSERT INTO notifications.telegram_bots (tenant_id, bot_username, bot_id, token_encrypted,
                            webhook_secret, mode, enabled, webhook_url, webhook_set_at, updated_at, updated_by)
                        VALUES (:tenant, :username, :botId, :token, :secret, :mode, TRUE, :url,
                            CASE WHEN :url::text IS NULL THEN NULL ELSE :now END, :now, :by)
                        ON CONFLICT (tenant_id) DO UPDATE SET
                            bot_username = excluded.bot_username, token_encrypted = excluded.token_encrypted,
                            webhook_secret = excluded.webhook_secret, mode = excluded.mode, enabled = TRUE,
                            webhook_url = excluded.webhook_url, webhook_set_at = excluded.webhook_set_at,
                            last_update_id = CASE WHEN telegram_bots.bot_id IS DISTINCT FROM excluded.bot_id
                                THEN NULL ELSE telegram_bots.last_update_id END,
                            bot_id = excluded.bot_id, poller_node = NULL, poller_lease_until = NULL,
                            last_error = NULL, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                        """)
                .param("tenant", tenant)
                .param("username", username)
                .param("botId", botId)
                .param("token", tokenEncrypted)
                .param("secret", secret)
                .param("mode", mode.name())
                .param("url", webhookUrl)
                .param("now", time(now))
                .param("by", by)
                .update();
    }

    /**
     * Marks an update as processed; false when it was already (a redelivery). Moves the bot's offset forward and
     * notes when the last update arrived.
     */
    boolean markProcessed(UUID tenant, long updateId, Instant now) {
        int inserted = jdbc.sql(
                        """
                        INSERT INTO notifications.telegram_updates (tenant_id, update_id, received_at)
                        VALUES (:tenant, :update, :now) ON CONFLICT DO NOTHING
                        """)
                .param("tenant", tenant)
                .param("update", updateId)
                .param("now", time(now))
                .update();
        jdbc.sql(
                        """
                        UPDATE notifications.telegram_bots
                        SET last_update_id = GREATEST(COALESCE(last_update_id, :update), :update), last_update_at = :now
                        WHERE tenant_id = :tenant
                        """)
                .param("tenant", tenant)
                .param("update", updateId)
                .param("now", time(now))
                .update();
        return inserted == 1;
    }

    /** Forgets processed updates received before {@code before} (all organizations; system scope). */
    int forgetUpdates(Instant before) {
        return jdbc.sql("DELETE FROM notifications.telegram_updates WHERE received_at < :before")
                .param("before", time(before))
                .update();
    }

    /** Notes a failure talking to Telegram (a short code), or clears it. */
    void noteError(UUID tenant, @Nullable String code) {
        jdbc.sql("UPDATE notifications.telegram_bots SET last_error = :code WHERE tenant_id = :tenant")
                .param("tenant", tenant)
                .param("code", code)
                .update();
    }

    /** The organizations whose bots poll (system scope). */
    List<UUID> pollingBots() {
        return jdbc.sql(
                        """
                        SELECT tenant_id FROM notifications.telegram_bots WHERE enabled AND mode = 'POLLING'
                        ORDER BY tenant_id
                        """)
                .query(UUID.class)
                .list();
    }

    /**
     * Claims (or renews) the bot's polling lease for {@code node}: succeeds when the node holds it already, when
     * nobody does, or when the holder's lease ran out. Only a bot in POLLING mode can be claimed.
     */
    boolean claimPolling(UUID tenant, String node, Instant now, Instant until) {
        return jdbc.sql(
                                """
                                UPDATE notifications.telegram_bots
                                SET poller_node = :node, poller_lease_until = :until, poller_seen_at = :now
                                WHERE tenant_id = :tenant AND enabled AND mode = 'POLLING'
                                  AND (poller_node IS NULL OR poller_node = :node OR poller_lease_until < :now)
                                """)
                        .param("tenant", tenant)
                        .param("node", node)
                        .param("now", time(now))
                        .param("until", time(until))
                        .update()
                == 1;
    }

    /** Gives the lease up (this node stops polling the bot). */
    void releasePolling(UUID tenant, String node) {
        jdbc.sql(
                        """
                        UPDATE notifications.telegram_bots SET poller_node = NULL, poller_lease_until = NULL
                        WHERE tenant_id = :tenant AND poller_node = :node
                        """)
                .param("tenant", tenant)
                .param("node", node)
                .update();
    }

    /** How many patients have an active Telegram link. */
    long linkedPatients(UUID tenant) {
        return jdbc.sql(
                        """
                        SELECT count(DISTINCT patient_id) FROM notifications.telegram_links
                        WHERE tenant_id = :tenant AND unlinked_at IS NULL
                        """)
                .param("tenant", tenant)
                .query(Long.class)
                .single();
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static BotRow row(ResultSet rs, int n) throws SQLException {
        return new BotRow(
                rs.getObject("tenant_id", UUID.class),
                rs.getString("bot_username"),
                nullableLong(rs, "bot_id"),
                rs.getString("token_encrypted"),
                rs.getString("webhook_secret"),
                BotMode.valueOf(rs.getString("mode")),
                rs.getBoolean("enabled"),
                nullableLong(rs, "last_update_id"),
                rs.getString("webhook_url"),
                instant(rs, "webhook_set_at"),
                instant(rs, "last_update_at"),
                rs.getString("poller_node"),
                instant(rs, "poller_lease_until"),
                instant(rs, "poller_seen_at"),
                rs.getString("last_error"),
                java.util.Objects.requireNonNull(instant(rs, "updated_at")));
    }
}
