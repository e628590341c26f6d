package org.shifo.audit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shifo.audit.AuditTampering.inTenant;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.audit.AuditCheckpoints;
import org.shifo.audit.AuditEventFixtures;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditTampering;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class AuditVerifyRunnerIntegrationTests {

    @Autowired
    AuditVerifyRunner runner;

    @Autowired
    AuditLog auditLog;

    @Autowired
    AuditSealer sealer;

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    TransactionTemplate transaction;

    private final UUID clinic = UUID.fromString("0190d1d0-0000-7000-8000-0000000000c1");
    private final UUID otherClinic = UUID.fromString("0190d1d0-0000-7000-8000-0000000000c2");
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void twoSealedChains() {
        TestDatabase.get().clean();
        for (UUID tenant : new UUID[] {clinic, otherClinic}) {
            for (int i = 0; i < 3; i++) {
                inTenant(
                        tenant,
                        () -> transaction.executeWithoutResult(
                                status -> auditLog.record(AuditEventFixtures.patientRead(tenant))));
            }
        }
        sealer.sealPending();
    }

    private int verify() {
        return runner.verifyAndReport(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsEveryChainIntactAndExitsWithZero() {
        checkpoints.take();

        int status = verify();

        assertThat(status).isZero();
        assertThat(output())
                .contains("2 chains, 6 entries checked")
                .contains("tenant " + clinic + ": intact, 3 entries; checkpoint of ")
                .contains("tenant " + otherClinic + ": intact, 3 entries")
                .endsWith("Result: INTACT" + System.lineSeparator());
    }

    @Test
    void printsTheFirstBrokenLinkAndExitsWithOne() {
        AuditTampering.deleteEntries("chain_index = 2", otherClinic);

        int status = verify();

        assertThat(status).isEqualTo(1);
        assertThat(output())
                .contains("tenant " + clinic + ": intact, 3 entries; no checkpoint")
                .contains("tenant " + otherClinic
                        + ": BROKEN at chain index 2 (MISSING_ENTRY), 1 entries verified before it")
                .contains("Result: BROKEN (1 of 2 chains)");
    }

    @Test
    void printsNoEntryContent() {
        verify();

        assertThat(output()).doesNotContain("patient.read").doesNotContain("Dilnoza");
    }

    @Test
    void doesNothingUnlessAskedTo() throws Exception {
        runner.run(new DefaultApplicationArguments());

        assertThat(output()).isEmpty();
    }
}
