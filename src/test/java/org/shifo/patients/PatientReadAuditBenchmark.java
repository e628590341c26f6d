package org.shifo.patients;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.shifo.ShifoApplication;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.patients.domain.PatientForm;
import org.shifo.patients.persistence.PatientStore;
import org.shifo.patients.registry.PatientRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What auditing every read of a patient record costs: a program run on demand (see {@code bench/README.md}
 * and {@code bench/patient-read-audit.sh}), not a test.
 *
 * <p>It starts the whole application as development does (fresh embedded PostgreSQL with {@code fsync} and
 * {@code synchronous_commit} on, the audit sealer scheduled as in production), registers patients, then reads
 * random records from 64 client threads, twice over: over HTTP, {@code GET /api/v1/patients/{id}} (JWT, JSON,
 * the read and its audit entry — the audited read endpoint) against a test-classpath copy of that
 * endpoint without the entry; and in process, {@code PatientRegistry.read} against the same transaction
 * without the entry (no HTTP, JSON or JWT to share the cost, so the audit's share looks larger there). Each
 * comparison runs {@value #WARM_UPS} warm-up phases of each side, alternating, then {@value #ROUNDS} rounds of
 * audited, not, not, audited.
 *
 * <p>Arguments: {@code [threads=64] [seconds per phase=30] [patients=2000]}.
 */
public final class PatientReadAuditBenchmark {

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int patients = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        Path dataDir = Files.createTempDirectory("shifo-read-bench");
        List<String> appArgs =
                new ArrayList<>(List.of("--shifo.data-dir=" + dataDir, "--server.port=0", "--logging.level.root=WARN"));
        String extra = System.getProperty("bench.app-args", "");
        if (!extra.isBlank()) {
            appArgs.addAll(List.of(extra.trim().split("\\s+")));
        }
        ConfigurableApplicationContext app =
                new SpringApplicationBuilder(ShifoApplication.class).run(appArgs.toArray(String[]::new));
        try {
            run(app, threads, seconds, patients);
        } finally {
            app.close();
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + dataDir);
            }
        }
    }

    private static void run(ConfigurableApplicationContext app, int threads, int seconds, int patients)
            throws InterruptedException {
        PatientRegistry registry = app.getBean(PatientRegistry.class);
        PatientStore store = app.getBean(PatientStore.class);
        TransactionTemplate transactions = app.getBean(TransactionTemplate.class);
        org.shifo.platform.testing.IdentityFixtures fixtures =
                app.getBean(org.shifo.platform.testing.IdentityFixtures.class);
        org.shifo.platform.testing.IdentityFixtures.Clinic clinic = fixtures.clinic();
        String bearer = fixtures.bearer(fixtures.staff(clinic, org.shifo.identity.Role.RECEPTIONIST));
        TenantId tenant = clinic.tenantId();
        List<PatientId> ids = new ArrayList<>();
        TenantContext.runAs(tenant, () -> {
            for (int i = 0; i < patients; i++) {
                ids.add(registry.register(patient(i), true).id());
            }
        });
        System.out.printf(
                Locale.ROOT,
                "Patient read audit benchmark: %d threads, %d s per phase, %d patients, %d cores, load %s%n",
                threads,
                seconds,
                patients,
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        IntConsumer audited = thread -> TenantContext.runAs(tenant, () -> registry.read(any(ids)));
        IntConsumer unaudited = thread ->
                TenantContext.runAs(tenant, () -> transactions.execute(status -> store.find(tenant.value(), any(ids))));
        int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                // daemon threads: the client's pool must not keep the JVM alive once the benchmark is done
                .executor(java.util.concurrent.Executors.newFixedThreadPool(
                        threads, Thread.ofPlatform().daemon(true).factory()))
                .build();
        // the same path for both, so both are routed alike: the header picks the unaudited copy of the endpoint
        IntConsumer auditedHttp = thread -> get(http, port, any(ids), bearer, "audited");
        IntConsumer unauditedHttp = thread ->
                get(http, port, any(ids), bearer, org.shifo.patients.api.UnauditedReadBenchController.UNAUDITED);

        // the batch writer's metric: how many entries each of its statements wrote
        DistributionSummary batches =
                app.getBean(MeterRegistry.class).get("shifo.audit.read.batch").summary();
        String sides = System.getProperty("bench.sides", "http,process");
        String experiment = System.getProperty("bench.sql", "");
        if (!experiment.isBlank()) {
            String url = app.getBean(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl();
            try (var connection = java.sql.DriverManager.getConnection(url.replaceAll("\\?.*", ""), "postgres", "");
                    var statement = connection.createStatement()) {
                for (String sql : experiment.split(";")) {
                    System.out.println(" experiment: " + sql.trim());
                    statement.execute(sql);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (sides.contains("http")) {
            System.out.println(
                    " over HTTP (GET /api/v1/patients/{id} vs the same without the audit entry), JWT, JSON:");
            compare(threads, seconds, auditedHttp, unauditedHttp, batches);
        }
        if (sides.contains("process")) {
            System.out.println(" in process (PatientRegistry.read vs the same transaction without the audit entry):");
            compare(threads, seconds, audited, unaudited, batches);
        }
    }

    /**
     * Warm-up phases of each side, alternating: after one of each, the first measured round was still the
     * slowest in every run (the JIT was still compiling the web stack: about 4 ms of JVM CPU per read in
     * the first phase, 1 ms later).
     */
    static final int WARM_UPS = 2;

    /** Rounds of audited, not, not, audited after the warm-ups; see bench/README.md. */
    static final int ROUNDS = 3;

    private static void compare(
            int threads, int seconds, IntConsumer audited, IntConsumer unaudited, DistributionSummary batches)
            throws InterruptedException {
        // full phases of each first: over HTTP the JIT was still speeding the web stack up after a third of one
        for (int warmUp = 0; warmUp < WARM_UPS; warmUp++) {
            measure("warm-up (not counted)", threads, seconds, audited, batches);
            measure("warm-up (not counted)", threads, seconds, unaudited, batches);
        }
        // rounds of audited, not, not, audited: a machine still warming up (or slowing down) favours neither
        // side, and the spread of the rounds shows how far one figure can be trusted on a shared machine
        double on = 0;
        double off = 0;
        double onP99 = 0;
        double offP99 = 0;
        List<String> rounds = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            double[] on1 = measure("read, audited", threads, seconds, audited, batches);
            double[] off1 = measure("read, not audited", threads, seconds, unaudited, batches);
            double[] off2 = measure("read, not audited", threads, seconds, unaudited, batches);
            double[] on2 = measure("read, audited", threads, seconds, audited, batches);
            double roundOn = on1[0] + on2[0];
            double roundOff = off1[0] + off2[0];
            rounds.add(String.format(Locale.ROOT, "%.1f %%", 100.0 * (1 - roundOn / roundOff)));
            on += roundOn;
            off += roundOff;
            onP99 = Math.max(onP99, Math.max(on1[2], on2[2]));
            offP99 = Math.max(offP99, Math.max(off1[2], off2[2]));
        }
        System.out.printf(
                Locale.ROOT,
                "  audit cost: %.1f %% of read throughput over %d rounds (target < 10 %%; rounds: %s);"
                        + " p99 %.2f ms audited vs %.2f ms not%n",
                100.0 * (1 - on / off),
                ROUNDS,
                String.join(", ", rounds),
                onP99,
                offP99);
    }

    private static void get(java.net.http.HttpClient http, int port, PatientId id, String bearer, String side) {
        try {
            var response = http.send(
                    java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/patients/" + id))
                            .header("Authorization", bearer)
                            .header(org.shifo.patients.api.UnauditedReadBenchController.HEADER, side)
                            .GET()
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static PatientId any(List<PatientId> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    private static PatientForm patient(int i) {
        String[] families = {"Karimov", "Aliyev", "Xoʻjayev", "Toshmatov", "Rahimov", "Yusupov", "Ismoilov"};
        String[] given = {"Anvar", "Dilshod", "Oʻtkir", "Jasur", "Sardor", "Bobur", "Aziz", "Sherzod"};
        return new PatientForm(
                families[i % families.length],
                given[(i / families.length) % given.length],
                null,
                "MALE",
                LocalDate.of(1950 + i % 60, 1 + i % 12, 1 + i % 28),
                List.of(new PatientForm.Phone(String.format(Locale.ROOT, "+99890%07d", i), true)),
                null,
                null,
                null,
                null,
                null,
                "bench patient " + i,
                null);
    }

    /** Runs {@code operation} on every thread for a phase; prints and returns {throughput, p50 ms, p99 ms}. */
    static double[] measure(String name, int threads, int seconds, IntConsumer operation, DistributionSummary batches)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(threads);
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread.ofPlatform().name("bench-" + t).start(() -> {
                long[] mine = new long[1 << 14];
                int n = 0;
                try {
                    while (!stop.get()) {
                        long begin = System.nanoTime();
                        operation.accept(thread);
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
            });
        }
        org.shifo.platform.testing.CpuMeter.Reading cpuBefore = org.shifo.platform.testing.CpuMeter.read();
        long batchesBefore = batches.count();
        double entriesBefore = batches.totalAmount();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        org.shifo.platform.testing.CpuMeter.Reading cpuAfter = org.shifo.platform.testing.CpuMeter.read();
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        double[] result = {total / elapsed, all[(int) (0.50 * (total - 1))] / 1e6, all[(int) (0.99 * (total - 1))] / 1e6
        };
        System.out.printf(
                Locale.ROOT,
                "  %-24s %,7.0f reads/s  p50 %6.2f ms  p99 %7.2f ms  %s; entries per batch %s%n",
                name,
                result[0],
                result[1],
                result[2],
                cpuAfter.perOperation(cpuBefore, total),
                batches.count() == batchesBefore
                        ? "-"
                        : String.format(
                                Locale.ROOT,
                                "%.1f",
                                (batches.totalAmount() - entriesBefore) / (batches.count() - batchesBefore)));
        return result;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
