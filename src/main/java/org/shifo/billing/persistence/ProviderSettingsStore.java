package org.shifo.billing.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payment providers' settings per organization, in {@code billing.provider_settings} (secrets encrypted). */
@Repository
public class ProviderSettingsStore {

    private final JdbcClient jdbc;

    ProviderSettingsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One provider's settings. {@code secretEncrypted} is PayMe's key or Click's secret key, encrypted; {@code
     * lookupKey} finds the organization of an incoming call (PayMe: HMAC of the key; Click: the service id).
     */
    public record SettingsRow(
            String provider,
            String merchantId,
            @Nullable String login,
            @Nullable String accountField,
            @Nullable String serviceId,
            @Nullable String merchantUserId,
            String secretEncrypted,
            String lookupKey,
            Instant updatedAt,
            @Nullable UUID updatedBy) {}

    public void upsert(UUID tenant, SettingsRow row) {
        jdbc.sql(
                        """
                        INSERT INTO billing.provider_settings (tenant_id, provider, merchant_id, login, account_field,
                            service_id, merchant_user_id, secret_encrypted, lookup_key, updated_at, updated_by)
                        VALUES (:tenant, :provider, :merchant, :login, :field, :service, :merchantUser, :secret,
                            :lookup, :at, :by)
                        ON CONFLICT (tenant_id, provider) DO UPDATE
                            SET merchant_id = excluded.merchant_id, login = excluded.login,
                                account_field = excluded.account_field, service_id = excluded.service_id,
                                merchant_user_id = excluded.merchant_user_id,
                                secret_encrypted = excluded.secret_encrypted, lookup_key = excluded.lookup_key,
                                updated_at = excluded.updated_at, updated_by = excluded.updated_by
                        """)
                .param("tenant", tenant)
                .param("provider", row.provider())
                .param("merchant", row.merchantId())
                .param("login", row.login())
                .param("field", row.accountField())
                .param("service", row.serviceId())
                .param("merchantUser", row.merchantUserId())
                .param("secret", row.secretEncrypted())
                .param("lookup", row.lookupKey())
                .param("at", Sql.time(row.updatedAt()))
                .param("by", row.updatedBy())
                .update();
    }

    /** Replaces the secret (and its lookup key) of a provider's settings: PayMe's ChangePassword. */
    public void replaceSecret(UUID tenant, String provider, String secretEncrypted, String lookupKey, Instant now) {
        jdbc.sql(
                        """
                        UPDATE billing.provider_settings SET secret_encrypted = :secret, lookup_key = :lookup,
                            updated_at = :now, updated_by = NULL
                        WHERE tenant_id = :tenant AND provider = :provider
                        """)
                .param("secret", secretEncrypted)
                .param("lookup", lookupKey)
                .param("now", Sql.time(now))
                .param("tenant", tenant)
                .param("provider", provider)
                .update();
    }

    public Optional<SettingsRow> find(UUID tenant, String provider) {
        return jdbc.sql(
                        """
                        SELECT provider, merchant_id, login, account_field, service_id, merchant_user_id,
                            secret_encrypted, lookup_key, updated_at, updated_by
                        FROM billing.provider_settings WHERE tenant_id = :tenant AND provider = :provider
                        """)
                .param("tenant", tenant)
                .param("provider", provider)
                .query(ProviderSettingsStore::row)
                .optional();
    }

    /** Whether another organization already uses this lookup key (a PayMe key, a Click service id). */
    public boolean lookupTakenElsewhere(UUID tenant, String provider, String lookupKey) {
        UUID owner = tenantOf(provider, lookupKey);
        return owner != null && !owner.equals(tenant);
    }

    /**
     * The organization whose settings carry this lookup key, through the one narrow database function that may
     * look across organizations ({@code billing.provider_tenant}); works with no tenant in scope.
     */
    public @Nullable UUID tenantOf(String provider, String lookupKey) {
        return jdbc.sql("SELECT billing.provider_tenant(:provider, :lookup)")
                .param("provider", provider)
                .param("lookup", lookupKey)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .optional()
                .orElse(null);
    }

    private static SettingsRow row(ResultSet rs, int n) throws SQLException {
        return new SettingsRow(
                rs.getString("provider"),
                rs.getString("merchant_id"),
                rs.getString("login"),
                rs.getString("account_field"),
                rs.getString("service_id"),
                rs.getString("merchant_user_id"),
                rs.getString("secret_encrypted"),
                rs.getString("lookup_key"),
                Sql.requiredInstant(rs, "updated_at"),
                Sql.uuid(rs, "updated_by"));
    }
}
