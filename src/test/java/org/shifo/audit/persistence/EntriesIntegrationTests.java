package org.shifo.audit.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.shifo.audit.AuditTampering.dba;
import static org.shifo.audit.AuditTampering.inTenant;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
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
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only rules, tried through the application's own connection pool, whose role owns the tables
 * (the triggers bind an owner too): only a superuser session that deliberately turns them off (see {@link
 * AuditTampering}) gets past.
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
        inTenantTransaction(() -> entries.seal(List.of(new Seal(sealedSeq, 1, ChainMac.genesis(), new byte[32])), now));
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
                    .isThrownBy(
                            () -> attempt("UPDATE audit.entries SET action = 'patient.update' WHERE tenant_id = :tenant"
                                    + " AND chain_index = 1"))
                    .satisfies(EntriesIntegrationTests::refusedByPrivilegeOrTrigger);
        }

        @Test
        void cannotChangeAnUnsealedEntry() {
            assertThatExceptionOfType(DataAccessException.class)
                    .isThrownBy(() -> attempt("UPDATE audit.entries SET outcome = 'DENIED' WHERE tenant_id = :tenant"
                            + " AND chain_index IS NULL"))
                    .satisfies(EntriesIntegrationTests::refusedByPrivilegeOrTrigger);
        }

        @Test
        void cannotChangeContentWhileSealing() {
            assertThatExceptionOfType(DataAccessException.class)
                    .isThrownBy(
                            () -> attempt(
                                    """
                            UPDATE audit.entries
                            SET chain_index = 2, previous_mac = mac, mac = mac, sealed_at = now(),
                                target_id = 'someone-else'
                            WHERE tenant_id = :tenant AND chain_index IS NULL
                            """))
                    .satisfies(EntriesIntegrationTests::refusedByPrivilegeOrTrigger);
        }

        @Test
        void cannotSealAnEntryTwice() {
            assertThatExceptionOfType(DataIntegrityViolationException.class)
                    .isThrownBy(() -> attempt(
                            "UPDATE audit.entries SET chain_index = 7 WHERE tenant_id = :tenant AND chain_index = 1"))
                    .withMessageContaining("append-only");
        }

        @Test
        void cannotUnsealAnEntry() {
            assertThatExceptionOfType(DataIntegrityViolationException.class)
                    .isThrownBy(
                            () -> attempt(
                                    """
                            UPDATE audit.entries SET chain_index = NULL, previous_mac = NULL, mac = NULL, sealed_at = NULL
                            WHERE tenant_id = :tenant AND chain_index = 1
                            """))
                    .withMessageContaining("append-only");
        }

        @Test
        void cannotDeleteAnEntry() {
            assertThatExceptionOfType(DataAccessException.class)
                    .isThrownBy(() -> attempt("DELETE FROM audit.entries WHERE tenant_id = :tenant"))
                    .satisfies(EntriesIntegrationTests::refusedByPrivilegeOrTrigger);
        }

        @Test
        void cannotTruncateTheEntries() {
            assertThatExceptionOfType(DataAccessException.class)
                    .isThrownBy(() -> jdbc.sql("TRUNCATE audit.entries").update())
                    .satisfies(EntriesIntegrationTests::refusedByPrivilegeOrTrigger);
        }

        @Test
        void cannotInsertAnEntryAlreadySealed() {
            assertThatExceptionOfType(DataIntegrityViolationException.class)
                    .isThrownBy(
                            () -> attempt(
                                    """
                            INSERT INTO audit.entries (tenant_id, occurred_at, actor_type, actor_name, action,
                                                       target_type, target_id, outcome, chain_index, previous_mac,
                                                       mac, sealed_at)
                            VALUES (:tenant, now(), 'SYSTEM', 'forger', 'patient.read', 'patient', 'p-1', 'SUCCESS',
                                    99, decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'), now())
                            """))
                    .withMessageContaining("must be unsealed");
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
                    List.of(new Seal(unsealedSeq, 2, new byte[32], new byte[32])),
                    Instant.now().truncatedTo(ChronoUnit.MICROS)));

            assertThat(dba().sql("SELECT chain_index FROM audit.entries WHERE seq = :seq")
                            .param("seq", unsealedSeq)
                            .query(Long.class)
                            .single())
                    .isEqualTo(2);
        }

        @Test
        void refusesABatchWithAnEntryAlreadySealed() {
            assertThatExceptionOfType(IllegalStateException.class)
                    .isThrownBy(() -> inTenantTransaction(() -> entries.seal(
                            List.of(new Seal(sealedSeq, 5, new byte[32], new byte[32])),
                            Instant.now().truncatedTo(ChronoUnit.MICROS))));
        }
    }

    @Test
    void guardsEveryContentColumnWhenSealing() {
        List<String> contentColumns = jdbc.sql(
                        """
                        SELECT column_name FROM information_schema.columns
                        WHERE table_schema = 'audit' AND table_name = 'entries'
                          AND column_name NOT IN ('chain_index', 'previous_mac', 'mac', 'sealed_at')
                        """)
                .query(String.class)
                .list();
        String trigger = jdbc.sql(
                        """
                        SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t
                        WHERE t.tgrelid = 'audit.entries'::regclass AND t.tgname = 'entries_update_only_seals'
                        """)
                .query(String.class)
                .single()
                .toLowerCase(Locale.ROOT);

        assertThat(contentColumns).hasSizeGreaterThan(10).allSatisfy(column -> assertThat(trigger)
                .containsPattern("\\bnew\\." + column + "\\b")
                .containsPattern("\\bold\\." + column + "\\b"));
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
