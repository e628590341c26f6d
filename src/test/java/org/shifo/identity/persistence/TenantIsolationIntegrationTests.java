package org.shifo.identity.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shifo.identity.TenantContext;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The second lock: PostgreSQL's row-level security holds even for a query that forgets the tenant filter. */
@IntegrationTest
class TenantIsolationIntegrationTests {

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void showsATransactionOnlyItsOwnTenantsRowsWhenAQueryForgetsTheFilter() {
        IdentityFixtures.Clinic mine = fixtures.clinic();
        IdentityFixtures.Clinic theirs = fixtures.clinic();

        List<String> seen = TenantContext.callAs(
                mine.tenantId(),
                () -> transactions.execute(status -> jdbc.sql("SELECT username FROM identity.users")
                        .query(String.class)
                        .list()));

        assertThat(seen).containsExactly(mine.adminUsername()).doesNotContain(theirs.adminUsername());
    }

    @Test
    void showsNothingToATransactionWithoutATenant() {
        fixtures.clinic();

        Long count = transactions.execute(status -> jdbc.sql("SELECT count(*) FROM identity.users")
                .query(Long.class)
                .single());

        assertThat(count).isZero();
    }

    @Test
    void refusesToWriteARowIntoAnotherTenant() {
        IdentityFixtures.Clinic mine = fixtures.clinic();
        IdentityFixtures.Clinic theirs = fixtures.clinic();

        assertThatThrownBy(() -> TenantContext.runAs(
                        mine.tenantId(),
                        () -> transactions.executeWithoutResult(status -> jdbc.sql(
                                        "UPDATE identity.branches SET tenant_id = :theirs WHERE tenant_id = :mine")
                                .param("theirs", theirs.tenantId().value())
                                .param("mine", mine.tenantId().value())
                                .update())))
                .rootCause()
                .hasMessageContaining("row-level security");
    }

    @Test
    void bindsTheApplicationRoleItselfWhichIsNoSuperuser() throws SQLException {
        try (Connection connection = TestDatabase.get().connect();
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
            rows.next();
            assertThat(rows.getBoolean(1)).isFalse();
            assertThat(rows.getBoolean(2)).isFalse();
        }
    }

    @Test
    void forcesRowLevelSecurityOnEveryTableWithATenantColumn() throws SQLException {
        List<String> unprotected = new ArrayList<>();
        try (Connection connection = TestDatabase.get().connectAsSuperuser();
                var rows = connection
                        .createStatement()
                        .executeQuery(
                                """
                        SELECT c.table_schema || '.' || c.table_name
                        FROM information_schema.columns c
                        JOIN pg_class t ON t.relname = c.table_name
                        JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = c.table_schema
                        WHERE c.column_name = 'tenant_id' AND t.relkind = 'r'
                          AND NOT (t.relrowsecurity AND t.relforcerowsecurity)
                        """)) {
            while (rows.next()) {
                unprotected.add(rows.getString(1));
            }
        }

        assertThat(unprotected)
                .as("tables with tenant_id but without forced row-level security")
                .isEmpty();
    }
}
