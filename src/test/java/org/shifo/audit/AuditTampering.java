package org.shifo.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * What a DBA with a superuser session could do behind the application's back: statements run as the
 * superuser with {@code session_replication_role = replica}, which switches the append-only triggers off
 * for that session (the application's own role may do neither).
 */
public final class AuditTampering {

    /** Superuser connections: they bypass row-level security, as a DBA's would. */
    private static final DataSource SUPERUSER = new AbstractDataSource() {
        @Override
        public Connection getConnection() throws SQLException {
            return TestDatabase.get().connectAsSuperuser();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the superuser is fixed");
        }
    };

    private AuditTampering() {}

    /** What a DBA sees: every tenant's rows, whatever the scope. For assertions. */
    public static JdbcClient dba() {
        return JdbcClient.create(SUPERUSER);
    }

    /** Calls {@code work} in the tenant's scope, as a request of one of its staff members would. */
    public static <T> T callInTenant(UUID tenantId, Supplier<T> work) {
        return TenantContext.callAs(new TenantId(tenantId), work);
    }

    /** Runs {@code work} in the tenant's scope, as a request of one of its staff members would. */
    public static void inTenant(UUID tenantId, Runnable work) {
        TenantContext.runAs(new TenantId(tenantId), work);
    }

    /** Runs one statement as that DBA; returns the number of rows it changed. */
    public static int asDba(String sql, Object... params) {
        try (Connection connection = TestDatabase.get().connectAsSuperuser()) {
            try (var replica = connection.createStatement()) {
                replica.execute("SET session_replication_role = replica");
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    statement.setObject(i + 1, params[i]);
                }
                return statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("tampering failed: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the tenant's sealed entries whose seals match {@code sealCondition} (SQL on {@code audit.seals}),
     * and their seals, as a DBA covering their tracks would; returns the number of entries deleted.
     */
    public static int deleteEntries(String sealCondition, UUID tenantId) {
        int deleted = asDba(
                "DELETE FROM audit.entries WHERE seq IN (SELECT seq FROM audit.seals WHERE tenant_id = ? AND "
                        + sealCondition + ")",
                tenantId);
        asDba("DELETE FROM audit.seals WHERE tenant_id = ? AND " + sealCondition, tenantId);
        return deleted;
    }

    /** The MAC of a tenant's entry at {@code chainIndex}, in hex. */
    public static String macAt(UUID tenantId, long chainIndex) {
        try (Connection connection = TestDatabase.get().connectAsSuperuser();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT mac FROM audit.seals WHERE tenant_id = ? AND chain_index = ?")) {
            statement.setObject(1, tenantId);
            statement.setLong(2, chainIndex);
            try (var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no entry at chain index " + chainIndex);
                }
                return HexFormat.of().formatHex(rows.getBytes(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
