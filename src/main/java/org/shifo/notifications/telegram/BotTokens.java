package org.shifo.notifications.telegram;

import java.util.Optional;
import org.shifo.identity.TenantId;
import org.shifo.platform.SecretKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organizations' bot tokens: sealed (AES-GCM under the key derived for {@code notifications-telegram-token})
 * before they are stored in notifications.telegram_bots.token_encrypted, opened only to call the Bot API. The
 * token is never returned by the API nor logged.
 */
@Component
public class BotTokens {

    private final TextEncryptor encryptor;
    private final JdbcClient jdbc;

    BotTokens(SecretKeys keys, JdbcClient jdbc) {
        this.encryptor = keys.encryptor("notifications-telegram-token", "telegram-bots");
        this.jdbc = jdbc;
    }

    /** The value to store in {@code token_encrypted}. */
    public String seal(String token) {
        return encryptor.encrypt(token);
    }

    /** The token of a stored {@code token_encrypted}. */
    public String open(String sealed) {
        return encryptor.decrypt(sealed);
    }

    /**
     * The token of {@code tenant}'s bot when it has an enabled one. Runs in a read-only transaction of its own
     * unless the caller has one; the caller's scope must be the tenant or the system.
     */
    @Transactional(readOnly = true)
    public Optional<String> find(TenantId tenant) {
        return jdbc.sql(
                        """
                        SELECT token_encrypted FROM notifications.telegram_bots
                         WHERE tenant_id = :tenant AND enabled
                        """)
                .param("tenant", tenant.value())
                .query(String.class)
                .optional()
                .map(this::open);
    }
}
