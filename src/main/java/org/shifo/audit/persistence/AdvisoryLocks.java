package org.shifo.audit.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Cluster-wide locks held until the end of the current transaction, so that only one node at a time seals
 * the trail or takes checkpoints. PostgreSQL's two-key form keeps them apart from other users of advisory
 * locks (Flyway's, for one, use the one-key form).
 */
@Repository
public class AdvisoryLocks {

    /** "SHIF" in ASCII: the first key of every Shifo audit lock. */
    private static final int AUDIT = 0x53484946;

    private final JdbcClient jdbc;

    public AdvisoryLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The locks this module takes. */
    public enum Lock {
        SEALER(1),
        CHECKPOINTS(2);

        private final int key;

        Lock(int key) {
            this.key = key;
        }
    }

    /** Takes the lock for the rest of the current transaction; false at once if another session holds it. */
    public boolean tryLockForTransaction(Lock lock) {
        return Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(:audit, :key)")
                .param("audit", AUDIT)
                .param("key", lock.key)
                .query(Boolean.class)
                .single());
    }
}
