package org.shifo.identity.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The first-run setup token's hash (installation-wide, before any tenant exists). */
@Repository
public class SetupTokens {

    private final JdbcClient jdbc;

    SetupTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces any unused token with a new one (each start prints a fresh link). */
    public void replace(byte[] hash, Instant now) {
        jdbc.sql("DELETE FROM identity.setup_tokens WHERE used_at IS NULL").update();
        jdbc.sql("INSERT INTO identity.setup_tokens (token_hash, created_at) VALUES (:hash, :now)")
                .param("hash", hash)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Uses the token: true once for a valid unused token, false otherwise. */
    public boolean use(byte[] hash, Instant now) {
        return jdbc.sql("UPDATE identity.setup_tokens SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL")
                        .param("now", Timestamp.from(now))
                        .param("hash", hash)
                        .update()
                == 1;
    }

    public boolean isValid(byte[] hash) {
        return jdbc.sql("SELECT count(*) FROM identity.setup_tokens WHERE token_hash = :hash AND used_at IS NULL")
                        .param("hash", hash)
                        .query(Long.class)
                        .single()
                == 1;
    }
}
