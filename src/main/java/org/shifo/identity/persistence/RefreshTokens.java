package org.shifo.identity.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rotating refresh tokens, stored only as SHA-256 hashes, grouped in families. */
@Repository
public class RefreshTokens {

    private final JdbcClient jdbc;

    RefreshTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored refresh token. */
    public record TokenRow(
            UUID id,
            TenantId tenantId,
            UserId userId,
            UUID familyId,
            Instant expiresAt,
            @Nullable Instant usedAt,
            @Nullable Instant revokedAt) {}

    /** An API session: a family of refresh tokens with one still usable, and where its newest token went. */
    public record FamilyRow(
            UUID familyId,
            Instant startedAt,
            Instant lastUsedAt,
            @Nullable String clientAddress,
            @Nullable String userAgent) {}

    /** Where a token was issued: the client's address and a summary of its user agent, either may be unknown. */
    public record Client(@Nullable String address, @Nullable String userAgent) {}

    public void insert(
            UUID id,
            TenantId tenant,
            UserId user,
            UUID family,
            byte[] hash,
            Instant issuedAt,
            Instant expiresAt,
            Client client) {
        jdbc.sql(
                        """
                        INSERT INTO identity.refresh_tokens
                            (id, tenant_id, user_id, family_id, token_hash, issued_at, expires_at, client_ip, user_agent)
                        VALUES (:id, :tenant, :user, :family, :hash, :issuedAt, :expiresAt,
                                CAST(:clientIp AS inet), :userAgent)
                        """)
                .param("id", id)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .param("family", family)
                .param("hash", hash)
                .param("issuedAt", Timestamp.from(issuedAt))
                .param("expiresAt", Timestamp.from(expiresAt))
                .param("clientIp", client.address())
                .param("userAgent", client.userAgent())
                .update();
    }

    /**
     * The user's API sessions: families whose newest token is neither used, revoked nor expired. The newest token
     * tells when the family was last refreshed and from where.
     */
    public List<FamilyRow> activeFamilies(TenantId tenant, UserId user, Instant now) {
        return jdbc.sql(
                        """
                        SELECT live.family_id, started.started_at, live.issued_at, host(live.client_ip) AS client_ip,
                               live.user_agent
                        FROM identity.refresh_tokens live
                        JOIN LATERAL (
                            SELECT min(t.issued_at) AS started_at FROM identity.refresh_tokens t
                            WHERE t.tenant_id = live.tenant_id AND t.family_id = live.family_id
                        ) started ON TRUE
                        WHERE live.tenant_id = :tenant AND live.user_id = :user
                          AND live.used_at IS NULL AND live.revoked_at IS NULL AND live.expires_at > :now
                        ORDER BY live.issued_at DESC
                        """)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new FamilyRow(
                        rs.getObject("family_id", UUID.class),
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("issued_at").toInstant(),
                        rs.getString("client_ip"),
                        rs.getString("user_agent")))
                .list();
    }

    /** Revokes one family of one user; 0 when the user has no such family still open. */
    public int revokeFamilyOf(TenantId tenant, UserId user, UUID family, Instant now) {
        return jdbc.sql(
                        """
                        UPDATE identity.refresh_tokens SET revoked_at = :now
                        WHERE tenant_id = :tenant AND user_id = :user AND family_id = :family AND revoked_at IS NULL
                        """)
                .param("now", Timestamp.from(now))
                .param("tenant", tenant.value())
                .param("user", user.value())
                .param("family", family)
                .update();
    }

    /** Finds a token by its hash, locking the row so two concurrent uses of one token cannot both succeed. */
    public Optional<TokenRow> findForUpdate(byte[] hash) {
        return jdbc.sql(
                        """
                        SELECT id, tenant_id, user_id, family_id, expires_at, used_at, revoked_at
                        FROM identity.refresh_tokens WHERE token_hash = :hash FOR UPDATE
                        """)
                .param("hash", hash)
                .query((rs, n) -> new TokenRow(
                        rs.getObject("id", UUID.class),
                        new TenantId(rs.getObject("tenant_id", UUID.class)),
                        new UserId(rs.getObject("user_id", UUID.class)),
                        rs.getObject("family_id", UUID.class),
                        rs.getTimestamp("expires_at").toInstant(),
                        toInstant(rs.getTimestamp("used_at")),
                        toInstant(rs.getTimestamp("revoked_at"))))
                .optional();
    }

    public void markUsed(TenantId tenant, UUID id, Instant now) {
        jdbc.sql("UPDATE identity.refresh_tokens SET used_at = :now WHERE tenant_id = :tenant AND id = :id")
                .param("now", Timestamp.from(now))
                .param("tenant", tenant.value())
                .param("id", id)
                .update();
    }

    public int revokeFamily(TenantId tenant, UUID family, Instant now) {
        return jdbc.sql(
                        """
                        UPDATE identity.refresh_tokens SET revoked_at = :now
                        WHERE tenant_id = :tenant AND family_id = :family AND revoked_at IS NULL
                        """)
                .param("now", Timestamp.from(now))
                .param("tenant", tenant.value())
                .param("family", family)
                .update();
    }

    public int revokeAllOf(TenantId tenant, UserId user, Instant now) {
        return jdbc.sql(
                        """
                        UPDATE identity.refresh_tokens SET revoked_at = :now
                        WHERE tenant_id = :tenant AND user_id = :user AND revoked_at IS NULL
                        """)
                .param("now", Timestamp.from(now))
                .param("tenant", tenant.value())
                .param("user", user.value())
                .update();
    }

    private static @Nullable Instant toInstant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
