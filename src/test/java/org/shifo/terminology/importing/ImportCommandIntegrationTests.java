package org.shifo.terminology.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shifo.identity.TenantContext;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestClock;
import org.shifo.terminology.TerminologyFixtures;
import org.shifo.terminology.domain.ImportFormat;
import org.shifo.terminology.persistence.ImportJob;
import org.shifo.terminology.persistence.ImportJobs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class ImportCommandIntegrationTests {

    @Autowired
    ImportCommand command;

    @Autowired
    CodeSetImports imports;

    @Autowired
    ImportJobs jobs;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TestClock clock;

    String run(TerminologySettings.Import arguments, int expectedStatus) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = command.importAndReport(arguments, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(expectedStatus);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void importsAFileForAnOrganizationAndReportsTheCounts() throws Exception {
        IdentityFixtures.Clinic clinic = fixtures.clinic();
        Path file = Files.createTempFile("icd10cm_order_", ".txt");
        Files.write(file, TerminologyFixtures.sample("icd10cm-order-sample.txt"));

        String output = run(
                new TerminologySettings.Import(
                        file.toString(), "ICD10CM_ORDER", clinic.tenantId().toString(), null),
                ImportCommand.SUCCEEDED);

        assertThat(output).contains("SUCCEEDED: 27 codes read, 27 added, 0 updated, 0 retired");
        Files.delete(file);
    }

    @Test
    void saysHowToUseItWhenSomethingIsMissing() {
        assertThat(run(new TerminologySettings.Import("x.csv", null, null, null), ImportCommand.USAGE))
                .contains("--shifo.terminology.import.file");
        assertThat(run(new TerminologySettings.Import("x.csv", "CSV", "not-a-uuid", null), ImportCommand.USAGE))
                .contains("organization");
        assertThat(run(
                        new TerminologySettings.Import(
                                "/nonexistent/x.csv", "CSV", UUID.randomUUID().toString(), null),
                        ImportCommand.USAGE))
                .contains("cannot read");
    }

    @Test
    void marksAnImportLeftRunningByAStoppedNodeFailed() {
        IdentityFixtures.Clinic clinic = fixtures.clinic();
        UUID tenant = clinic.tenantId().value();
        UUID id = UUID.randomUUID();
        TenantContext.runAs(
                clinic.tenantId(),
                () -> transactions.executeWithoutResult(status -> {
                    jobs.insert(new ImportJob(
                            id,
                            tenant,
                            ImportFormat.CSV,
                            "http://hl7.org/fhir/sid/icd-10",
                            "a.csv",
                            10,
                            "0".repeat(64),
                            ImportJob.Status.QUEUED,
                            0,
                            null,
                            0,
                            0,
                            0,
                            null,
                            null,
                            "command",
                            clock.instant(),
                            null,
                            null));
                    jobs.start(tenant, id, 100, clock.instant());
                }));
        clock.advance(Duration.ofMinutes(10));

        imports.failAbandoned();

        ImportJob job = TenantContext.callAs(clinic.tenantId(), () -> imports.job(id));
        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.errorMessage()).contains("stopped with the node");
    }
}
