package org.shifo.identity.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A user's single-use recovery codes, as keyed hashes. */
@Repository
public class RecoveryCodes {

    private final JdbcClient jdbc;

    RecoveryCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces every code of the user with new ones. */
    public void replace(TenantId tenant, UserId user, List<byte[]> hashes, Instant now) {
        deleteAll(tenant, user);
        for (byte[] hash : hashes) {
            jdbc.sql(
                            """
                            INSERT INTO identity.recovery_codes (tenant_id, user_id, code_hash, created_at)
                            VALUES (:tenant, :user, :hash, :now)
                            """)
                    .param("tenant", tenant.value())
                    .param("user", user.value())
                    .param("hash", hash)
                    .param("now", Timestamp.from(now))
                    .update();
        }
    }

    /** Marks an unused code as used; false when it does not exist or was used already. */
    public boolean use(TenantId tenant, UserId user, byte[] hash, Instant now) {
        return jdbc.sql(
                                """
                                UPDATE identity.recovery_codes SET used_at = :now
                                WHERE tenant_id = :tenant AND user_id = :user AND code_hash = :hash AND used_at IS NULL
                                """)
                        .param("now", Timestamp.from(now))
                        .param("tenant", tenant.value())
                        .param("user", user.value())
                        .param("hash", hash)
                        .update()
                == 1;
    }

    public void deleteAll(TenantId tenant, UserId user) {
        jdbc.sql("DELETE FROM identity.recovery_codes WHERE tenant_id = :tenant AND user_id = :user")
                .param("tenant", tenant.value())
                .param("user", user.value())
                .update();
    }

    public int countUnused(TenantId tenant, UserId user) {
        return jdbc.sql(
                        """
                        SELECT count(*) FROM identity.recovery_codes
                        WHERE tenant_id = :tenant AND user_id = :user AND used_at IS NULL
                        """)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .query(Integer.class)
                .single();
    }
}
