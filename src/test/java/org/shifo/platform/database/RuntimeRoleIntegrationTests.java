package org.shifo.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application runs as a role that owns nothing: it reads and writes rows, but cannot change the schema,
 * switch off the audit trail's triggers or row-level security, or remove audit entries.
 */
@IntegrationTest
class RuntimeRoleIntegrationTests {

    @Autowired
    DataSource dataSource;

    @Test
    void theApplicationPoolRunsAsTheRuntimeRoleNotTheOwner() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        assertThat(jdbc.sql("SELECT current_user").query(String.class).single())
                .isEqualTo(TestDatabase.APPLICATION_ROLE);
        assertThat(jdbc.sql(
                                """
                                SELECT count(*) FROM pg_tables
                                WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tableowner = current_user
                                """)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theRuntimeRoleCannotSwitchOffTheAuditTrailOrRowLevelSecurity() throws SQLException {
        try (Connection app = TestDatabase.get().connect()) {
            assertRefused(app, "ALTER TABLE audit.entries DISABLE TRIGGER ALL");
            assertRefused(app, "ALTER TABLE patients.patients NO FORCE ROW LEVEL SECURITY");
            assertRefused(app, "DROP POLICY tenant_isolation ON patients.patients");
            assertRefused(app, "DELETE FROM audit.entries");
            assertRefused(app, "TRUNCATE audit.entries");
            assertRefused(app, "UPDATE audit.entries SET action = 'patient.read'");
            assertRefused(app, "UPDATE audit.seals SET chain_index = chain_index");
            assertRefused(app, "DELETE FROM audit.seals");
            assertRefused(app, "TRUNCATE audit.seals");
            assertRefused(app, "UPDATE audit.checkpoints SET taken_at = now()");
            assertRefused(app, "DELETE FROM flyway_schema_history");
            assertRefused(app, "CREATE TABLE patients.smuggled (id int)");
        }
    }

    @Test
    void theOwnerMeetsTheAppendOnlyTriggers() throws SQLException {
        var clinic = fixtures.clinic();
        org.shifo.identity.TenantContext.runAs(
                clinic.tenantId(),
                () -> transactions.executeWithoutResult(status -> audit.record(org.shifo.audit.AuditEvent.of(
                        clinic.tenantId().value(),
                        org.shifo.audit.AuditActor.system("test"),
                        "patient.read",
                        "patient",
                        "p-1",
                        org.shifo.audit.AuditOutcome.SUCCESS))));
        try (Connection owner = TestDatabase.get().connectAsOwner()) {
            try (var statement = owner.createStatement()) {
                statement.execute("SELECT set_config('shifo.system', 'on', false)");
            }
            for (String sql : java.util.List.of(
                    "UPDATE audit.entries SET action = 'patient.read'",
                    "DELETE FROM audit.entries",
                    "TRUNCATE audit.entries",
                    "TRUNCATE audit.seals")) {
                assertThatThrownBy(() -> {
                            try (var statement = owner.createStatement()) {
                                statement.execute(sql);
                            }
                        })
                        .as(sql)
                        .hasMessageContaining("append-only");
            }
        }
    }

    @Autowired
    org.shifo.platform.testing.IdentityFixtures fixtures;

    @Autowired
    org.shifo.audit.AuditLog audit;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    private static void assertRefused(Connection connection, String sql) {
        assertThatThrownBy(() -> {
                    try (var statement = connection.createStatement()) {
                        statement.execute(sql);
                    }
                })
                .as(sql)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                        .as(sql)
                        .isIn("42501", "42P01")); // insufficient privilege (or not visible at all)
    }
}
