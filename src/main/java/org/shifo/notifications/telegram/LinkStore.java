package org.shifo.notifications.telegram;

import static org.shifo.notifications.telegram.BotStore.instant;
import static org.shifo.notifications.telegram.BotStore.nullableLong;
import static org.shifo.notifications.telegram.BotStore.time;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One-time link tokens ({@code telegram_link_tokens} and their members) and the links of chats to patients
 * ({@code telegram_links}).
 */
@Repository
class LinkStore {

    private static final String LINK_COLUMNS =
            """
            id, patient_id, chat_id, telegram_user_id, language, consent_at, linked_at, unlinked_at, unlink_reason,
            managed_by
            """;

    private final JdbcClient jdbc;

    LinkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A one-time token as stored (only its hash). */
    record TokenRow(
            UUID id,
            UUID patient,
            Instant createdAt,
            Instant expiresAt,
            @Nullable Instant usedAt,
            List<UUID> members) {}

    /** A chat's link to a patient. */
    record LinkRow(
            UUID id,
            UUID patient,
            long chatId,
            @Nullable Long telegramUserId,
            String language,
            Instant consentAt,
            Instant linkedAt,
            @Nullable Instant unlinkedAt,
            @Nullable String unlinkReason,
            @Nullable UUID managedBy) {}

    /** One notification sent (or to be sent) to a patient: what the patient page shows, never the text. */
    record MessageRow(String template, String channel, String status, Instant createdAt, @Nullable Instant sentAt) {}

    void insertToken(
            UUID tenant,
            UUID id,
            UUID patient,
            String hash,
            Instant now,
            Instant expires,
            @Nullable UUID by,
            List<UUID> members) {
        jdbc.sql(
                        """
                        INSERT INTO notifications.telegram_link_tokens (id, tenant_id, patient_id, token_hash,
                            created_at, created_by, expires_at)
                        VALUES (:id, :tenant, :patient, :hash, :now, :by, :expires)
                        """)
                .param("id", id)
                .param("tenant", tenant)
                .param("patient", patient)
                .param("hash", hash)
                .param("now", time(now))
                .param("by", by)
                .param("expires", time(expires))
                .update();
        for (UUID member : members) {
            jdbc.sql(
                            """
                            INSERT INTO notifications.telegram_link_token_members (tenant_id, token_id, patient_id)
                            VALUES (:tenant, :token, :patient)
                            """)
                    .param("tenant", tenant)
                    .param("token", id)
                    .param("patient", member)
                    .update();
        }
    }

    /** The token with this hash, locked (a second /start with it waits, then finds it used). */
    Optional<TokenRow> findTokenForUpdate(UUID tenant, String hash) {
        return jdbc.sql(
                        """
                        SELECT id, patient_id, created_at, expires_at, used_at FROM notifications.telegram_link_tokens
                        WHERE tenant_id = :tenant AND token_hash = :hash FOR UPDATE
                        """)
                .param("tenant", tenant)
                .param("hash", hash)
                .query((rs, n) -> new TokenRow(
                        rs.getObject("id", UUID.class),
                        rs.getObject("patient_id", UUID.class),
                        Objects.requireNonNull(instant(rs, "created_at")),
                        Objects.requireNonNull(instant(rs, "expires_at")),
                        instant(rs, "used_at"),
                        List.of()))
                .optional()
                .map(token -> new TokenRow(
                        token.id(),
                        token.patient(),
                        token.createdAt(),
                        token.expiresAt(),
                        token.usedAt(),
                        members(tenant, token.id())));
    }

    private List<UUID> members(UUID tenant, UUID token) {
        return jdbc.sql(
                        """
                        SELECT patient_id FROM notifications.telegram_link_token_members
                        WHERE tenant_id = :tenant AND token_id = :token ORDER BY patient_id
                        """)
                .param("tenant", tenant)
                .param("token", token)
                .query(UUID.class)
                .list();
    }

    void markUsed(UUID tenant, UUID token, Instant now, long chatId) {
        jdbc.sql(
                        """
                        UPDATE notifications.telegram_link_tokens SET used_at = :now, used_chat_id = :chat
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("now", time(now))
                .param("chat", chatId)
                .param("tenant", tenant)
                .param("id", token)
                .update();
    }

    /**
     * Links the chat to the patient unless it is already; returns the new link's id, or empty when an active link
     * existed (its language is refreshed).
     */
    Optional<UUID> link(
            UUID tenant,
            UUID patient,
            long chatId,
            @Nullable Long telegramUser,
            String language,
            Instant now,
            @Nullable UUID managedBy) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql(
                        """
                        INSERT INTO notifications.telegram_links (id, tenant_id, patient_id, chat_id, telegram_user_id,
                            language, consent_at, linked_at, managed_by)
                        VALUES (:id, :tenant, :patient, :chat, :user, :language, :now, :now, :managedBy)
                        ON CONFLICT (tenant_id, patient_id, chat_id) WHERE unlinked_at IS NULL DO NOTHING
                        """)
                .param("id", id)
                .param("tenant", tenant)
                .param("patient", patient)
                .param("chat", chatId)
                .param("user", telegramUser)
                .param("language", language)
                .param("now", time(now))
                .param("managedBy", managedBy)
                .update();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    /** The chat's active links. */
    List<LinkRow> activeLinksOfChat(UUID tenant, long chatId) {
        return jdbc.sql(
                        "SELECT " + LINK_COLUMNS
                                + """
                         FROM notifications.telegram_links
                        WHERE tenant_id = :tenant AND chat_id = :chat AND unlinked_at IS NULL ORDER BY linked_at
                        """)
                .param("tenant", tenant)
                .param("chat", chatId)
                .query(LinkStore::link)
                .list();
    }

    /** The patient's links, active first, then the latest unlinked ones (at most {@code limit}). */
    List<LinkRow> linksOfPatient(UUID tenant, UUID patient, int limit) {
        return jdbc.sql(
                        "SELECT " + LINK_COLUMNS
                                + """
                         FROM notifications.telegram_links
                        WHERE tenant_id = :tenant AND patient_id = :patient
                        ORDER BY unlinked_at IS NOT NULL, COALESCE(unlinked_at, linked_at) DESC LIMIT :limit
                        """)
                .param("tenant", tenant)
                .param("patient", patient)
                .param("limit", limit)
                .query(LinkStore::link)
                .list();
    }

    /** Unlinks one active link; false when it was not active (or not this patient's). */
    boolean unlink(UUID tenant, UUID patient, UUID link, String reason, Instant now) {
        return jdbc.sql(
                                """
                                UPDATE notifications.telegram_links SET unlinked_at = :now, unlink_reason = :reason
                                WHERE tenant_id = :tenant AND id = :id AND patient_id = :patient
                                  AND unlinked_at IS NULL
                                """)
                        .param("now", time(now))
                        .param("reason", reason)
                        .param("tenant", tenant)
                        .param("id", link)
                        .param("patient", patient)
                        .update()
                == 1;
    }

    /** Unlinks every active link of the chat; returns them. */
    List<LinkRow> unlinkChat(UUID tenant, long chatId, String reason, Instant now) {
        List<LinkRow> active = activeLinksOfChat(tenant, chatId);
        jdbc.sql(
                        """
                        UPDATE notifications.telegram_links SET unlinked_at = :now, unlink_reason = :reason
                        WHERE tenant_id = :tenant AND chat_id = :chat AND unlinked_at IS NULL
                        """)
                .param("now", time(now))
                .param("reason", reason)
                .param("tenant", tenant)
                .param("chat", chatId)
                .update();
        return active;
    }

    /** The patient's latest notifications, newest first: template, channel, status and times only. */
    List<MessageRow> recentMessages(UUID tenant, UUID patient, int limit) {
        return jdbc.sql(
                        """
                        SELECT template, channel, status, created_at, sent_at FROM notifications.notifications
                        WHERE tenant_id = :tenant AND recipient_kind = 'PATIENT' AND recipient_id = :patient
                        ORDER BY created_at DESC LIMIT :limit
                        """)
                .param("tenant", tenant)
                .param("patient", patient)
                .param("limit", limit)
                .query((rs, n) -> new MessageRow(
                        rs.getString("template"),
                        rs.getString("channel"),
                        rs.getString("status"),
                        Objects.requireNonNull(instant(rs, "created_at")),
                        instant(rs, "sent_at")))
                .list();
    }

    private static LinkRow link(ResultSet rs, int n) throws SQLException {
        return new LinkRow(
                rs.getObject("id", UUID.class),
                rs.getObject("patient_id", UUID.class),
                rs.getLong("chat_id"),
                nullableLong(rs, "telegram_user_id"),
                rs.getString("language"),
                Objects.requireNonNull(instant(rs, "consent_at")),
                Objects.requireNonNull(instant(rs, "linked_at")),
                instant(rs, "unlinked_at"),
                rs.getString("unlink_reason"),
                rs.getObject("managed_by", UUID.class));
    }
}
