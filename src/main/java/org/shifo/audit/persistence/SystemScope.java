package org.shifo.audit.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Lets the current transaction see every tenant's audit rows through row-level security, for the work that
 * spans tenants by design: sealing, verification, checkpoints. It sets the platform's {@code shifo.system}
 * setting (V002) for this transaction only, in SQL: {@code identity}'s {@code TenantContext.callAsSystem}
 * does the same at transaction start, but the audit module cannot depend on {@code identity}, which records
 * its own events through {@code AuditLog}.
 */
@Repository
public class SystemScope {

    private final JdbcClient jdbc;

    public SystemScope(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Must run inside a transaction; the setting ends with it. */
    public void enterForTransaction() {
        jdbc.sql("SELECT set_config('shifo.system', 'on', true)")
                .query(String.class)
                .single();
    }
}
