package org.shifo.identity.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Wrong codes per second sign-in step (not tenant data: a step is known only by its id), forgotten when it expires. */
@Repository
public class SecondStepFailures {

    private final JdbcClient jdbc;

    SecondStepFailures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many wrong codes the step has had; 0 for an unknown or expired step. */
    public int count(String stepId, Instant now) {
        return jdbc.sql(
                        """
                        SELECT failures FROM identity.second_step_failures
                        WHERE step_id = :step AND expires_at > :now
                        """)
                .param("step", stepId)
                .param("now", Timestamp.from(now))
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /** Counts one more wrong code for the step, which lives until {@code expiresAt}; drops expired steps. */
    public void record(String stepId, Instant expiresAt, Instant now) {
        jdbc.sql("DELETE FROM identity.second_step_failures WHERE expires_at <= :now")
                .param("now", Timestamp.from(now))
                .update();
        jdbc.sql(
                        """
                        INSERT INTO identity.second_step_failures AS f (step_id, failures, expires_at)
                        VALUES (:step, 1, :expiresAt)
                        ON CONFLICT (step_id) DO UPDATE SET failures = f.failures + 1
                        """)
                .param("step", stepId)
                .param("expiresAt", Timestamp.from(expiresAt))
                .update();
    }
}
