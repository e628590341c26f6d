package org.shifo.audit.jobs;

import java.io.PrintStream;
import org.shifo.audit.AuditCheckpoint;
import org.shifo.audit.AuditVerification;
import org.shifo.audit.ChainBreak;
import org.shifo.audit.ChainVerification;
import org.shifo.audit.VerificationReport;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The command-line verification: {@code java -jar shifo.jar --shifo.audit.verify-and-exit=true} starts
 * on a random loopback port (see {@link VerifyAndExitEnvironment}), verifies every chain, prints one line per
 * tenant and a result line to standard output, and exits with 0 when every chain is intact, 1 when one is
 * broken and 2 when the verification could not run.
 */
@Component
class AuditVerifyRunner implements ApplicationRunner {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int FAILED = 2;

    private final AuditSettings settings;
    private final AuditVerification verification;
    private final ConfigurableApplicationContext context;

    AuditVerifyRunner(AuditSettings settings, AuditVerification verification, ConfigurableApplicationContext context) {
        this.settings = settings;
        this.verification = verification;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.verifyAndExit()) {
            return;
        }
        int status = verifyAndReport(System.out);
        System.exit(SpringApplication.exit(context, () -> status));
    }

    /** Verifies every chain, prints the outcome to {@code out} and returns the exit status. */
    int verifyAndReport(PrintStream out) {
        VerificationReport report;
        try {
            report = verification.verifyAll();
        } catch (RuntimeException e) {
            out.println("Audit verification FAILED to run (" + AuditScheduler.describe(e) + ")");
            out.flush();
            return FAILED;
        }
        out.println("Audit verification at " + report.verifiedAt() + ": "
                + report.chains().size() + " chains, " + report.entriesChecked() + " entries checked");
        for (ChainVerification chain : report.chains()) {
            out.println("  " + describe(chain));
        }
        if (report.isIntact()) {
            out.println("Result: INTACT");
        } else {
            out.println("Result: BROKEN (" + report.brokenChains().size() + " of "
                    + report.chains().size() + " chains)");
        }
        out.flush();
        return report.isIntact() ? INTACT : BROKEN;
    }

    private static String describe(ChainVerification chain) {
        StringBuilder line =
                new StringBuilder("tenant ").append(chain.tenantId()).append(": ");
        ChainBreak firstBreak = chain.firstBreak();
        if (firstBreak == null) {
            line.append("intact, ").append(chain.entriesChecked()).append(" entries");
        } else {
            line.append("BROKEN at chain index ")
                    .append(firstBreak.chainIndex())
                    .append(" (")
                    .append(firstBreak.reason())
                    .append("), ")
                    .append(chain.entriesChecked())
                    .append(" entries verified before it");
        }
        AuditCheckpoint checkpoint = chain.checkpoint();
        if (checkpoint != null) {
            line.append("; checkpoint of ")
                    .append(checkpoint.takenAt())
                    .append(" at ")
                    .append(checkpoint.entryCount())
                    .append(" entries");
        } else {
            line.append("; no checkpoint");
        }
        return line.toString();
    }
}
