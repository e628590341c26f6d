package org.shifo.terminology.importing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.shifo.identity.TenantId;
import org.shifo.terminology.persistence.ImportJob;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The import command: {@code java -jar shifo.jar --shifo.terminology.import.file=icd10cm_order_2026.txt
 * --shifo.terminology.import.format=ICD10CM_ORDER --shifo.terminology.import.organization=<organization id>}
 * starts on a random loopback port (see {@link ImportCommandEnvironment}), imports the file as an import job of
 * the organization, prints the outcome and exits: 0 when the import succeeded, 1 when the file was refused or
 * failed, 2 when the command was given wrongly.
 */
@Component
class ImportCommand implements ApplicationRunner {

    static final int SUCCEEDED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final TerminologySettings settings;
    private final CodeSetImports imports;
    private final ConfigurableApplicationContext context;

    ImportCommand(TerminologySettings settings, CodeSetImports imports, ConfigurableApplicationContext context) {
        this.settings = settings;
        this.imports = imports;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.importCommand().isRequested()) {
            return;
        }
        int status = importAndReport(settings.importCommand(), System.out);
        System.exit(SpringApplication.exit(context, () -> status));
    }

    /** Imports as the command asks, prints the outcome to {@code out} and returns the exit status. */
    int importAndReport(TerminologySettings.Import command, PrintStream out) {
        String file = command.file();
        String format = command.format();
        String organization = command.organization();
        if (file == null || format == null || organization == null) {
            out.println("Terminology import: give --shifo.terminology.import.file, .format (ICD10_CLAML,"
                    + " MKB10_NSI_CSV, ICD10CM_ORDER or CSV) and .organization (the organization's id)");
            out.flush();
            return USAGE;
        }
        UUID tenant;
        try {
            tenant = UUID.fromString(organization.strip());
        } catch (IllegalArgumentException e) {
            out.println("Terminology import: the organization must be the organization's id (a UUID)");
            out.flush();
            return USAGE;
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            out.println("Terminology import: cannot read the file " + path);
            out.flush();
            return USAGE;
        }
        try {
            ImportJob job = imports.importNow(new TenantId(tenant), path, format, command.system());
            if (job.status() == ImportJob.Status.SUCCEEDED) {
                out.println("Terminology import " + job.id() + " SUCCEEDED: " + job.processed() + " codes read, "
                        + job.added() + " added, " + job.updated() + " updated, " + job.retired() + " retired");
                out.flush();
                return SUCCEEDED;
            }
            out.println("Terminology import " + job.id() + " FAILED: " + job.errorMessage());
        } catch (ImportRefusedException e) {
            out.println("Terminology import refused (" + e.field() + "): " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            out.println("Terminology import FAILED: " + e.getClass().getSimpleName());
        }
        out.flush();
        return FAILED;
    }
}
