package org.shifo.identity.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Failed sign-ins per client address (not tenant data: they happen before anyone is known). */
@Repository
public class AddressFailures {

    private final JdbcClient jdbc;

    AddressFailures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Failures of an address so far. */
    public record Failures(int count, Instant firstFailedAt, Instant lastFailedAt) {}

    public Optional<Failures> find(String address) {
        return jdbc.sql(
                        "SELECT failures, first_failed_at, last_failed_at FROM identity.address_failures WHERE address = :a")
                .param("a", address)
                .query((rs, n) -> new Failures(
                        rs.getInt("failures"),
                        rs.getTimestamp("first_failed_at").toInstant(),
                        rs.getTimestamp("last_failed_at").toInstant()))
                .optional();
    }

    /** Counts one more failure, starting a new window when {@code windowStart} says the old one expired. */
    public void record(String address, Instant now, @Nullable Instant windowExpiredBefore) {
        jdbc.sql(
                        """
                        INSERT INTO identity.address_failures AS f (address, failures, first_failed_at, last_failed_at)
                        VALUES (:a, 1, :now, :now)
                        ON CONFLICT (address) DO UPDATE SET
                            failures = CASE WHEN f.first_failed_at < :expired THEN 1 ELSE f.failures + 1 END,
                            first_failed_at = CASE WHEN f.first_failed_at < :expired THEN :now ELSE f.first_failed_at END,
                            last_failed_at = :now
                        """)
                .param("a", address)
                .param("now", Timestamp.from(now))
                .param("expired", Timestamp.from(windowExpiredBefore == null ? Instant.EPOCH : windowExpiredBefore))
                .update();
    }

    public void clear(String address) {
        jdbc.sql("DELETE FROM identity.address_failures WHERE address = :a")
                .param("a", address)
                .update();
    }
}
