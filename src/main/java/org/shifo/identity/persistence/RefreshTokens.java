package org.shifo.identity.persistence;

import java.sql.Timestamp;
import java.time.Instant;
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

    public void insert(
            UUID id, TenantId tenant, UserId user, UUID family, byte[] hash, Instant issuedAt, Instant expiresAt) {
        jdbc.sql(
                        """
                        INSERT INTO identity.refresh_tokens (id, tenant_id, user_id, family_id, token_hash, issued_at, expires_at)
                        VALUES (:id, :tenant, :user, :family, :hash, :issuedAt, :expiresAt)
                        """)
                .param("id", id)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .param("family", family)
                .param("hash", hash)
                .param("issuedAt", Timestamp.from(issuedAt))
                .param("expiresAt", Timestamp.from(expiresAt))
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
