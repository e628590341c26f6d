package org.shifo.billing.click;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.BillingBenchSetup;
import org.shifo.platform.testing.BenchmarkSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast Click's Prepare and Complete are answered: a program run on demand (not a test), see {@code
 * bench/README.md} and {@code bench/click.sh}.
 *
 * <p>It starts the whole application as development does (embedded PostgreSQL, fsync and synchronous commit on,
 * in a temporary directory), creates an organization, a priced service, patients, Click's settings and issued
 * invoices through the API, then plays Click over HTTP exactly as {@code ClickClient} does (signed form posts):
 * each client pays invoices one after another with Prepare and Complete, N clients at once. An error is any
 * answer other than 0. Last, the 1,000-duplicate storm: 1,000 copies of one invoice's Prepare and Complete from
 * N clients at once, timed, and the payments of the invoice counted.
 *
 * <p>Arguments: {@code [clients=32] [sequences per client=20] [warm-up sequences per client=5]}.
 */
public final class ClickBenchmark {

    private static final String AMOUNT = "150000.00";
    private static final AtomicLong TRANS_IDS = new AtomicLong(System.currentTimeMillis());

    private final Path out;
    private final ClickClient click;
    private final JsonMapper json;
    private final BillingBenchSetup setup;

    private ClickBenchmark(ConfigurableApplicationContext app, Path out, int port) {
        this.out = out;
        this.setup = new BillingBenchSetup(app.getBean(IdentityFixtures.class), port);
        String secret = "bench-" + UUID.randomUUID();
        setup.provider(
                "click",
                "{\"serviceId\":\"85335\",\"merchantId\":\"11223\",\"merchantUserId\":\"33445\",\"secretKey\":\"%s\"}"
                        .formatted(secret));
        this.json = app.getBean(JsonMapper.class);
        this.click = new ClickClient(port, "85335", secret, json);
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int sequences = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path out = Path.of("target/bench/click");
        Files.createDirectories(out);
        try (BenchmarkSupport.Running running = BenchmarkSupport.start("shifo-click-bench")) {
            new ClickBenchmark(running.context(), out, running.port()).run(clients, sequences, warmup);
        }
    }

    private void run(int clients, int sequences, int warmup) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "Click benchmark: %d clients, %d sequences each after %d of warm-up, %d cores, load average %s%n",
                clients,
                sequences,
                warmup,
                Runtime.getRuntime().availableProcessors(),
                BenchmarkSupport.load());
        long start = System.nanoTime();
        setup.patients(20, 2_000_000);
        int needed = clients * (sequences + warmup) + 1;
        setup.invoices(needed, Math.min(clients, 16));
        System.out.printf(
                Locale.ROOT, "  set-up: %,d issued invoices in %.1f s%n", needed, (System.nanoTime() - start) / 1e9);
        phase(clients, warmup, false);
        phase(clients, sequences, true);
        storm(clients);
        System.out.printf(Locale.ROOT, "  load average at the end %s%n", BenchmarkSupport.load());
    }

    private void phase(int clients, int sequences, boolean report) throws Exception {
        String loadBefore = BenchmarkSupport.load();
        List<Double> prepares = Collections.synchronizedList(new ArrayList<>());
        List<Double> completes = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        BenchmarkSupport.runAll(clients, clients, task -> {
            for (int s = 0; s < sequences; s++) {
                BillingBenchSetup.Invoice invoice = setup.nextInvoice();
                long trans = TRANS_IDS.incrementAndGet();
                JsonNode prepared =
                        timed("prepare", click.prepare(trans, invoice.reference(), AMOUNT), prepares, errors);
                if (prepared == null || ClickClient.error(prepared) != 0) {
                    continue;
                }
                long prepareId = prepared.get("merchant_prepare_id").asLong();
                timed("complete", click.complete(trans, invoice.reference(), prepareId, AMOUNT, 0), completes, errors);
            }
        });
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!report) {
            return;
        }
        double[] all = toArray(prepares, completes);
        System.out.printf(
                Locale.ROOT,
                "  %2d clients x %d sequences (load %s -> %s): %,d calls in %.1f s, %.0f calls/s, %.0f payments/s;"
                        + " errors %d%n",
                clients,
                sequences,
                loadBefore,
                BenchmarkSupport.load(),
                all.length,
                elapsed,
                all.length / elapsed,
                completes.size() / elapsed,
                errors.get());
        line("all calls", all);
        line("Prepare", toArray(prepares));
        line("Complete", toArray(completes));
        BenchmarkSupport.writeTimes(out.resolve("sequence-" + clients + ".txt"), all);
    }

    private @Nullable JsonNode timed(String route, Map<String, String> form, List<Double> times, AtomicInteger errors) {
        long t0 = System.nanoTime();
        try {
            JsonNode answer = click.send(route, form);
            times.add((System.nanoTime() - t0) / 1e6);
            if (ClickClient.error(answer) != 0) {
                errors.incrementAndGet();
            }
            return answer;
        } catch (RuntimeException | AssertionError e) {
            errors.incrementAndGet();
            return null;
        }
    }

    private void storm(int clients) throws Exception {
        BillingBenchSetup.Invoice invoice = setup.nextInvoice();
        long trans = TRANS_IDS.incrementAndGet();
        Map<String, String> prepare = click.prepare(trans, invoice.reference(), AMOUNT);
        // the Prepare's id is learned from the first copy; every Complete copy carries it, as Click's would
        long prepareId =
                click.send("prepare", prepare).get("merchant_prepare_id").asLong();
        Map<String, String> complete = click.complete(trans, invoice.reference(), prepareId, AMOUNT, 0);
        AtomicInteger prepared = new AtomicInteger();
        AtomicInteger confirmed = new AtomicInteger();
        AtomicInteger alreadyPaid = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        String loadBefore = BenchmarkSupport.load();
        long start = System.nanoTime();
        BenchmarkSupport.runAll(clients, 1000, task -> {
            count(click.send("prepare", prepare), prepared, alreadyPaid, other);
            count(click.send("complete", complete), confirmed, alreadyPaid, other);
        });
        double elapsed = (System.nanoTime() - start) / 1e9;
        JsonNode paid = json.readTree(setup.invoice(invoice.id()));
        System.out.printf(
                Locale.ROOT,
                "  1,000-duplicate storm (%d clients, load %s -> %s): 2,000 calls in %.2f s (%.0f calls/s);"
                        + " Prepare answered 0 %d times, Complete answered 0 %d times, -4 (already paid) %d times,"
                        + " other answers %d%n",
                clients,
                loadBefore,
                BenchmarkSupport.load(),
                elapsed,
                2000 / elapsed,
                prepared.get(),
                confirmed.get(),
                alreadyPaid.get(),
                other.get());
        System.out.printf(
                Locale.ROOT,
                "    invoice %s: status %s, paid %s of %s, %d payment row(s)%n",
                invoice.reference(),
                paid.get("status").asString(),
                paid.get("paid"),
                paid.get("total"),
                paid.get("payments").size());
    }

    private static void count(JsonNode answer, AtomicInteger ok, AtomicInteger paid, AtomicInteger other) {
        int code = ClickClient.error(answer);
        (code == 0 ? ok : code == -4 ? paid : other).incrementAndGet();
    }

    @SafeVarargs
    private static double[] toArray(List<Double>... lists) {
        List<Double> all = new ArrayList<>();
        for (List<Double> list : lists) {
            synchronized (list) {
                all.addAll(list);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void line(String name, double[] times) {
        System.out.printf(
                Locale.ROOT,
                "    %-10s n=%,6d  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
                name,
                times.length,
                BenchmarkSupport.percentile(times, 50),
                BenchmarkSupport.percentile(times, 95),
                BenchmarkSupport.percentile(times, 99),
                times.length == 0 ? 0 : java.util.Arrays.stream(times).max().orElse(0));
    }
}
