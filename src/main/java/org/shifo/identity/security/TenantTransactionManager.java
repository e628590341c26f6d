package org.shifo.identity.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Begins every transaction by telling PostgreSQL whose data it may touch: {@code shifo.tenant_id} and {@code
 * shifo.system}, transaction-local, read by the row-level security policies. A transaction begun with no
 * scope sees no tenant rows at all.
 */
final class TenantTransactionManager extends JdbcTransactionManager {

    private static final long serialVersionUID = 1L;

    /**
     * The scope, resolved before a connection is taken: reading the principal can make Spring Security load the
     * session, which needs a connection of its own; holding one while waiting for another starves the pool.
     */
    private static final ThreadLocal<TenantContext.@Nullable Scope> RESOLVED = new ThreadLocal<>();

    private static final String SET_SCOPE =
            "SELECT set_config('shifo.tenant_id', ?, true), set_config('shifo.system', ?, true)";

    TenantTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        TenantContext.Scope previous = RESOLVED.get();
        RESOLVED.set(TenantContext.scope());
        try {
            super.doBegin(transaction, definition);
        } finally {
            if (previous == null) {
                RESOLVED.remove();
            } else {
                RESOLVED.set(previous);
            }
        }
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        TenantContext.Scope resolved = RESOLVED.get();
        TenantContext.Scope scope = resolved != null ? resolved : TenantContext.scope();
        TenantId tenant = scope.tenant();
        try (PreparedStatement statement = connection.prepareStatement(SET_SCOPE)) {
            statement.setString(1, tenant == null ? "" : tenant.value().toString());
            statement.setString(2, scope.system() ? "on" : "");
            statement.execute();
        }
    }
}
