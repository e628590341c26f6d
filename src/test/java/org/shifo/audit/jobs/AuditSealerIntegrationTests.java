package org.shifo.audit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shifo.audit.AuditTampering.dba;
import static org.shifo.audit.AuditTampering.inTenant;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.shifo.audit.AuditEventFixtures;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditVerification;
import org.shifo.audit.ChainVerification;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class AuditSealerIntegrationTests {

    @Autowired
    AuditSealer sealer;

    @Autowired
    AuditLog auditLog;

    @Autowired
    AuditVerification verification;

    @Autowired
    TransactionTemplate transaction;

    private void record(UUID tenant) {
        inTenant(
                tenant,
                () -> transaction.executeWithoutResult(
                        status -> auditLog.record(AuditEventFixtures.patientRead(tenant))));
    }

    /** The tenant's entries in seq order: seq, chain_index, previous_mac, mac. */
    private List<Map<String, @Nullable Object>> chainOf(UUID tenant) {
        return dba().sql(
                        """
                        SELECT seq, chain_index, encode(previous_mac, 'hex') AS previous_mac, encode(mac, 'hex') AS mac
                        FROM audit.trail WHERE tenant_id = :tenant ORDER BY seq
                        """)
                .param("tenant", tenant)
                .query()
                .listOfRows();
    }

    private long unsealed() {
        return dba().sql("SELECT count(*) FROM audit.trail WHERE chain_index IS NULL")
                .query(Long.class)
                .single();
    }

    @Test
    void chainsATenantsEntriesInSeqOrder() {
        UUID tenant = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            record(tenant);
        }

        int sealed = sealer.sealPending();

        List<Map<String, @Nullable Object>> chain = chainOf(tenant);
        assertThat(sealed).isGreaterThanOrEqualTo(5);
        assertThat(chain).extracting(row -> row.get("chain_index")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(chain.getFirst().get("previous_mac")).isEqualTo("0".repeat(64));
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).get("previous_mac"))
                    .isEqualTo(chain.get(i - 1).get("mac"));
        }
        assertThat(verification.verify(tenant).isIntact()).isTrue();
    }

    @Test
    void keepsTwoTenantsChainsIndependent() {
        UUID clinic = UUID.randomUUID();
        UUID otherClinic = UUID.randomUUID();
        record(clinic);
        record(otherClinic);
        record(clinic);
        record(otherClinic);

        sealer.sealPending();

        assertThat(chainOf(clinic)).extracting(row -> row.get("chain_index")).containsExactly(1L, 2L);
        assertThat(chainOf(otherClinic))
                .extracting(row -> row.get("chain_index"))
                .containsExactly(1L, 2L);
        assertThat(chainOf(otherClinic).getFirst().get("previous_mac")).isEqualTo("0".repeat(64));
        assertThat(verification.verify(clinic).isIntact()).isTrue();
        assertThat(verification.verify(otherClinic).isIntact()).isTrue();
    }

    @Test
    void continuesAChainInTheNextPass() {
        UUID tenant = UUID.randomUUID();
        record(tenant);
        sealer.sealPending();
        record(tenant);

        sealer.sealPending();

        List<Map<String, @Nullable Object>> chain = chainOf(tenant);
        assertThat(chain).extracting(row -> row.get("chain_index")).containsExactly(1L, 2L);
        assertThat(chain.get(1).get("previous_mac")).isEqualTo(chain.get(0).get("mac"));
    }

    @Test
    void sealsAnEntryThatCommitsLateAfterTheEntriesSealedBeforeIt() throws Exception {
        UUID tenant = UUID.randomUUID();
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService slowRequest = Executors.newSingleThreadExecutor();
        try {
            Future<?> slow = slowRequest.submit(() -> inTenant(
                    tenant,
                    () -> transaction.executeWithoutResult(status -> {
                        auditLog.record(AuditEventFixtures.patientRead(tenant));
                        recorded.countDown();
                        await(commit);
                    })));
            assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();
            record(tenant); // a higher seq, committed first
            sealer.sealPending();
            commit.countDown();
            slow.get(10, TimeUnit.SECONDS);

            sealer.sealPending();
        } finally {
            commit.countDown();
            slowRequest.shutdownNow();
        }

        List<Map<String, @Nullable Object>> chain = chainOf(tenant);
        assertThat(chain).extracting(row -> row.get("chain_index")).containsExactly(2L, 1L);
        assertThat(verification.verify(tenant).isIntact()).isTrue();
    }

    @Test
    void leavesTheSealingToTheNodeHoldingTheLock() throws Exception {
        UUID tenant = UUID.randomUUID();
        record(tenant);

        try (Connection otherNode = TestDatabase.get().connect()) {
            otherNode.setAutoCommit(false);
            try (var lock = otherNode.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + 0x53484946 + ", 1)");
            }

            assertThat(sealer.sealPending()).isZero();
            assertThat(chainOf(tenant).getFirst().get("chain_index")).isNull();

            otherNode.rollback();
        }
        assertThat(sealer.sealPending()).isEqualTo(1);
    }

    @Test
    void sealsAGapFreeChainFromThirtyTwoConcurrentRecorders() throws Exception {
        UUID tenant = UUID.randomUUID();
        int threads = 32;
        int perThread = 40;
        AtomicBoolean recording = new AtomicBoolean(true);
        ExecutorService sealing = Executors.newSingleThreadExecutor();
        ExecutorService recorders = Executors.newFixedThreadPool(threads);
        try {
            Future<?> background = sealing.submit(() -> {
                while (recording.get()) {
                    sealer.sealPending(); // seals while entries keep committing, in any order
                }
            });
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(recorders.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        record(tenant);
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get(120, TimeUnit.SECONDS);
            }
            recording.set(false);
            background.get(60, TimeUnit.SECONDS);
        } finally {
            recording.set(false);
            recorders.shutdownNow();
            sealing.shutdownNow();
        }
        sealer.sealPending();

        List<Long> indexes = dba().sql(
                        "SELECT chain_index FROM audit.seals WHERE tenant_id = :tenant ORDER BY chain_index")
                .param("tenant", tenant)
                .query(Long.class)
                .list();
        assertThat(indexes).hasSize(threads * perThread);
        for (int i = 0; i < indexes.size(); i++) {
            assertThat(indexes.get(i)).isEqualTo(i + 1L);
        }
        assertThat(unsealed()).isZero();
        ChainVerification result = verification.verify(tenant);
        assertThat(result.isIntact()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(threads * perThread);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the slow request commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
