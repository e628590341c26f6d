package org.shifo.queue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.platform.database.EmbeddedPostgresServer;
import org.shifo.platform.testing.BenchmarkSupport;
import org.shifo.platform.testing.IdentityFixtures;

/**
 * The live queue under many screens (bench/queue-live.sh, bench/README.md): {@code subscribers} WebSocket
 * clients follow one queue, spread over one or two application nodes on one PostgreSQL; a doctor calls the next
 * patient through node A every {@code pace} ms; each client notes when the call's event arrives. Latency is from
 * just before the call's HTTP request leaves (so it includes the call's own work and commit) to receipt.
 */
public final class QueueLiveBenchmark {

    private static final Pattern CALLED = Pattern.compile("\"seq\":(\\d+),\"event\":\"TICKET_CALLED\"");

    private QueueLiveBenchmark() {}

    public static void main(String[] args) throws Exception {
        int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        long pace = args.length > 3 ? Long.parseLong(args[3]) : 200;
        String[] unlimited = {
            "--shifo.rate-limits.ws-connect.capacity=1000000000", "--shifo.rate-limits.login.capacity=1000000000"
        };
        try (BenchmarkSupport.Running a = BenchmarkSupport.start("queue-live", unlimited)) {
            EmbeddedPostgresServer db = a.context().getBean(EmbeddedPostgresServer.class);
            List<Integer> ports = new ArrayList<>(List.of(a.port()));
            BenchmarkSupport.Running b = null;
            if (nodes > 1) {
                List<String> nodeB = new ArrayList<>(List.of(unlimited));
                nodeB.add("--shifo.database.url=" + db.jdbcUrl());
                nodeB.add("--shifo.database.username=" + db.username());
                nodeB.add("--shifo.database.app-username=" + db.appUsername());
                b = BenchmarkSupport.start("queue-live-b", nodeB.toArray(String[]::new));
                ports.add(b.port());
            }
            try {
                run(a, ports, subscribers, calls, pace);
            } finally {
                if (b != null) {
                    b.close();
                }
            }
        }
        System.exit(0);
    }

    private static void run(BenchmarkSupport.Running a, List<Integer> ports, int subscribers, int calls, long pace)
            throws Exception {
        System.out.printf(
                "Live queue benchmark: %d subscribers over %d node(s), %d calls every %d ms, %d cores, load %s%n",
                subscribers,
                ports.size(),
                calls,
                pace,
                Runtime.getRuntime().availableProcessors(),
                BenchmarkSupport.load());
        IdentityFixtures fixtures = a.context().getBean(IdentityFixtures.class);
        IdentityFixtures.Clinic clinic = fixtures.clinic();
        String reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        Staff doctorStaff = fixtures.staff(clinic, Role.DOCTOR);
        String doctor = fixtures.bearer(doctorStaff);
        HttpClient http = BenchmarkSupport.httpClient();
        String base = "http://localhost:" + a.port();
        String queue = field(
                post(
                        http,
                        base + "/api/v1/queues",
                        reception,
                        "{\"branchId\":\"%s\",\"practitionerId\":\"%s\"}"
                                .formatted(
                                        clinic.branchId().value(),
                                        doctorStaff.userId().value())),
                "id");
        for (int i = 0; i < calls; i++) {
            String patient = field(
                    post(
                            http,
                            base + "/api/v1/patients",
                            reception,
                            """
                    {"familyName":"Yusupov","givenName":"Ilhom","sex":"MALE","birthDate":"1975-01-01",
                     "phones":[{"number":"+99890%07d","primary":true}],"registerAnyway":true}
                    """
                                    .formatted(1000000 + i)),
                    "id");
            post(
                    http,
                    base + "/api/v1/queues/" + queue + "/tickets",
                    reception,
                    "{\"patientId\":\"%s\"}".formatted(patient));
        }

        System.gc();
        Thread.sleep(500);
        long heapBefore = usedHeap();
        Map<Integer, Long> sent = new ConcurrentHashMap<>();
        List<Map<Integer, Long>> received = new ArrayList<>();
        CountDownLatch snapshots = new CountDownLatch(subscribers);
        HttpClient wsClient = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        long openStart = System.nanoTime();
        for (int i = 0; i < subscribers; i++) {
            int port = ports.get(i % ports.size());
            // tickets live in the database: one issued by node A opens a connection on any node
            String ticket = field(post(http, base + "/api/v1/queue/ws-ticket", reception, ""), "ticket");
            Map<Integer, Long> mine = new ConcurrentHashMap<>();
            received.add(mine);
            WebSocket socket = wsClient.newWebSocketBuilder()
                    .buildAsync(
                            URI.create("ws://localhost:" + port + "/ws/queue?ticket=" + ticket),
                            new WebSocket.Listener() {
                                final StringBuilder partial = new StringBuilder();

                                @Override
                                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                    long now = System.nanoTime();
                                    partial.append(data);
                                    if (last) {
                                        String text = partial.toString();
                                        partial.setLength(0);
                                        if (text.startsWith("{\"type\":\"snapshot\"")) {
                                            snapshots.countDown();
                                        } else {
                                            Matcher m = CALLED.matcher(text);
                                            if (m.find()) {
                                                mine.put(Integer.parseInt(m.group(1)), now);
                                            }
                                        }
                                    }
                                    ws.request(1);
                                    return null;
                                }
                            })
                    .get(30, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"subscribe\",\"queueId\":\"" + queue + "\"}", true);
            sockets.add(socket);
        }
        boolean all = snapshots.await(120, TimeUnit.SECONDS);
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        System.gc();
        Thread.sleep(1000);
        long heapAfter = usedHeap();
        System.out.printf(
                "  %d connections open and subscribed in %.1f s (all snapshots: %s)%n", subscribers, openSeconds, all);
        System.out.printf(
                "  heap after GC: %.1f MiB before, %.1f MiB after: %.1f KiB per connection (server and client side together, one JVM)%n",
                heapBefore / 1048576.0, heapAfter / 1048576.0, (heapAfter - heapBefore) / 1024.0 / subscribers);

        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            String response = post(http, base + "/api/v1/queues/" + queue + "/call-next", doctor, "{\"room\":\"1\"}");
            String ticketId = field(response, "id");
            post(http, base + "/api/v1/tickets/" + ticketId + "/skip", doctor, "");
            // the call is the ticket's (2 * calls + 2 * i + 1)-th change: calls issues, then call and skip per round
            sent.put(calls + 2 * i + 1, t0);
            Thread.sleep(pace);
        }
        Thread.sleep(3000);

        List<Double> latencies = new ArrayList<>();
        long missing = 0;
        for (Map<Integer, Long> mine : received) {
            for (Map.Entry<Integer, Long> call : sent.entrySet()) {
                Long at = mine.get(call.getKey());
                if (at == null) {
                    missing++;
                } else {
                    latencies.add((at - call.getValue()) / 1e6);
                }
            }
        }
        double[] values =
                latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(
                "  call → receipt over %d deliveries: p50 %.1f ms, p99 %.1f ms, max %.1f ms; missing %d; load %s%n",
                values.length,
                BenchmarkSupport.percentile(values, 50),
                BenchmarkSupport.percentile(values, 99),
                values.length == 0 ? 0 : values[values.length - 1],
                missing,
                BenchmarkSupport.load());
        sockets.forEach(WebSocket::abort);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String post(HttpClient http, String uri, String token, String body) {
        var response = BenchmarkSupport.send(
                http,
                HttpRequest.newBuilder(URI.create(uri))
                        .header("Authorization", token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
