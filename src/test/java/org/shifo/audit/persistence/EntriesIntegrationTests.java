package org.shifo.audit.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.shifo.audit.AuditTampering.dba;
import static org.shifo.audit.AuditTampering.inTenant;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.shifo.audit.AuditEventFixtures;
import org.shifo.audit.AuditTampering;
import org.shifo.audit.domain.ChainMac;
import org.shifo.audit.domain.Seal;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only rules of the entries and their seals, tried through the application's own connection pool,
 * whose role lacks the privileges (and the triggers bind the owner too): only a superuser session that
 * deliberately turns them off (see {@link AuditTampering}) gets past.
 */
@IntegrationTest
class EntriesIntegrationTests {

    @Autowired
    Entries entries;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    private final UUID tenant = UUID.randomUUID();
    private long unsealedSeq;
    private long sealedSeq;

    @BeforeEach
    void oneSealedAndOneUnsealedEntry() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        inTenantTransaction(() -> {
            entries.insert(AuditEventFixtures.patientRead(tenant), now);
            entries.insert(AuditEventFixtures.patientRead(tenant), now);
        });
        List<Long> seqs = dba().sql("SELECT seq FROM audit.entries WHERE tenant_id = :tenant ORDER BY seq")
                .param("tenant", tenant)
                .query(Long.class)
                .list();
        sealedSeq = seqs.get(0);
        unsealedSeq = seqs.get(1);
        inTenantTransaction(
                () -> entries.seal(List.of(new Seal(sealedSeq, tenant, 1, ChainMac.genesis(), new byte[32])), now));
    }

    /** Work in a transaction of the tenant's scope, through the application's own (non-superuser) role. */
    private void inTenantTransaction(Runnable work) {
        inTenant(tenant, () -> transaction.executeWithoutResult(status -> work.run()));
    }

    private void attempt(String sql) {
        inTenantTransaction(() -> jdbc.sql(sql).param("tenant", tenant).update());
    }

    /**
     * The runtime role lacks the privilege (the first lock); the owner, who has it, meets the append-only
     * triggers (the second lock, see RuntimeRoleIntegrationTests).
     */
    static void refusedByPrivilegeOrTrigger(DataAccessException refusal) {
        assertThat(org.springframework.core.NestedExceptionUtils.getMostSpecificCause(refusal))
                .hasMessageFindingMatch("permission denied|append-only");
    }

    @Nested
    class TheApplication {

        @Test
        void cannotChangeASealedEntry() {
            assertThatExceptionOfType(DataAccessException.class)
                    .isThrownBy(() -> attempt("UPDATE audit.entries SET action = 'patient.update' WHERE seq = "
                            + sealedSeq + " AND tenant_id = :tenant"))
                    .satisfies(EntriesIntegrationTests::refusedByPrivilegeOrTrigger);
        }

        @Test
        void cannotChangeAnUnsealedEntry() {
            assertThatExceptionOfType(DataAccessException.class)
                    .isThrownBy(() -> attempt("UPDATE audit.entries SET outcome = 'DENIED' WHERE seq = " + unsealedSeq
                            + " AND tenant_id = :tenant"))
                    .satisfies(EntriesIntegrationTests::refusedByPrivilegeOrTrigger);
        }

        @Test
        void cannotChangeASeal() {
            assertThatExceptionOfType(DataAccessException.class)
                    .isThrownBy(() -> attempt(
                            "UPDATE audit.seals SET chain_index = 7 WHERE tenant_id = :tenant AND chain_index = 1"))
                    .satisfies(EntriesIntegrationTests::refusedByPrivilegeOrTrigger);
        }

        @Test
        void cannotDeleteAnEntry() {
            assertThatExceptionOfType(DataAccessException.class)
                    .isThrownBy(() -> attempt("DELETE FROM audit.entries WHERE tenant_id = :tenant"))
                    .satisfies(EntriesIntegrationTests::refusedByPrivilegeOrTrigger);
        }

        @Test
        void cannotDeleteASeal() {
            assertThatExceptionOfType(DataAccessException.class)
                    .isThrownBy(() -> attempt("DELETE FROM audit.seals WHERE tenant_id = :tenant"))
                    .satisfies(EntriesIntegrationTests::refusedByPrivilegeOrTrigger);
        }

        @Test
        void cannotTruncateTheEntriesOrTheSeals() {
            assertThatExceptionOfType(DataAccessException.class)
                    .isThrownBy(() -> jdbc.sql("TRUNCATE audit.entries").update())
                    .satisfies(EntriesIntegrationTests::refusedByPrivilegeOrTrigger);
            assertThatExceptionOfType(DataAccessException.class)
                    .isThrownBy(() -> jdbc.sql("TRUNCATE audit.seals").update())
                    .satisfies(EntriesIntegrationTests::refusedByPrivilegeOrTrigger);
        }

        @Test
        void cannotChooseTheTransactionOfAnEntry() {
            // an id below the sealer's horizon would keep the entry out of the chain for good
            assertThatExceptionOfType(DataAccessException.class)
                    .isThrownBy(
                            () -> attempt(
                                    """
                            INSERT INTO audit.entries (tenant_id, occurred_at, actor_type, actor_name, action,
                                                       target_type, target_id, outcome, xact_id)
                            VALUES (:tenant, now(), 'SYSTEM', 'forger', 'patient.read', 'patient', 'p-1', 'SUCCESS', 1)
                            """))
                    .satisfies(EntriesIntegrationTests::refusedByPrivilegeOrTrigger);
        }

        @Test
        void cannotChangeOrDeleteACheckpoint() {
            attempt(
                    """
                    INSERT INTO audit.checkpoints (tenant_id, taken_at, entry_count, head_mac)
                    VALUES (:tenant, now(), 1, decode(repeat('00', 32), 'hex'))
                    """);

            assertThatExceptionOfType(DataAccessException.class)
                    .isThrownBy(() -> attempt("UPDATE audit.checkpoints SET entry_count = 2 WHERE tenant_id = :tenant"))
                    .satisfies(EntriesIntegrationTests::refusedByPrivilegeOrTrigger);
            assertThatExceptionOfType(DataAccessException.class)
                    .isThrownBy(() -> attempt("DELETE FROM audit.checkpoints WHERE tenant_id = :tenant"))
                    .satisfies(EntriesIntegrationTests::refusedByPrivilegeOrTrigger);
            assertThatExceptionOfType(DataAccessException.class)
                    .isThrownBy(() -> jdbc.sql("TRUNCATE audit.checkpoints").update())
                    .satisfies(EntriesIntegrationTests::refusedByPrivilegeOrTrigger);
        }

        @Test
        void sealsAnUnsealedEntryOnce() {
            inTenantTransaction(() -> entries.seal(
                    List.of(new Seal(unsealedSeq, tenant, 2, new byte[32], new byte[32])),
                    Instant.now().truncatedTo(ChronoUnit.MICROS)));

            assertThat(dba().sql("SELECT chain_index FROM audit.seals WHERE seq = :seq")
                            .param("seq", unsealedSeq)
                            .query(Long.class)
                            .single())
                    .isEqualTo(2);
        }

        @Test
        void refusesABatchWithAnEntryAlreadySealed() {
            assertThatExceptionOfType(IllegalStateException.class)
                    .isThrownBy(() -> inTenantTransaction(() -> entries.seal(
                            List.of(
                                    new Seal(unsealedSeq, tenant, 2, new byte[32], new byte[32]),
                                    new Seal(sealedSeq, tenant, 5, new byte[32], new byte[32])),
                            Instant.now().truncatedTo(ChronoUnit.MICROS))));

            assertThat(dba().sql("SELECT count(*) FROM audit.seals WHERE tenant_id = :tenant")
                            .param("tenant", tenant)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    @Test
    void letsADbaWhoTurnsTheTriggersOffThrough() {
        int changed =
                AuditTampering.asDba("UPDATE audit.entries SET action = 'patient.update' WHERE seq = ?", sealedSeq);

        assertThat(changed).isEqualTo(1);
    }

    @Test
    void readsTamperedDetailsAsTheirJsonText() {
        assertThat(Entries.details("{\"branchId\": \"b1\", \"note\": {\"a\": 1}, \"n\": 5}"))
                .containsEntry("branchId", "b1")
                .containsEntry("note", "{\"a\":1}")
                .containsEntry("n", "5");
    }
}
