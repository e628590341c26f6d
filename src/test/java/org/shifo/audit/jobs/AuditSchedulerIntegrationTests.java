package org.shifo.audit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shifo.audit.AuditTampering.callInTenant;
import static org.shifo.audit.AuditTampering.dba;
import static org.shifo.audit.AuditTampering.inTenant;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.shifo.audit.AuditCheckpoints;
import org.shifo.audit.AuditEventFixtures;
import org.shifo.audit.AuditLog;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The schedule itself, on schedulers of the test's own (the application's runs once an hour in tests, so
 * the other tests decide when to seal).
 */
@IntegrationTest
class AuditSchedulerIntegrationTests {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    @Autowired
    AuditSealer sealer;

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    AuditLog auditLog;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    ObjectProvider<Clock> clock;

    private final UUID tenant = UUID.randomUUID();

    private AuditScheduler scheduler(Duration sealInterval, String checkpointCron) {
        return new AuditScheduler(
                sealer,
                checkpoints,
                new AuditSettings(sealInterval, 5_000, checkpointCron, TASHKENT, false, Duration.ofMillis(3), 16),
                clock);
    }

    private void record() {
        inTenant(
                tenant,
                () -> transaction.executeWithoutResult(
                        status -> auditLog.record(AuditEventFixtures.patientRead(tenant))));
    }

    private long count(String sql) {
        return dba().sql(sql).param("tenant", tenant).query(Long.class).single();
    }

    private long sealed() {
        return count("SELECT count(*) FROM audit.seals WHERE tenant_id = :tenant");
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void sealsInTheBackgroundWithinTheInterval() throws Exception {
        AuditScheduler scheduler = scheduler(Duration.ofMillis(50), AuditSettings.DISABLED);
        scheduler.start();
        try {
            record();
            record();

            waitUntil(() -> sealed() == 2);

            assertThat(sealed()).isEqualTo(2);
        } finally {
            scheduler.stop();
        }
        assertThat(scheduler.isRunning()).isFalse();
    }

    @Test
    void sealsWhatIsLeftWhenItStops() {
        AuditScheduler scheduler = scheduler(Duration.ofHours(1), AuditSettings.DISABLED);
        scheduler.start();
        record();

        scheduler.stop();

        assertThat(sealed()).isEqualTo(1);
    }

    @Test
    void takesCheckpointsOnItsCronSchedule() throws Exception {
        AuditScheduler scheduler = scheduler(Duration.ofMillis(50), "* * * * * *");
        scheduler.start();
        try {
            record();

            waitUntil(() -> count("SELECT count(*) FROM audit.checkpoints WHERE tenant_id = :tenant") > 0);

            assertThat(callInTenant(tenant, () -> checkpoints.findLatest(tenant)))
                    .isPresent();
        } finally {
            scheduler.stop();
        }
    }

    @Test
    void runsNoJobInAVerificationRun() {
        AuditScheduler scheduler = new AuditScheduler(
                sealer,
                checkpoints,
                new AuditSettings(
                        Duration.ofMillis(10), 5_000, "* * * * * *", TASHKENT, true, Duration.ofMillis(3), 16),
                clock);
        scheduler.start();
        record();

        scheduler.stop();

        assertThat(sealed()).isZero();
    }
}
