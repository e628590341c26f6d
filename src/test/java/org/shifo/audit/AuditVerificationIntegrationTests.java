package org.shifo.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shifo.audit.AuditTampering.asDba;
import static org.shifo.audit.AuditTampering.inTenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.shifo.audit.domain.ChainHead;
import org.shifo.audit.domain.ChainMac;
import org.shifo.audit.domain.ChainSealing;
import org.shifo.audit.domain.EntryContent;
import org.shifo.audit.domain.Seal;
import org.shifo.audit.domain.SealedEntry;
import org.shifo.audit.jobs.AuditSealer;
import org.shifo.audit.persistence.Entries;
import org.shifo.platform.SecretKeys;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Tampering as a DBA would, through a superuser session with the triggers off, and what verification sees. */
@IntegrationTest
class AuditVerificationIntegrationTests {

    private static final String MADE_UP_MAC = "ab".repeat(32);

    @Autowired
    AuditVerification verification;

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    AuditLog auditLog;

    @Autowired
    AuditSealer sealer;

    @Autowired
    TransactionTemplate transaction;

    private final UUID tenant = UUID.randomUUID();

    private void recordAndSeal(UUID tenantId, int entries) {
        for (int i = 0; i < entries; i++) {
            inTenant(
                    tenantId,
                    () -> transaction.executeWithoutResult(
                            status -> auditLog.record(AuditEventFixtures.patientRead(tenantId))));
        }
        sealer.sealPending();
    }

    @BeforeEach
    void fiveSealedEntries() {
        recordAndSeal(tenant, 5);
    }

    @Test
    void findsAnIntactChainIntact() {
        ChainVerification result = verification.verify(tenant);

        assertThat(result.isIntact()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(5);
        assertThat(result.firstBreak()).isNull();
        assertThat(result.checkpoint()).isNull();
    }

    @Test
    void findsAChangedAction() {
        asDba(
                "UPDATE audit.entries SET action = 'patient.update' WHERE seq = (SELECT seq FROM audit.seals WHERE tenant_id = ? AND chain_index = 3)",
                tenant);

        ChainVerification result = verification.verify(tenant);

        assertThat(result.firstBreak()).isEqualTo(new ChainBreak(3, BreakReason.MAC_MISMATCH));
        assertThat(result.entriesChecked()).isEqualTo(2);
    }

    @Test
    void findsATimeMovedByOneMicrosecond() {
        asDba(
                "UPDATE audit.entries SET occurred_at = occurred_at + interval '1 microsecond'"
                        + " WHERE seq = (SELECT seq FROM audit.seals WHERE tenant_id = ? AND chain_index = 2)",
                tenant);

        assertThat(verification.verify(tenant).firstBreak()).isEqualTo(new ChainBreak(2, BreakReason.MAC_MISMATCH));
    }

    @Test
    void findsChangedDetails() {
        asDba(
                "UPDATE audit.entries SET details = '{\"branchId\": \"b-2\"}'"
                        + " WHERE seq = (SELECT seq FROM audit.seals WHERE tenant_id = ? AND chain_index = 4)",
                tenant);

        assertThat(verification.verify(tenant).firstBreak()).isEqualTo(new ChainBreak(4, BreakReason.MAC_MISMATCH));
    }

    @Test
    void findsADeletedMiddleEntry() {
        AuditTampering.deleteEntries("chain_index = 3", tenant);

        ChainVerification result = verification.verify(tenant);

        assertThat(result.firstBreak()).isEqualTo(new ChainBreak(3, BreakReason.MISSING_ENTRY));
        assertThat(result.entriesChecked()).isEqualTo(2);
    }

    @Test
    void findsADeletionHiddenByRenumberingTheRest() {
        AuditTampering.deleteEntries("chain_index = 3", tenant);
        asDba("UPDATE audit.seals SET chain_index = 3 WHERE tenant_id = ? AND chain_index = 4", tenant);
        asDba("UPDATE audit.seals SET chain_index = 4 WHERE tenant_id = ? AND chain_index = 5", tenant);

        assertThat(verification.verify(tenant).firstBreak())
                .isEqualTo(new ChainBreak(3, BreakReason.PREVIOUS_MAC_MISMATCH));
    }

    /** Inserts an entry and its seal at {@code chainIndex}, with a made-up MAC, as a DBA without the key could. */
    private void forgeSealedEntry(String action, long chainIndex, String previousMacHex) {
        asDba(
                """
                WITH forged AS (
                    INSERT INTO audit.entries (tenant_id, occurred_at, actor_type, actor_name, action, target_type,
                                               target_id, outcome)
                    VALUES (?, now(), 'SYSTEM', 'maintenance', ?, 'record', 'r-1', 'SUCCESS')
                    RETURNING seq, tenant_id)
                INSERT INTO audit.seals (seq, tenant_id, chain_index, previous_mac, mac, sealed_at)
                SELECT seq, tenant_id, ?, decode(?, 'hex'), decode(?, 'hex'), now() FROM forged
                """,
                tenant,
                action,
                chainIndex,
                previousMacHex,
                MADE_UP_MAC);
    }

    @Test
    void findsAForgedEntryAppendedWithAMadeUpMac() {
        forgeSealedEntry("patient.read", 6, AuditTampering.macAt(tenant, 5));

        assertThat(verification.verify(tenant).firstBreak()).isEqualTo(new ChainBreak(6, BreakReason.MAC_MISMATCH));
    }

    @Test
    void findsADeletedEntryReplacedByAForgery() {
        String previousMac = AuditTampering.macAt(tenant, 2);
        AuditTampering.deleteEntries("chain_index = 3", tenant);
        forgeSealedEntry("invoice.read", 3, previousMac);

        assertThat(verification.verify(tenant).firstBreak()).isEqualTo(new ChainBreak(3, BreakReason.MAC_MISMATCH));
    }

    @Test
    void findsAChangedPreviousMac() {
        asDba(
                "UPDATE audit.seals SET previous_mac = decode(?, 'hex') WHERE tenant_id = ? AND chain_index = 2",
                MADE_UP_MAC,
                tenant);

        assertThat(verification.verify(tenant).firstBreak())
                .isEqualTo(new ChainBreak(2, BreakReason.PREVIOUS_MAC_MISMATCH));
    }

    @Test
    void ignoresEntriesNotSealedYet() {
        inTenant(
                tenant,
                () -> transaction.executeWithoutResult(
                        status -> auditLog.record(AuditEventFixtures.patientRead(tenant))));

        ChainVerification result = verification.verify(tenant);

        assertThat(result.isIntact()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(5);
    }

    @Nested
    class WithACheckpoint {

        private AuditCheckpoint checkpoint;

        @BeforeEach
        void takeACheckpoint() {
            checkpoint = checkpoints.take().stream()
                    .filter(taken -> taken.tenantId().equals(tenant))
                    .findFirst()
                    .orElseThrow();
        }

        @Test
        void comparesTheChainWithIt() {
            ChainVerification result = verification.verify(tenant);

            assertThat(result.isIntact()).isTrue();
            assertThat(result.checkpoint()).isEqualTo(checkpoint);
        }

        @Test
        void findsADeletedTail() {
            AuditTampering.deleteEntries("chain_index >= 4", tenant);

            ChainVerification result = verification.verify(tenant);

            assertThat(result.firstBreak()).isEqualTo(new ChainBreak(4, BreakReason.CHECKPOINT_MISMATCH));
            assertThat(result.entriesChecked()).isEqualTo(3);
        }

        @Test
        void findsAChainWhoseEntriesWereAllDeleted() {
            AuditTampering.deleteEntries("TRUE", tenant);

            assertThat(verification.verify(tenant).firstBreak())
                    .isEqualTo(new ChainBreak(1, BreakReason.CHECKPOINT_MISMATCH));
        }

        @Test
        void findsADeletedTailWhoseCheckpointsWereDeletedTooWithTheCopyKeptOutside() {
            AuditTampering.deleteEntries("chain_index >= 4", tenant);
            asDba("DELETE FROM audit.checkpoints WHERE tenant_id = ?", tenant);

            assertThat(verification.verify(tenant).isIntact()).isTrue(); // what the database alone can tell
            assertThat(verification.verifyAgainst(checkpoint).firstBreak())
                    .isEqualTo(new ChainBreak(4, BreakReason.CHECKPOINT_MISMATCH));
        }

        @Test
        void findsAChainThatNoLongerEndsInTheCheckpointedEntry() {
            AuditCheckpoint other = new AuditCheckpoint(tenant, checkpoint.takenAt(), 5, MADE_UP_MAC);

            assertThat(verification.verifyAgainst(other).firstBreak())
                    .isEqualTo(new ChainBreak(5, BreakReason.CHECKPOINT_MISMATCH));
        }
    }

    @Test
    void cannotSeeADeletedTailWithoutACheckpoint() {
        AuditTampering.deleteEntries("chain_index >= 4", tenant);

        ChainVerification result = verification.verify(tenant);

        assertThat(result.isIntact()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(3);
    }

    @Test
    void verifiesEveryTenantAndReportsEachBrokenChain() {
        TestDatabase.get().clean();
        UUID intact = UUID.randomUUID();
        UUID tampered = UUID.randomUUID();
        recordAndSeal(intact, 3);
        recordAndSeal(tampered, 3);
        asDba(
                "UPDATE audit.entries SET target_id = 'other' WHERE seq = (SELECT seq FROM audit.seals WHERE tenant_id = ? AND chain_index = 2)",
                tampered);

        VerificationReport report = verification.verifyAll();

        assertThat(report.isIntact()).isFalse();
        assertThat(report.chains()).extracting(ChainVerification::tenantId).containsExactlyInAnyOrder(intact, tampered);
        assertThat(report.brokenChains()).singleElement().satisfies(chain -> {
            assertThat(chain.tenantId()).isEqualTo(tampered);
            assertThat(chain.firstBreak()).isEqualTo(new ChainBreak(2, BreakReason.MAC_MISMATCH));
        });
        assertThat(report.entriesChecked()).isEqualTo(4);
    }

    @Test
    void reportsATenantWhoseEntriesAreGoneButWhoseCheckpointRemains() {
        TestDatabase.get().clean();
        recordAndSeal(tenant, 2);
        checkpoints.take();
        AuditTampering.deleteEntries("TRUE", tenant);

        VerificationReport report = verification.verifyAll();

        assertThat(report.chains()).extracting(ChainVerification::tenantId).containsExactly(tenant);
        assertThat(report.isIntact()).isFalse();
    }

    @Nested
    class ARewrittenHistory {

        @Autowired
        Entries entries;

        @Autowired
        SecretKeys secretKeys;

        /** Changes entry 3's action and recomputes the MACs of entries 3 to 5 with {@code mac}. */
        private void rewriteWith(ChainMac mac) {
            List<SealedEntry> chain = new ArrayList<>();
            inTenant(
                    tenant,
                    () -> transaction.executeWithoutResult(status -> entries.streamChain(tenant, 1, chain::add)));
            EntryContent third = chain.get(2).content();
            EntryContent changed = new EntryContent(
                    third.seq(),
                    third.tenantId(),
                    third.occurredAt(),
                    third.actorType(),
                    third.actorId(),
                    third.actorName(),
                    "patient.update",
                    third.targetType(),
                    third.targetId(),
                    third.outcome(),
                    third.clientIp(),
                    third.requestId(),
                    third.details());
            List<EntryContent> rewritten =
                    List.of(changed, chain.get(3).content(), chain.get(4).content());
            ChainHead second = new ChainHead(2, chain.get(1).mac());
            asDba("UPDATE audit.entries SET action = 'patient.update' WHERE seq = ?", third.seq());
            for (Seal seal : ChainSealing.seal(rewritten, Map.of(tenant, second), mac)) {
                asDba(
                        "UPDATE audit.seals SET previous_mac = ?, mac = ? WHERE seq = ?",
                        seal.previousMac(),
                        seal.mac(),
                        seal.seq());
            }
        }

        @Test
        void isFoundWhenTheMacsWereRecomputedWithoutTheKey() {
            byte[] guessedKey = new byte[32]; // knows the format, not the secret

            rewriteWith(new ChainMac(guessedKey));

            assertThat(verification.verify(tenant).firstBreak()).isEqualTo(new ChainBreak(3, BreakReason.MAC_MISMATCH));
        }

        @Test
        void isNotFoundByTheChainAloneWhenTheMacsWereRecomputedWithTheKey() {
            rewriteWith(ChainMac.from(secretKeys)); // why the key must stay out of the database's reach

            assertThat(verification.verify(tenant).isIntact()).isTrue();
        }
    }
}
