package org.shifo.billing.payme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.DoubleStream;
import org.shifo.billing.BillingBenchSetup;
import org.shifo.platform.testing.BenchmarkSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast PayMe's payment sequence is answered: a program run on demand (not a test), see {@code
 * bench/README.md} and {@code bench/payme.sh}.
 *
 * <p>It starts the whole application as development does (embedded PostgreSQL, fsync and synchronous commit
 * on, in a temporary directory), creates an organization, a priced service, patients, PayMe's settings and
 * issued invoices through the API, then plays PayMe over HTTP exactly as {@code PaymeClient} does (Basic auth
 * with the key, {@code text/json}): each client pays invoices one after another with CheckPerformTransaction,
 * CreateTransaction and PerformTransaction, first one client (the service time), then N at once. An error is any
 * answer that is not a result. Last, the 1,000-duplicate storm: 1,000 copies of CreateTransaction +
 * PerformTransaction of one invoice from N clients at once, timed, and the payments of the invoice counted.
 *
 * <p>Arguments: {@code [clients=64] [sequences per client=30] [warm-up sequences per client=5]}.
 */
public final class PaymeBenchmark {

    private static final long PRICE = BillingBenchSetup.PRICE;

    private final ConfigurableApplicationContext app;
    private final int port;
    private final Path out;
    private final JsonMapper json;
    private final BillingBenchSetup setup;
    private String key = "";

    private PaymeBenchmark(ConfigurableApplicationContext app, Path out, int port) {
        this.app = app;
        this.port = port;
        this.out = out;
        this.json = app.getBean(JsonMapper.class);
        this.setup = new BillingBenchSetup(app.getBean(IdentityFixtures.class), port);
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int sequences = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        // the paced phases: offered payment sequences per second (each three calls), 15 s each
        double[] paced = args.length > 3
                ? Arrays.stream(args[3].split(","))
                        .mapToDouble(Double::parseDouble)
                        .toArray()
                : new double[] {10, 20, 40, 60, 80};
        Path out = Path.of("target/bench/payme");
        Files.createDirectories(out);
        try (BenchmarkSupport.Running running = BenchmarkSupport.start("shifo-payme-bench")) {
            new PaymeBenchmark(running.context(), out, running.port()).run(clients, sequences, warmup, paced);
        }
    }

    private void run(int clients, int sequences, int warmup, double[] paced) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "PayMe benchmark: %d clients, %d sequences each after %d of warm-up, %d cores, load average %s%n",
                clients,
                sequences,
                warmup,
                Runtime.getRuntime().availableProcessors(),
                BenchmarkSupport.load());
        long start = System.nanoTime();
        key = "bench-key-" + UUID.randomUUID();
        setup.provider("payme", "{\"merchantId\":\"587f72c72cac0d162c722ae2\",\"key\":\"%s\"}".formatted(key));
        setup.patients(50, 1_000_000);
        int needed = (1 + clients) * (sequences + warmup) + 100 + 1 + pacedInvoices(paced);
        setup.invoices(needed, Math.min(clients, 16));
        System.out.printf(
                Locale.ROOT,
                "  organization, service, price, PayMe settings, %d patients, %,d issued invoices in %.1f s%n",
                setup.patientCount(),
                needed,
                (System.nanoTime() - start) / 1e9);

        phase(1, warmup, false);
        phase(1, 100, true);
        phase(clients, warmup, false);
        phase(clients, sequences, true);
        System.out.printf(
                Locale.ROOT,
                "  paced: %d clients, sequences started at random (Poisson) times at a fixed total rate, %d s per"
                        + " rate; a call's time counts from when it was due, so waiting for a late client counts%n",
                clients,
                PACED_SECONDS);
        // the closed loop leaves the machine busy for a moment (the sealer catching up with its audit entries):
        // a pause, then a paced warm-up at the first rate, not counted
        Thread.sleep(10_000);
        paced(clients, paced[0], false);
        for (double rate : paced) {
            paced(clients, rate, true);
        }
        storm(clients);
        System.out.printf(Locale.ROOT, "  load average at the end %s%n", BenchmarkSupport.load());
    }

    // --- set-up

    // --- the sequence under load

    private static final int PACED_SECONDS = 15;

    private static int pacedInvoices(double[] rates) {
        // Poisson arrivals: room for the mean plus six standard deviations
        return DoubleStream.concat(DoubleStream.of(rates[0]), Arrays.stream(rates))
                .mapToInt(rate -> {
                    double mean = rate * PACED_SECONDS;
                    return (int) Math.ceil(mean + 6 * Math.sqrt(mean) + 10);
                })
                .sum();
    }

    /**
     * An open-loop phase: {@code clients} connections, each starting its payment sequences at exponentially
     * distributed intervals, together {@code sequencesPerSecond} on average, for {@link #PACED_SECONDS}. PayMe
     * calls when patients pay, not as fast as the server answers, so this is the load a clinic's server sees;
     * the closed-loop phase above measures the most the machine does. Latencies count from each sequence's due
     * time (no coordinated omission): a sequence that starts late because its client was still busy is charged
     * the wait.
     */
    private void paced(int clients, double sequencesPerSecond, boolean report) throws Exception {
        String loadBefore = BenchmarkSupport.load();
        List<Double> all = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger late = new AtomicInteger();
        List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());
        double meanGapNanos = clients / sequencesPerSecond * 1e9;
        long start = System.nanoTime() + 200_000_000L;
        long end = start + PACED_SECONDS * 1_000_000_000L;
        BenchmarkSupport.runAll(clients, clients, task -> {
            PaymeClient payme = new PaymeClient(port, key, json);
            SplittableRandom random = new SplittableRandom();
            long due = start + (long) (-Math.log(1 - random.nextDouble()) * meanGapNanos);
            while (due < end) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    late.incrementAndGet();
                }
                pay(payme, setup.nextInvoice().reference(), due, all, all, all, errors, firstErrors);
                due += (long) (-Math.log(1 - random.nextDouble()) * meanGapNanos);
            }
        });
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!report) {
            return;
        }
        double[] times = toArray(all);
        System.out.printf(
                Locale.ROOT,
                "  paced %5.1f sequences/s offered (load %s -> %s): %,d calls in %.1f s, %.0f calls/s; late starts %d;"
                        + " errors %d%n",
                sequencesPerSecond,
                loadBefore,
                BenchmarkSupport.load(),
                times.length,
                elapsed,
                times.length / elapsed,
                late.get(),
                errors.get());
        line("all calls", times);
        for (String error : firstErrors.subList(0, Math.min(3, firstErrors.size()))) {
            System.out.println("    error: " + error);
        }
        BenchmarkSupport.writeTimes(out.resolve("paced-" + clients + "-" + (int) sequencesPerSecond + ".txt"), times);
    }

    private void phase(int clients, int sequences, boolean report) throws Exception {
        String loadBefore = BenchmarkSupport.load();
        List<Double> check = Collections.synchronizedList(new ArrayList<>());
        List<Double> create = Collections.synchronizedList(new ArrayList<>());
        List<Double> perform = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        BenchmarkSupport.runAll(clients, clients, task -> {
            PaymeClient payme = new PaymeClient(port, key, json);
            for (int s = 0; s < sequences; s++) {
                pay(
                        payme,
                        setup.nextInvoice().reference(),
                        System.nanoTime(),
                        check,
                        create,
                        perform,
                        errors,
                        firstErrors);
            }
        });
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!report) {
            return;
        }
        double[] all = concat(check, create, perform);
        System.out.printf(
                Locale.ROOT,
                "  %2d client(s) x %d sequences (load %s -> %s): %,d calls in %.1f s, %.0f calls/s, %.0f payments/s;"
                        + " errors %d%n",
                clients,
                sequences,
                loadBefore,
                BenchmarkSupport.load(),
                all.length,
                elapsed,
                all.length / elapsed,
                perform.size() / elapsed,
                errors.get());
        line("all calls", all);
        line("CheckPerformTransaction", toArray(check));
        line("CreateTransaction", toArray(create));
        line("PerformTransaction", toArray(perform));
        for (String error : firstErrors.subList(0, Math.min(3, firstErrors.size()))) {
            System.out.println("    error: " + error);
        }
        BenchmarkSupport.writeTimes(out.resolve("sequence-" + clients + ".txt"), all);
    }

    /**
     * One payment as PayMe makes it: CheckPerformTransaction (timed from {@code due}, a {@code System.nanoTime()}
     * value: its due time, or now), CreateTransaction and PerformTransaction of the invoice with that reference.
     */
    private static void pay(
            PaymeClient payme,
            String reference,
            long due,
            List<Double> check,
            List<Double> create,
            List<Double> perform,
            AtomicInteger errors,
            List<String> firstErrors) {
        String account = "{\"invoice_id\":\"%s\"}".formatted(reference);
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        timedFrom(
                due,
                payme,
                "CheckPerformTransaction",
                "{\"amount\":%d,\"account\":%s}".formatted(PRICE, account),
                check,
                errors,
                firstErrors);
        timed(
                payme,
                "CreateTransaction",
                "{\"id\":\"%s\",\"time\":%d,\"amount\":%d,\"account\":%s}"
                        .formatted(id, System.currentTimeMillis(), PRICE, account),
                create,
                errors,
                firstErrors);
        timed(payme, "PerformTransaction", "{\"id\":\"%s\"}".formatted(id), perform, errors, firstErrors);
    }

    private static void timed(
            PaymeClient payme,
            String method,
            String params,
            List<Double> times,
            AtomicInteger errors,
            List<String> firstErrors) {
        timedFrom(System.nanoTime(), payme, method, params, times, errors, firstErrors);
    }

    /** Times one call from {@code t0} (its due time, or now). */
    private static void timedFrom(
            long t0,
            PaymeClient payme,
            String method,
            String params,
            List<Double> times,
            AtomicInteger errors,
            List<String> firstErrors) {
        JsonNode answer;
        try {
            answer = payme.call(method, params);
        } catch (RuntimeException | AssertionError e) {
            errors.incrementAndGet();
            firstErrors.add(method + ": " + e.getMessage());
            return;
        }
        times.add((System.nanoTime() - t0) / 1e6);
        if (PaymeClient.code(answer) != 0) {
            errors.incrementAndGet();
            firstErrors.add(method + ": " + answer);
        }
    }

    // --- the storm

    private void storm(int clients) throws Exception {
        BillingBenchSetup.Invoice stormInvoice = setup.nextInvoice();
        String reference = stormInvoice.reference();
        String account = "{\"invoice_id\":\"%s\"}".formatted(reference);
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        String create = "{\"id\":\"%s\",\"time\":%d,\"amount\":%d,\"account\":%s}"
                .formatted(id, System.currentTimeMillis(), PRICE, account);
        String perform = "{\"id\":\"%s\"}".formatted(id);
        PaymeClient payme = new PaymeClient(port, key, json);
        AtomicInteger performedOk = new AtomicInteger();
        AtomicInteger createdOk = new AtomicInteger();
        AtomicInteger otherAnswers = new AtomicInteger();
        String loadBefore = BenchmarkSupport.load();
        long start = System.nanoTime();
        BenchmarkSupport.runAll(clients, 1000, task -> {
            JsonNode created = payme.call("CreateTransaction", create);
            int code = PaymeClient.code(created);
            if (code == 0) {
                createdOk.incrementAndGet();
            } else if (code != -31008) {
                otherAnswers.incrementAndGet();
            }
            if (PaymeClient.code(payme.call("PerformTransaction", perform)) == 0) {
                performedOk.incrementAndGet();
            } else {
                otherAnswers.incrementAndGet();
            }
        });
        double elapsed = (System.nanoTime() - start) / 1e9;
        JsonNode invoice = json.readTree(setup.invoice(stormInvoice.id()));
        System.out.printf(
                Locale.ROOT,
                "  1,000-duplicate storm (%d clients, load %s -> %s): 2,000 calls in %.2f s (%.0f calls/s);"
                        + " create answered as the first %d times (the rest -31008 after the payment), perform %d"
                        + " times the same result, %d other answers%n",
                clients,
                loadBefore,
                BenchmarkSupport.load(),
                elapsed,
                2000 / elapsed,
                createdOk.get(),
                performedOk.get(),
                otherAnswers.get());
        JsonNode statement = payme.call("CheckTransaction", "{\"id\":\"%s\"}".formatted(id));
        System.out.printf(
                Locale.ROOT,
                "    transaction state %s; invoice %s: status %s, paid %s of %s, %d payment row(s)%n",
                statement.get("result").get("state"),
                reference,
                invoice.get("status").asString(),
                invoice.get("paid"),
                invoice.get("total"),
                invoice.get("payments").size());
    }

    // --- helpers

    private static double[] toArray(List<Double> values) {
        synchronized (values) {
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    @SafeVarargs
    private static double[] concat(List<Double>... lists) {
        return Arrays.stream(lists)
                .flatMapToDouble(l -> Arrays.stream(toArray(l)))
                .toArray();
    }

    private static void line(String name, double[] times) {
        System.out.printf(
                Locale.ROOT,
                "    %-24s n=%,6d  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
                name,
                times.length,
                BenchmarkSupport.percentile(times, 50),
                BenchmarkSupport.percentile(times, 95),
                BenchmarkSupport.percentile(times, 99),
                Arrays.stream(times).max().orElse(0));
    }
}
