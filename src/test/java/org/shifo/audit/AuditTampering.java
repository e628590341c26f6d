package org.shifo.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;
import org.shifo.platform.testing.TestDatabase;

/**
 * What a DBA with a superuser session could do behind the application's back: statements run with {@code
 * session_replication_role = replica}, which switches the append-only triggers off for that session.
 */
public final class AuditTampering {

    private AuditTampering() {}

    /** Runs one statement as that DBA; returns the number of rows it changed. */
    public static int asDba(String sql, Object... params) {
        try (Connection connection = TestDatabase.get().connect()) {
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

    /** The MAC of a tenant's entry at {@code chainIndex}, in hex. */
    public static String macAt(UUID tenantId, long chainIndex) {
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT mac FROM audit.entries WHERE tenant_id = ? AND chain_index = ?")) {
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
