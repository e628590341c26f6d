package org.shifo.billing.click;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.Role;
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

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern REFERENCE = Pattern.compile("\"paymentReference\"\\s*:\\s*\"([0-9]+)\"");
    private static final long PRICE = 15_000_000L;
    private static final String AMOUNT = "150000.00";
    private static final AtomicLong TRANS_IDS = new AtomicLong(System.currentTimeMillis());

    private final HttpClient http;
    private final String base;
    private final Path out;
    private final ClickClient click;
    private final JsonMapper json;
    private final ConcurrentLinkedQueue<String[]> invoices = new ConcurrentLinkedQueue<>();
    private final String reception;
    private final String branch;
    private final String service;
    private final List<String> patients = new ArrayList<>();

    private ClickBenchmark(ConfigurableApplicationContext app, Path out, int port) {
        this.http = BenchmarkSupport.httpClient();
        this.base = "http://localhost:" + port;
        this.out = out;
        IdentityFixtures fixtures = app.getBean(IdentityFixtures.class);
        IdentityFixtures.Clinic clinic = fixtures.clinic();
        String admin = fixtures.bearer(fixtures.admin(clinic));
        this.reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        this.branch = clinic.branchId().value().toString();
        this.service = match(
                ID,
                call(
                        "POST",
                        "/api/v1/services",
                        admin,
                        "{\"name\":\"Consultation\",\"durationMinutes\":20,\"specialty\":\"General practice\"}",
                        201));
        call(
                "PUT",
                "/api/v1/billing/prices/" + service,
                admin,
                "{\"branchId\":\"%s\",\"amount\":%d}".formatted(branch, PRICE),
                200);
        String secret = "bench-" + UUID.randomUUID();
        call(
                "PUT",
                "/api/v1/billing/providers/click",
                admin,
                "{\"serviceId\":\"85335\",\"merchantId\":\"11223\",\"merchantUserId\":\"33445\",\"secretKey\":\"%s\"}"
                        .formatted(secret),
                200);
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
        for (int i = 0; i < 20; i++) {
            patients.add(match(
                    ID,
                    call(
                            "POST",
                            "/api/v1/patients",
                            reception,
                            """
                    {"familyName":"Karimov","givenName":"Aziz%s","sex":"MALE","birthDate":"1980-01-15",
                     "phones":[{"number":"+99890%07d","primary":true}],"registerAnyway":true}
                    """
                                    .formatted((char) ('a' + i), 2_000_000 + i),
                            201)));
        }
        int needed = clients * (sequences + warmup) + 1;
        makeInvoices(needed, Math.min(clients, 16));
        System.out.printf(
                Locale.ROOT, "  set-up: %,d issued invoices in %.1f s%n", needed, (System.nanoTime() - start) / 1e9);
        phase(clients, warmup, false);
        phase(clients, sequences, true);
        storm(clients);
        System.out.printf(Locale.ROOT, "  load average at the end %s%n", BenchmarkSupport.load());
    }

    private void makeInvoices(int count, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        BenchmarkSupport.runAll(threads, threads, task -> {
            int i;
            while ((i = next.getAndIncrement()) < count) {
                String body = call(
                        "POST",
                        "/api/v1/invoices",
                        reception,
                        "{\"patientId\":\"%s\",\"branchId\":\"%s\",\"lines\":[{\"serviceId\":\"%s\"}]}"
                                .formatted(patients.get(i % patients.size()), branch, service),
                        201);
                call("POST", "/api/v1/invoices/" + match(ID, body) + "/issue", reception, "", 200);
                invoices.add(new String[] {match(REFERENCE, body), match(ID, body)});
            }
        });
    }

    private void phase(int clients, int sequences, boolean report) throws Exception {
        String loadBefore = BenchmarkSupport.load();
        List<Double> prepares = Collections.synchronizedList(new ArrayList<>());
        List<Double> completes = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        BenchmarkSupport.runAll(clients, clients, task -> {
            for (int s = 0; s < sequences; s++) {
                String[] invoice = invoices.poll();
                if (invoice == null) {
                    throw new IllegalStateException("ran out of invoices");
                }
                long trans = TRANS_IDS.incrementAndGet();
                JsonNode prepared = timed("prepare", click.prepare(trans, invoice[0], AMOUNT), prepares, errors);
                if (prepared == null || ClickClient.error(prepared) != 0) {
                    continue;
                }
                long prepareId = prepared.get("merchant_prepare_id").asLong();
                timed("complete", click.complete(trans, invoice[0], prepareId, AMOUNT, 0), completes, errors);
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
        String[] invoice = invoices.poll();
        if (invoice == null) {
            throw new IllegalStateException("ran out of invoices");
        }
        long trans = TRANS_IDS.incrementAndGet();
        Map<String, String> prepare = click.prepare(trans, invoice[0], AMOUNT);
        // the Prepare's id is learned from the first copy; every Complete copy carries it, as Click's would
        long prepareId =
                click.send("prepare", prepare).get("merchant_prepare_id").asLong();
        Map<String, String> complete = click.complete(trans, invoice[0], prepareId, AMOUNT, 0);
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
        JsonNode paid = json.readTree(call("GET", "/api/v1/invoices/" + invoice[1], reception, null, 200));
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
                invoice[0],
                paid.get("status").asString(),
                paid.get("paid"),
                paid.get("total"),
                paid.get("payments").size());
    }

    private static void count(JsonNode answer, AtomicInteger ok, AtomicInteger paid, AtomicInteger other) {
        int code = ClickClient.error(answer);
        (code == 0 ? ok : code == -4 ? paid : other).incrementAndGet();
    }

    private String call(String method, String path, String token, @Nullable String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", token)
                .header("Content-Type", "application/json");
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = BenchmarkSupport.send(http, request.build());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String match(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("not found in " + body);
        }
        return matcher.group(1);
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
