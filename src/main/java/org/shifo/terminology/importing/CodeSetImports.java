package org.shifo.terminology.importing;

import jakarta.annotation.PreDestroy;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditActor;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.terminology.Terminology;
import org.shifo.terminology.domain.CodeFormat;
import org.shifo.terminology.domain.CodeSetReader;
import org.shifo.terminology.domain.ImportFormat;
import org.shifo.terminology.domain.MalformedFileException;
import org.shifo.terminology.persistence.CodeSetMerge;
import org.shifo.terminology.persistence.Concepts;
import org.shifo.terminology.persistence.ImportCounts;
import org.shifo.terminology.persistence.ImportJob;
import org.shifo.terminology.persistence.ImportJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports code set files: an upload is checked (format, system, size, the file's first codes), copied aside and
 * queued; one background virtual thread per node reads it as a stream into the set in one transaction, saving its
 * progress every {@link TerminologySettings#progressEvery()} codes in transactions of their own. A file found
 * malformed half-way fails the job with the line, and the set is left as it was. Each import is audited (who,
 * which file by its SHA-256, the counts).
 */
@Service
public class CodeSetImports {

    private static final Logger log = LoggerFactory.getLogger(CodeSetImports.class);

    private final ImportJobs jobs;
    private final CodeSetMerge merge;
    private final Concepts concepts;
    private final AuditLog audit;
    private final TerminologySettings settings;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final TransactionTemplate ownTransaction;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("terminology-import-", 1).factory());

    CodeSetImports(
            ImportJobs jobs,
            CodeSetMerge merge,
            Concepts concepts,
            AuditLog audit,
            TerminologySettings settings,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.jobs = jobs;
        this.merge = merge;
        this.concepts = concepts;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** An uploaded file: its bytes, how big, what it claims to be. */
    public record Upload(
            @Nullable String format, @Nullable String system, @Nullable String fileName, long size, Content content) {}

    /** Opens the uploaded bytes (as often as asked). */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /**
     * Checks the upload, stores the job as QUEUED (audited) and starts it in the background.
     *
     * @throws ImportRefusedException naming the field, nothing stored
     */
    public ImportJob submit(Upload upload) {
        Staff staff = CurrentUser.get();
        Request request = check(upload.format(), upload.system(), upload.size());
        Path copy = copyAside(upload.content());
        try {
            sniff(copy, request);
            String fileName = fileName(upload.fileName());
            ImportJob job = transaction.execute(status -> {
                ImportJob queued = queued(
                        staff.tenantId().value(),
                        request,
                        fileName,
                        copy,
                        staff.userId().value(),
                        staff.fullName());
                audit.record(event(queued, staff.auditActor(), "terminology_import.submit", AuditOutcome.SUCCESS));
                return queued;
            });
            worker.execute(() -> run(job, copy));
            return job;
        } catch (RuntimeException e) {
            delete(copy);
            throw e;
        }
    }

    /**
     * The import command: imports {@code file} for the organization in this thread and returns the finished job
     * (SUCCEEDED or FAILED). The file is read where it lies.
     */
    public ImportJob importNow(TenantId tenant, Path file, String format, @Nullable String system) throws IOException {
        Request request = check(format, system, Files.size(file));
        return TenantContext.callAs(tenant, () -> {
            sniff(file, request);
            ImportJob job = transaction.execute(status -> {
                ImportJob queued = queued(
                        tenant.value(), request, fileName(file.getFileName().toString()), file, null, COMMAND);
                audit.record(
                        event(queued, AuditActor.system(COMMAND), "terminology_import.submit", AuditOutcome.SUCCESS));
                return queued;
            });
            execute(job, file);
            return transaction
                    .execute(status -> jobs.find(tenant.value(), job.id()))
                    .orElseThrow();
        });
    }

    static final String COMMAND = "terminology-import-command";

    public ImportJob job(UUID id) {
        UUID tenant = TenantContext.require().value();
        return transaction.execute(status -> jobs.find(tenant, id)).orElseThrow(ImportJobNotFoundException::new);
    }

    public List<ImportJob> recent(int limit) {
        UUID tenant = TenantContext.require().value();
        return transaction.execute(status -> jobs.recent(tenant, Math.max(1, Math.min(limit, 200))));
    }

    public List<Concepts.SetSummary> sets() {
        UUID tenant = TenantContext.require().value();
        return transaction.execute(status -> concepts.sets(tenant));
    }

    /** Marks FAILED the imports of every clinic left unfinished by a node that stopped; returns how many. */
    public int failAbandoned() {
        Instant now = clock.instant();
        List<ImportJob> failed = TenantContext.callAsSystem(() -> transaction.execute(status -> jobs.failAbandoned(
                now.minus(settings.abandonedAfter()),
                "The import stopped with the node that ran it; upload the file again.",
                now)));
        for (ImportJob job : failed) {
            log.warn(
                    "Terminology import {} of tenant {} was abandoned by a stopped node: FAILED",
                    job.id(),
                    job.tenantId());
            TenantContext.runAs(
                    new TenantId(job.tenantId()),
                    () -> transaction.executeWithoutResult(status ->
                            audit.record(event(job, actor(job), "terminology_import.finish", AuditOutcome.FAILURE))));
        }
        return failed.size();
    }

    private record Request(ImportFormat format, String system) {}

    private Request check(@Nullable String formatName, @Nullable String systemName, long size) {
        if (formatName == null || formatName.isBlank()) {
            throw new ImportRefusedException("format", "required", "Choose the file's format.", false);
        }
        ImportFormat format = ImportFormat.parse(formatName)
                .orElseThrow(() -> new ImportRefusedException(
                        "format",
                        "unknown",
                        "The format must be one of " + Arrays.toString(ImportFormat.values()) + ".",
                        false,
                        Arrays.toString(ImportFormat.values())));
        if (size <= 0) {
            throw new ImportRefusedException("file", "empty", "The file is empty.", false);
        }
        long max = settings.maxImportSize().toBytes();
        if (size > max) {
            throw new ImportRefusedException(
                    "file",
                    "too-large",
                    "The file is larger than " + max / (1024 * 1024) + " MB.",
                    false,
                    max / (1024 * 1024));
        }
        String system = defaultSystem(format);
        if (systemName != null && !systemName.isBlank()) {
            system = CodeFormat.canonicalSystem(systemName)
                    .orElseThrow(() -> new ImportRefusedException(
                            "system",
                            "unknown",
                            "The system must be ICD10, ICD10_CM or the name of a local list (letters, digits, _ and -).",
                            false));
        }
        if (format != ImportFormat.CSV && !system.equals(defaultSystem(format))) {
            throw new ImportRefusedException(
                    "system",
                    "mismatch",
                    "A " + format + " file holds " + CodeFormat.shortName(defaultSystem(format)) + " codes, not "
                            + CodeFormat.shortName(system) + ".",
                    true,
                    format.name(),
                    CodeFormat.shortName(defaultSystem(format)));
        }
        return new Request(format, system);
    }

    private static String defaultSystem(ImportFormat format) {
        return format == ImportFormat.ICD10CM_ORDER ? Terminology.ICD10_CM : Terminology.ICD10;
    }

    /** Reads the file's first code, so a file of another format is refused at once (422), not later as a job. */
    private static void sniff(Path file, Request request) {
        CodeSetReader reader = CodeSetReader.of(request.format(), CodeFormat.of(request.system()));
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            reader.read(in, concept -> {
                throw new FirstCodeRead();
            });
        } catch (FirstCodeRead enough) {
            // the start of the file is of the format
        } catch (MalformedFileException e) {
            throw new ImportRefusedException(
                    "file",
                    "malformed",
                    "The file is not a " + request.format() + " file: " + e.getMessage(),
                    true,
                    request.format().name(),
                    String.valueOf(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class FirstCodeRead extends RuntimeException {
        FirstCodeRead() {
            super(null, null, false, false);
        }
    }

    private ImportJob queued(
            UUID tenant, Request request, String fileName, Path file, @Nullable UUID by, String byName) {
        ImportJob job = new ImportJob(
                UUID.randomUUID(),
                tenant,
                request.format(),
                request.system(),
                fileName,
                size(file),
                sha256(file),
                ImportJob.Status.QUEUED,
                0,
                null,
                0,
                0,
                0,
                null,
                by,
                byName,
                clock.instant(),
                null,
                null);
        jobs.insert(job);
        return job;
    }

    private void run(ImportJob job, Path file) {
        try {
            TenantContext.runAs(new TenantId(job.tenantId()), () -> execute(job, file));
        } finally {
            delete(file);
        }
    }

    /** Runs a queued job to its end, SUCCEEDED or FAILED; never throws. */
    private void execute(ImportJob job, Path file) {
        UUID tenant = job.tenantId();
        CodeSetReader reader = CodeSetReader.of(job.format(), CodeFormat.of(job.system()));
        try {
            long total;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                total = reader.count(in);
            }
            ownTransaction.executeWithoutResult(status -> jobs.start(tenant, job.id(), total, clock.instant()));
            Thread heartbeat = heartbeat(job);
            ImportCounts counts;
            try {
                counts = transaction.execute(status -> {
                    try (CodeSetMerge.Stage stage = merge.stage();
                            InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                        long[] read = {0};
                        reader.read(in, concept -> {
                            stage.add(concept);
                            if (++read[0] % settings.progressEvery() == 0) {
                                long processed = read[0];
                                ownTransaction.executeWithoutResult(
                                        progress -> jobs.progress(tenant, job.id(), processed, clock.instant()));
                            }
                        });
                        ImportCounts result = merge.merge(
                                stage,
                                tenant,
                                job.system(),
                                CodeFormat.shortName(job.system()),
                                job.format(),
                                job.id(),
                                clock.instant());
                        jobs.succeed(tenant, job.id(), read[0], result, clock.instant());
                        audit.record(event(job, actor(job), "terminology_import.finish", AuditOutcome.SUCCESS)
                                .withDetails(Map.of(
                                        "format", job.format().name(),
                                        "system", CodeFormat.shortName(job.system()),
                                        "file", job.fileSha256(),
                                        "added", String.valueOf(result.added()),
                                        "updated", String.valueOf(result.updated()),
                                        "retired", String.valueOf(result.retired()))));
                        return result;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } finally {
                heartbeat.interrupt();
            }
            log.info(
                    "Terminology import {} done: {} added, {} updated, {} retired",
                    job.id(),
                    counts.added(),
                    counts.updated(),
                    counts.retired());
        } catch (MalformedFileException e) {
            fail(job, "The file is not a valid " + job.format() + " file: " + e.getMessage());
        } catch (RuntimeException | IOException e) {
            log.warn("Terminology import {} failed", job.id(), e);
            fail(job, "The import failed (" + e.getClass().getSimpleName() + "); nothing was changed.");
        }
    }

    /**
     * Says every 20 seconds, in transactions of its own, that the job is alive, so that no node takes it for
     * abandoned while its codes are merged (a step that saves no progress).
     */
    private Thread heartbeat(ImportJob job) {
        TenantId tenant = new TenantId(job.tenantId());
        return Thread.ofVirtual().name("terminology-import-heartbeat").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(20_000);
                    TenantContext.runAs(
                            tenant,
                            () -> ownTransaction.executeWithoutResult(
                                    status -> jobs.heartbeat(job.tenantId(), job.id(), clock.instant())));
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("Could not record that terminology import {} is alive", job.id(), e);
                }
            }
        });
    }

    private void fail(ImportJob job, String message) {
        try {
            ownTransaction.executeWithoutResult(status -> {
                jobs.fail(job.tenantId(), job.id(), message, clock.instant());
                audit.record(event(job, actor(job), "terminology_import.finish", AuditOutcome.FAILURE));
            });
        } catch (RuntimeException e) {
            log.warn("Could not mark terminology import {} failed", job.id(), e);
        }
    }

    private static AuditActor actor(ImportJob job) {
        UUID by = job.createdBy();
        return by == null ? AuditActor.system(COMMAND) : AuditActor.user(by, job.createdByName());
    }

    private static AuditEvent event(ImportJob job, AuditActor actor, String action, AuditOutcome outcome) {
        return AuditEvent.of(
                        job.tenantId(),
                        actor,
                        action,
                        "terminology_import",
                        job.id().toString(),
                        outcome)
                .withDetails(Map.of(
                        "format", job.format().name(),
                        "system", CodeFormat.shortName(job.system()),
                        "file", job.fileSha256()));
    }

    private static String fileName(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return "upload";
        }
        String base = Path.of(name.replace('\\', '/')).getFileName().toString().replaceAll("\\p{Cntrl}", "");
        base = base.isBlank() ? "upload" : base;
        return base.length() > 255 ? base.substring(0, 255) : base;
    }

    private static Path copyAside(Content content) {
        try {
            Path copy = Files.createTempFile("shifo-terminology-", ".upload");
            try (InputStream in = content.open()) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the uploaded copy {}", file.getFileName());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            worker.shutdownNow();
        }
    }
}
