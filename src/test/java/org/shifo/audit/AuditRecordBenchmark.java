package org.shifo.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.shifo.ShifoApplication;
import org.shifo.audit.jobs.AuditSealer;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How fast the audit trail records, seals and verifies: a program run on demand (not a test), see {@code
 * bench/README.md} and {@code bench/audit-record.sh}.
 *
 * <p>It starts the whole application the way development does, on a fresh embedded PostgreSQL with {@code
 * fsync} on in a temporary data directory (not the tests' database, which runs with {@code fsync} and {@code
 * synchronous_commit} off), then measures with 64 threads through the application's connection pool: an
 * empty read-write transaction (the floor), recording with sealing off, recording with the sealer running
 * every second as in production (and its lag: from an entry's time to its seal), the sealer's own rate,
 * and a full verification.
 *
 * <p>Arguments: {@code [threads=64] [seconds per phase=15]}.
 */
public final class AuditRecordBenchmark {

    private static final int TENANTS = 8;

    private final ConfigurableApplicationContext app;
    private final AuditLog auditLog;
    private final AuditSealer sealer;
    private final AuditVerification verification;
    private final AuditCheckpoints checkpoints;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final int threads;
    private final long phaseNanos;
    private final List<UUID> tenants =
            Stream.generate(UUID::randomUUID).limit(TENANTS).toList();

    private AuditRecordBenchmark(ConfigurableApplicationContext app, int threads, int seconds) {
        this.app = app;
        this.auditLog = app.getBean(AuditLog.class);
        this.sealer = app.getBean(AuditSealer.class);
        this.verification = app.getBean(AuditVerification.class);
        this.checkpoints = app.getBean(AuditCheckpoints.class);
        this.transaction = app.getBean(TransactionTemplate.class);
        this.jdbc = app.getBean(JdbcClient.class);
        this.threads = threads;
        this.phaseNanos = seconds * 1_000_000_000L;
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path dataDir = Files.createTempDirectory("shifo-audit-bench");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ShifoApplication.class)
                .run(
                        "--shifo.data-dir=" + dataDir,
                        "--server.port=0",
                        // the benchmark drives the sealer itself, to measure with and without it
                        "--shifo.audit.seal-interval=1d",
                        "--shifo.audit.checkpoint-cron=-",
                        "--logging.level.root=WARN");
        try {
            new AuditRecordBenchmark(app, threads, seconds).run();
        } finally {
            app.close();
            deleteRecursively(dataDir);
        }
    }

    private void run() throws InterruptedException {
        int pool = app.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class, 20);
        System.out.printf(
                Locale.ROOT,
                "Audit trail benchmark: %d threads, %d tenants, %d s per phase, pool of %d connections, %d cores%n",
                threads,
                TENANTS,
                phaseNanos / 1_000_000_000L,
                pool,
                Runtime.getRuntime().availableProcessors());

        measure("warm-up (not counted)", this::recordOne, null);
        sealer.sealPending();

        Result empty = measure(
                "empty read-write transaction",
                thread -> transaction.executeWithoutResult(
                        status -> jdbc.sql("SELECT 1").query(Integer.class).single()),
                null);
        // the application's role may not create tables: the owner does (and default privileges grant it)
        String ownerUrl = app.getBean(org.shifo.platform.database.EmbeddedPostgresServer.class)
                .jdbcUrl();
        try (var owner = java.sql.DriverManager.getConnection(ownerUrl);
                var create = owner.createStatement()) {
            create.execute(
                    """
                    CREATE TABLE public.bench_rows (
                        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        tenant_id UUID NOT NULL, occurred_at TIMESTAMPTZ NOT NULL, payload TEXT NOT NULL)
                    """);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not create the comparison table", e);
        }
        Result plain = measure(
                "insert into a plain table",
                thread -> transaction.executeWithoutResult(status -> jdbc.sql(
                                "INSERT INTO public.bench_rows (tenant_id, occurred_at, payload) VALUES (:t, now(), :p)")
                        .param("t", tenants.get(thread % TENANTS))
                        .param("p", "patient.read patient " + UUID.randomUUID() + " Dilnoza Karimova bench-" + thread)
                        .update()),
                null);
        Result unsealed = measure("record, sealing off", this::recordOne, null);

        long pending = count("SELECT count(*) FROM audit.trail WHERE chain_index IS NULL");
        long start = System.nanoTime();
        sealer.sealPending();
        double sealSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "  sealer alone: %,d entries in %.2f s = %,.0f entries/s%n",
                pending,
                sealSeconds,
                pending / sealSeconds);

        long firstSeq = count("SELECT coalesce(max(seq), 0) + 1 FROM audit.entries");
        Result sealed = measure("record, sealer every 1 s", this::recordOne, sealer);
        sealer.sealPending();
        lag(firstSeq, "flat out");

        firstSeq = count("SELECT coalesce(max(seq), 0) + 1 FROM audit.entries");
        Result reads = measure("recordRead (batched), sealer 1 s", this::recordReadOne, sealer);
        sealer.sealPending();
        lag(firstSeq, "batched reads flat out");

        for (int rate : new int[] {500, 1_000}) {
            firstSeq = count("SELECT coalesce(max(seq), 0) + 1 FROM audit.entries");
            measure("record at " + rate + "/s, sealer 1 s", this::recordOne, sealer, rate);
            sealer.sealPending();
            lag(firstSeq, "at " + rate + "/s");
        }

        System.out.printf(
                Locale.ROOT,
                "  recording (sealing on) vs a plain one-row insert: %.0f %% of its throughput; vs an empty"
                        + " transaction: %.0f %%%n",
                100.0 * sealed.perSecond() / plain.perSecond(),
                100.0 * sealed.perSecond() / empty.perSecond());
        System.out.printf(
                Locale.ROOT,
                "  batched read entries (sealing on) vs a plain one-row insert: %.0f %% of its throughput%n",
                100.0 * reads.perSecond() / plain.perSecond());
        System.out.printf(
                Locale.ROOT,
                "  cost of sealing while recording: %.1f %% of recording throughput%n",
                100.0 * (1 - sealed.perSecond() / unsealed.perSecond()));

        long total = count("SELECT count(*) FROM audit.entries");
        start = System.nanoTime();
        VerificationReport report = verification.verifyAll();
        double verifySeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "  verification of all %d chains: %,d entries in %.2f s = %,.0f entries/s, %s%n",
                report.chains().size(),
                report.entriesChecked(),
                verifySeconds,
                report.entriesChecked() / verifySeconds,
                report.isIntact() ? "intact" : "BROKEN");
        start = System.nanoTime();
        int taken = checkpoints.take().size();
        System.out.printf(
                Locale.ROOT,
                "  first checkpoints (verify every chain from the start, then write): %d in %.2f s; %,d entries"
                        + " in the table%n",
                taken,
                (System.nanoTime() - start) / 1e9,
                total);
    }

    private void recordOne(int thread) {
        UUID tenant = tenants.get(thread % TENANTS);
        TenantContext.runAs(
                new TenantId(tenant),
                () -> transaction.executeWithoutResult(status -> auditLog.record(AuditEventFixtures.patientRead(tenant)
                        .withRequest("bench-" + thread, "203.0.113." + (thread % 250 + 1)))));
    }

    /** A read's entry as a read records it: after its transaction, batched with other callers' entries. */
    private void recordReadOne(int thread) {
        UUID tenant = tenants.get(thread % TENANTS);
        TenantContext.runAs(
                new TenantId(tenant),
                () -> auditLog.recordRead(AuditEventFixtures.patientRead(tenant)
                        .withRequest("bench-" + thread, "203.0.113." + (thread % 250 + 1))));
    }

    private Result measure(String name, Operation operation, @Nullable AuditSealer sealing)
            throws InterruptedException {
        return measure(name, operation, sealing, 0);
    }

    /**
     * Runs {@code operation} on every thread for one phase, flat out or paced to {@code rate} operations a
     * second in all (0: flat out); with a sealer, seals every second meanwhile. Latency excludes pacing.
     */
    private Result measure(String name, Operation operation, @Nullable AuditSealer sealing, int rate)
            throws InterruptedException {
        long intervalNanos = rate == 0 ? 0 : 1_000_000_000L * threads / rate;
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(threads);
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(Thread.ofPlatform().name("bench-" + t).start(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                long next = System.nanoTime() + intervalNanos * thread / threads;
                try {
                    while (!stop.get()) {
                        if (intervalNanos > 0) {
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                sleepQuietly(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                            next += intervalNanos;
                        }
                        long begin = System.nanoTime();
                        operation.run(thread);
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = System.nanoTime() - begin;
                    }
                } finally {
                    latencies[thread] = mine;
                    counts[thread] = n;
                    done.countDown();
                }
            }));
        }
        Thread sealerThread = null;
        if (sealing != null) {
            sealerThread = Thread.ofPlatform().name("bench-sealer").start(() -> {
                while (!stop.get()) {
                    sealing.sealPending();
                    sleepQuietly(1_000);
                }
            });
        }
        long start = System.nanoTime();
        Thread.sleep(phaseNanos / 1_000_000);
        stop.set(true);
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sealerThread != null) {
            sealerThread.join();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        Result result = new Result(total / seconds, percentile(all, 0.50), percentile(all, 0.99));
        System.out.printf(
                Locale.ROOT,
                "  %-30s %,9.0f /s   latency p50 %6.2f ms   p99 %7.2f ms%n",
                name,
                result.perSecond(),
                result.p50Millis(),
                result.p99Millis());
        return result;
    }

    /** Sealer lag of the entries from {@code firstSeq} on: their time (just before commit) to their seal. */
    private void lag(long firstSeq, String when) {
        Map<String, @Nullable Object> row =
                Objects.requireNonNull(TenantContext.callAsSystem(() -> transaction.execute(status -> jdbc.sql(
                                """
                        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50,
                               percentile_cont(0.95) WITHIN GROUP (ORDER BY lag) AS p95,
                               percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99,
                               max(lag) AS max, count(*) AS entries
                        FROM (SELECT extract(epoch FROM sealed_at - occurred_at) * 1000 AS lag
                              FROM audit.trail WHERE seq >= :firstSeq) AS lags
                        """)
                        .param("firstSeq", firstSeq)
                        .query()
                        .singleRow())));
        System.out.printf(
                Locale.ROOT,
                "  sealer lag %s (entry time to seal) over %,d entries: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms,"
                        + " max %.0f ms%n",
                when,
                ((Number) require(row.get("entries"))).longValue(),
                ((Number) require(row.get("p50"))).doubleValue(),
                ((Number) require(row.get("p95"))).doubleValue(),
                ((Number) require(row.get("p99"))).doubleValue(),
                ((Number) require(row.get("max"))).doubleValue());
    }

    /** Counts across tenants: the application's role sees every tenant's rows only in the system scope. */
    private long count(String sql) {
        return Objects.requireNonNull(TenantContext.callAsSystem(() ->
                transaction.execute(status -> jdbc.sql(sql).query(Long.class).single())));
    }

    private static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * fraction))] / 1e6;
    }

    private static Object require(@Nullable Object value) {
        if (value == null) {
            throw new IllegalStateException("no entries measured");
        }
        return value;
    }

    private static void sleepQuietly(long millis) {
        sleepQuietly(millis, 0);
    }

    private static void sleepQuietly(long millis, int nanos) {
        try {
            Thread.sleep(millis, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Result(double perSecond, double p50Millis, double p99Millis) {}

    @FunctionalInterface
    private interface Operation {
        void run(int thread);
    }
}
