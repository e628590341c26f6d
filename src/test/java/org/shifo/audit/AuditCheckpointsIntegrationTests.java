package org.shifo.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.shifo.audit.AuditTampering.callInTenant;
import static org.shifo.audit.AuditTampering.inTenant;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.audit.jobs.AuditSealer;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AuditCheckpointsIntegrationTests {

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    AuditLog auditLog;

    @Autowired
    AuditSealer sealer;

    @Autowired
    TransactionTemplate transaction;

    private final UUID clinic = UUID.randomUUID();
    private final UUID otherClinic = UUID.randomUUID();

    @BeforeEach
    void startEmpty() {
        TestDatabase.get().clean();
    }

    private void record(UUID tenant, int entries) {
        for (int i = 0; i < entries; i++) {
            inTenant(
                    tenant,
                    () -> transaction.executeWithoutResult(
                            status -> auditLog.record(AuditEventFixtures.patientRead(tenant))));
        }
    }

    private AuditCheckpoint takenFor(List<AuditCheckpoint> taken, UUID tenant) {
        return taken.stream()
                .filter(checkpoint -> checkpoint.tenantId().equals(tenant))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void takesOneCheckpointPerTenantAtItsHead() {
        record(clinic, 3);
        record(otherClinic, 2);
        sealer.sealPending();

        List<AuditCheckpoint> taken = checkpoints.take();

        assertThat(taken).hasSize(2);
        assertThat(takenFor(taken, clinic).entryCount()).isEqualTo(3);
        assertThat(takenFor(taken, clinic).headMac()).isEqualTo(AuditTampering.macAt(clinic, 3));
        assertThat(takenFor(taken, otherClinic).entryCount()).isEqualTo(2);
        assertThat(takenFor(taken, otherClinic).headMac()).isEqualTo(AuditTampering.macAt(otherClinic, 2));
    }

    @Test
    void leavesOutEntriesNotSealedYet() {
        record(clinic, 2);
        sealer.sealPending();
        record(clinic, 1);

        assertThat(takenFor(checkpoints.take(), clinic).entryCount()).isEqualTo(2);
    }

    @Test
    void takesNoneForAChainThatHasNotMoved() {
        record(clinic, 2);
        sealer.sealPending();
        checkpoints.take();

        assertThat(checkpoints.take()).isEmpty();
    }

    @Test
    void takesTheNextFromWhereTheLastEnded() {
        record(clinic, 2);
        sealer.sealPending();
        checkpoints.take();
        record(clinic, 3);
        sealer.sealPending();

        assertThat(takenFor(checkpoints.take(), clinic).entryCount()).isEqualTo(5);
    }

    @Test
    void takesNoneForABrokenChain(CapturedOutput output) {
        record(clinic, 2);
        record(otherClinic, 2);
        sealer.sealPending();
        checkpoints.take();
        record(clinic, 2);
        record(otherClinic, 1);
        sealer.sealPending();
        AuditTampering.asDba(
                "UPDATE audit.entries SET outcome = 'DENIED'"
                        + " WHERE seq = (SELECT seq FROM audit.seals WHERE tenant_id = ? AND chain_index = 3)",
                clinic);

        List<AuditCheckpoint> taken = checkpoints.take();

        assertThat(taken).extracting(AuditCheckpoint::tenantId).containsExactly(otherClinic);
        assertThat(output).contains("Audit chain of tenant " + clinic + " is broken at chain index 3 (MAC_MISMATCH)");
    }

    @Test
    void takesNoneForAChainWhoseCheckpointedEntryWasChanged() {
        record(clinic, 2);
        sealer.sealPending();
        checkpoints.take();
        AuditTampering.asDba(
                "UPDATE audit.seals SET mac = decode(repeat('cd', 32), 'hex') WHERE tenant_id = ?"
                        + " AND chain_index = 2",
                clinic);
        record(clinic, 1);
        sealer.sealPending();

        assertThat(checkpoints.take()).isEmpty();
    }

    @Test
    void logsOneLineOfIdsCountAndMacPerTenantAndNoContent(CapturedOutput output) {
        record(clinic, 2);
        sealer.sealPending();

        AuditCheckpoint checkpoint = takenFor(checkpoints.take(), clinic);

        assertThat(output)
                .contains("Audit checkpoint: tenant=" + clinic + " entries=2 headMac=" + checkpoint.headMac())
                .doesNotContain("patient.read")
                .doesNotContain("Dilnoza");
    }

    @Test
    void listsATenantsCheckpointsNewestFirst() {
        record(clinic, 1);
        sealer.sealPending();
        checkpoints.take();
        record(clinic, 1);
        sealer.sealPending();
        checkpoints.take();

        assertThat(callInTenant(clinic, () -> checkpoints.findRecent(clinic, 10)))
                .extracting(AuditCheckpoint::entryCount)
                .containsExactly(2L, 1L);
        assertThat(callInTenant(clinic, () -> checkpoints.findLatest(clinic)))
                .map(AuditCheckpoint::entryCount)
                .contains(2L);
        assertThat(callInTenant(otherClinic, () -> checkpoints.findLatest(clinic)))
                .isEmpty();
        assertThat(callInTenant(otherClinic, () -> checkpoints.findLatest(otherClinic)))
                .isEmpty();
    }

    @Test
    void listsTheLatestCheckpointOfEachTenant() {
        record(clinic, 1);
        record(otherClinic, 1);
        sealer.sealPending();
        checkpoints.take();
        record(clinic, 1);
        sealer.sealPending();
        checkpoints.take();

        assertThat(checkpoints.findLatestOfEachTenant())
                .extracting(AuditCheckpoint::tenantId, AuditCheckpoint::entryCount)
                .containsExactlyInAnyOrder(tuple(clinic, 2L), tuple(otherClinic, 1L));
    }

    @Test
    void leavesTheCheckpointsToTheNodeAlreadyTakingThem() throws Exception {
        record(clinic, 1);
        sealer.sealPending();

        try (Connection otherNode = TestDatabase.get().connect()) {
            otherNode.setAutoCommit(false);
            try (var lock = otherNode.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + 0x53484946 + ", 2)");
            }

            assertThat(checkpoints.take()).isEmpty();

            otherNode.rollback();
        }
        assertThat(checkpoints.take()).hasSize(1);
    }
}
