package org.shifo.scheduling;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shifo.identity.Role;
import org.shifo.patients.domain.NameKey;
import org.shifo.platform.database.EmbeddedPostgresServer;
import org.shifo.platform.testing.BenchmarkSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How fast slot search and booking answer with 50 practitioners and six months of appointments (about
 * 200,000): a program run on demand (not a test), see {@code bench/README.md} and {@code bench/scheduling.sh}.
 *
 * <p>It starts the whole application as development does (embedded PostgreSQL with {@code fsync} and
 * {@code synchronous_commit} on, in a temporary data directory), creates one organization with its doctors and
 * receptionists through identity's own services, the services and weekly templates through the API, and then
 * loads patients and appointments with bulk SQL as the database owner (row-level security on, system scope):
 * three months back, mostly completed, some no-shows and cancellations, and three months ahead, booked the
 * more densely the nearer the day. Then, over HTTP with access tokens the application verifies on every
 * request, N clients at once:
 *
 * <ol>
 *   <li>search free slots of a random practitioner on a random future date for a random service;
 *   <li>book: each client takes a random practitioner and future date, reads the free slots, and books the
 *       earliest (as a receptionist offers it); two clients may pick the same slot, and the loser's 409 is
 *       counted apart, as is a day with no free slot left.
 * </ol>
 *
 * <p>Arguments: {@code [clients=32] [seconds per phase=30] [warm-up seconds=10] [practitioners=50]}.
 */
public final class SchedulingBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Tashkent");
    private static final int PATIENTS = 20_000;
    private static final int RECEPTIONISTS = 8;
    /** Days loaded on each side of today, and the future days that searches and bookings pick from. */
    private static final int DAYS = 91;

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern SLOT_START = Pattern.compile("\"start\"\\s*:\\s*\"([^\"]+)\"");

    private final ConfigurableApplicationContext app;
    private final HttpClient http;
    private final String base;
    private final Path out;
    private final List<String> receptionists = new ArrayList<>();
    private final List<UUID> practitioners = new ArrayList<>();
    private final List<UUID> patients = new ArrayList<>();
    private final List<String> services = new ArrayList<>();
    private final LocalDate today = LocalDate.now(ZONE);

    private SchedulingBenchmark(ConfigurableApplicationContext app, Path out, int port) {
        this.app = app;
        this.http = BenchmarkSupport.httpClient();
        this.base = "http://localhost:" + port;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int practitionerCount = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        Path out = Path.of("target/bench/scheduling");
        Files.createDirectories(out);
        try (BenchmarkSupport.Running running = BenchmarkSupport.start("shifo-scheduling-bench")) {
            new SchedulingBenchmark(running.context(), out, running.port())
                    .run(clients, seconds, warmup, practitionerCount);
        }
    }

    private void run(int clients, int seconds, int warmup, int practitionerCount) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "Scheduling benchmark: %d practitioners, %d clients, %d s per phase after %d s of warm-up,"
                        + " %d cores, load average %s%n",
                practitionerCount,
                clients,
                seconds,
                warmup,
                Runtime.getRuntime().availableProcessors(),
                BenchmarkSupport.load());
        long start = System.nanoTime();
        IdentityFixtures fixtures = app.getBean(IdentityFixtures.class);
        IdentityFixtures.Clinic clinic = fixtures.clinic();
        String admin = fixtures.bearer(fixtures.admin(clinic));
        for (int i = 0; i < RECEPTIONISTS; i++) {
            receptionists.add(fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST)));
        }
        for (int i = 0; i < practitionerCount; i++) {
            practitioners.add(fixtures.staff(clinic, Role.DOCTOR).userId().value());
        }
        services.add(createService(admin, "Consultation", 20));
        services.add(createService(admin, "Extended consultation", 40));
        for (UUID practitioner : practitioners) {
            setSchedule(admin, practitioner, clinic.branchId().value());
        }
        System.out.printf(
                Locale.ROOT,
                "  organization, %d doctors, %d receptionists, 2 services, templates in %.1f s%n",
                practitionerCount,
                RECEPTIONISTS,
                (System.nanoTime() - start) / 1e9);
        seed(clinic.tenantId().value(), clinic.branchId().value());

        // one client first: the service time without queueing; then all clients at once
        phase("slot search", 1, warmup, seconds, this::searchOnce);
        phase("slot search", clients, warmup, seconds, this::searchOnce);
        phase("booking", 1, Math.min(warmup, 5), seconds, this::bookOnce);
        phase("booking", clients, Math.min(warmup, 5), seconds, this::bookOnce);
        System.out.printf(Locale.ROOT, "  load average at the end %s%n", BenchmarkSupport.load());
        Path hold = Path.of(System.getProperty("java.io.tmpdir"), "shifo-scheduling-bench.hold");
        if (Files.exists(hold)) {
            // to look at query plans on the loaded database: the server stays up until the file is removed
            System.out.printf(
                    Locale.ROOT,
                    "  holding while %s exists; PostgreSQL port %d, tenant %s%n",
                    hold,
                    app.getBean(EmbeddedPostgresServer.class).port(),
                    clinic.tenantId().value());
            while (Files.exists(hold)) {
                Thread.sleep(1000);
            }
        }
    }

    // --- set-up through the API

    private String createService(String admin, String name, int minutes) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/services"))
                .header("Authorization", admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"durationMinutes\":" + minutes
                        + ",\"specialty\":\"General practice\"}"))
                .build());
        expect(response, 201, "creating a service");
        Matcher id = ID.matcher(response.body());
        if (!id.find()) {
            throw new IllegalStateException("no id in " + response.body());
        }
        return id.group(1);
    }

    /** Monday to Saturday 08:00–20:00 with lunch 13:00–14:00: 33 consultations of 20 minutes a day. */
    private void setSchedule(String admin, UUID practitioner, UUID branch) {
        StringBuilder body = new StringBuilder("{\"branchId\":\"" + branch + "\",\"weekly\":[");
        String[] days = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"};
        for (int i = 0; i < days.length; i++) {
            body.append(i > 0 ? "," : "")
                    .append("{\"dayOfWeek\":\"")
                    .append(days[i])
                    .append("\",\"start\":\"08:00\",\"end\":\"20:00\",")
                    .append("\"breaks\":[{\"start\":\"13:00\",\"end\":\"14:00\"}]}");
        }
        body.append("],\"serviceIds\":[\"")
                .append(String.join("\",\"", services))
                .append("\"]}");
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(base + "/api/v1/practitioners/" + practitioner + "/schedule"))
                        .header("Authorization", admin)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build());
        expect(response, 200, "setting a schedule");
    }

    // --- bulk load

    /**
     * Patients and appointments by SQL as the owner, in the system scope (row-level security stays on). Every
     * appointment sits on the 20-minute grid of its practitioner's working hours, one per slot, so the exclusion
     * constraint holds; a cancelled or missed one leaves its slot free again, as in the application.
     */
    private void seed(UUID tenant, UUID branch) throws Exception {
        long start = System.nanoTime();
        String[] family = {
            "Karimov", "Aliyev", "Toshmatov", "Rahimov", "Yusupov", "Sultonov", "Qodirov", "Ismoilov", "Nazarov",
            "Hasanov", "Usmonov", "Ergashev", "Saidov", "Rustamov", "Tursunov", "Sobirov", "Umarov", "Azimov"
        };
        String[] given = {
            "Sardor", "Bahodir", "Jasur", "Akmal", "Aziz", "Bekzod", "Dilshod", "Javlon", "Otabek", "Rustam", "Sherzod",
            "Temur", "Nodir", "Anvar", "Bobur", "Laziz", "Komil", "Islom"
        };
        Random random = new Random(20261122L);
        EmbeddedPostgresServer server = app.getBean(EmbeddedPostgresServer.class);
        try (Connection owner = DriverManager.getConnection(server.jdbcUrl(), server.username(), null)) {
            owner.setAutoCommit(false);
            try (Statement statement = owner.createStatement()) {
                statement.execute("SELECT set_config('shifo.system', 'on', true)");
                statement.execute("SELECT setseed(0.42)");
            }
            try (PreparedStatement insert = owner.prepareStatement(
                    """
                    INSERT INTO patients.patients (id, tenant_id, record_number, family_name, given_name, sex,
                        birth_date, name_key, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, 'MALE', ?, ?, now(), now())
                    """)) {
                for (int i = 0; i < PATIENTS; i++) {
                    UUID id = UUID.randomUUID();
                    String f = family[random.nextInt(family.length)];
                    String g = given[random.nextInt(given.length)];
                    insert.setObject(1, id);
                    insert.setObject(2, tenant);
                    insert.setLong(3, i + 1L);
                    insert.setString(4, f);
                    insert.setString(5, g);
                    insert.setObject(6, today.minusDays(random.nextInt(80 * 365)));
                    insert.setString(7, NameKey.of(f, g, null));
                    insert.addBatch();
                    patients.add(id);
                }
                insert.executeBatch();
            }
            try (PreparedStatement numbers =
                    owner.prepareStatement("INSERT INTO patients.record_numbers VALUES (?, ?)")) {
                numbers.setObject(1, tenant);
                numbers.setLong(2, PATIENTS);
                numbers.executeUpdate();
            }
            int appointments;
            try (PreparedStatement insert = owner.prepareStatement(
                    """
                    WITH slot AS (
                        SELECT p AS practitioner, d::date AS day,
                            (d::date + make_interval(mins => CASE WHEN s < 15 THEN 480 + 20 * s
                                                                  ELSE 840 + 20 * (s - 15) END))
                                AT TIME ZONE 'Asia/Tashkent' AS start_at,
                            (d::date - CAST(? AS date)) AS offset_days,
                            random() AS taken, random() AS fate, random() AS who
                        FROM unnest(CAST(? AS uuid[])) AS p,
                            generate_series(CAST(? AS date) - ?, CAST(? AS date) + ?, INTERVAL '1 day') AS d,
                            generate_series(0, 32) AS s
                        WHERE extract(isodow FROM d) <= 6
                    ), booked AS (
                        SELECT *, CASE
                                WHEN offset_days >= 0 THEN CASE WHEN fate < 0.94 THEN 'BOOKED' ELSE 'CANCELLED' END
                                WHEN fate < 0.80 THEN 'COMPLETED'
                                WHEN fate < 0.88 THEN 'NO_SHOW'
                                ELSE 'CANCELLED' END AS status
                        FROM slot
                        -- the past nearly full, the future the emptier the later the day
                        WHERE taken < CASE WHEN offset_days < 0 THEN 0.95 ELSE 1.0 - 0.7 * offset_days / ? END
                    )
                    INSERT INTO scheduling.appointments (id, tenant_id, branch_id, patient_id, practitioner_id,
                        service_id, start_at, end_at, status, cancel_reason, checked_in_at, started_at, finished_at,
                        created_at, updated_at)
                    SELECT gen_random_uuid(), ?, ?, (CAST(? AS uuid[]))[1 + floor(who * ?)::int], practitioner,
                        ?, start_at, start_at + INTERVAL '20 minutes', status,
                        CASE WHEN status = 'CANCELLED' THEN 'Patient asked' END,
                        CASE WHEN status = 'COMPLETED' THEN start_at - INTERVAL '10 minutes' END,
                        CASE WHEN status = 'COMPLETED' THEN start_at END,
                        CASE WHEN status = 'COMPLETED' THEN start_at + INTERVAL '18 minutes' END,
                        start_at - INTERVAL '14 days', start_at - INTERVAL '14 days'
                    FROM booked
                    """)) {
                int i = 1;
                insert.setObject(i++, today);
                insert.setArray(i++, owner.createArrayOf("uuid", practitioners.toArray()));
                insert.setObject(i++, today);
                insert.setInt(i++, DAYS);
                insert.setObject(i++, today);
                insert.setInt(i++, DAYS);
                insert.setDouble(i++, DAYS);
                insert.setObject(i++, tenant);
                insert.setObject(i++, branch);
                insert.setArray(i++, owner.createArrayOf("uuid", patients.toArray()));
                insert.setInt(i++, patients.size());
                insert.setObject(i, UUID.fromString(services.getFirst()));
                appointments = insert.executeUpdate();
            }
            owner.commit();
            owner.setAutoCommit(true);
            try (Statement statement = owner.createStatement()) {
                statement.execute("VACUUM ANALYZE patients.patients");
                statement.execute("VACUUM ANALYZE scheduling.appointments");
            }
            StringBuilder counts = new StringBuilder();
            try (Statement statement = owner.createStatement()) {
                statement.execute("SELECT set_config('shifo.system', 'on', false)");
                try (ResultSet rows = statement.executeQuery(
                        "SELECT status, count(*) FROM scheduling.appointments GROUP BY status ORDER BY status")) {
                    while (rows.next()) {
                        counts.append(counts.isEmpty() ? "" : ", ")
                                .append(rows.getString(1))
                                .append(' ')
                                .append(String.format(Locale.ROOT, "%,d", rows.getLong(2)));
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "  loaded %,d patients and %,d appointments (%s to %s; %s) in %.1f s, load %s%n",
                    PATIENTS,
                    appointments,
                    today.minusDays(DAYS),
                    today.plusDays(DAYS),
                    counts,
                    (System.nanoTime() - start) / 1e9,
                    BenchmarkSupport.load());
        }
    }

    // --- the load

    /** What one request did, for the counts of a phase. */
    enum Outcome {
        OK,
        CONFLICT,
        NO_FREE_SLOT
    }

    /** One client's step: adds the measured latency (ms) of the request the phase is about. */
    interface Step {
        Outcome run(Random random, String token, List<Double> latencies);
    }

    private void phase(String name, int clients, int warmup, int seconds, Step step) throws Exception {
        run(clients, warmup, step, new ArrayList<>(), new int[Outcome.values().length]);
        String loadBefore = BenchmarkSupport.load();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        int[] outcomes = new int[Outcome.values().length];
        double elapsed = run(clients, seconds, step, latencies, outcomes);
        double[] all = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf(
                Locale.ROOT,
                "  %-11s %2d client(s), %d s (load %s -> %s): %,d requests, %.0f/s; p50 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms%n",
                name,
                clients,
                seconds,
                loadBefore,
                BenchmarkSupport.load(),
                all.length,
                all.length / elapsed,
                BenchmarkSupport.percentile(all, 50),
                BenchmarkSupport.percentile(all, 99),
                Arrays.stream(all).max().orElse(0));
        if (name.equals("booking")) {
            int attempts = outcomes[Outcome.OK.ordinal()] + outcomes[Outcome.CONFLICT.ordinal()];
            System.out.printf(
                    Locale.ROOT,
                    "              booked %,d (201), lost a race %,d (409, %.1f %% of attempts), %,d picks found"
                            + " no free slot on the day%n",
                    outcomes[Outcome.OK.ordinal()],
                    outcomes[Outcome.CONFLICT.ordinal()],
                    attempts == 0 ? 0 : 100.0 * outcomes[Outcome.CONFLICT.ordinal()] / attempts,
                    outcomes[Outcome.NO_FREE_SLOT.ordinal()]);
        } else {
            System.out.printf(
                    Locale.ROOT,
                    "              %,d searches found no free slot%n",
                    outcomes[Outcome.NO_FREE_SLOT.ordinal()]);
        }
        write(name.replace(' ', '-') + "-" + clients + ".txt", all);
    }

    /** Runs the step on {@code clients} threads for {@code seconds}; returns the elapsed seconds. */
    private double run(int clients, int seconds, Step step, List<Double> latencies, int[] outcomes) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<int[]> perClient = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Random random = new Random(1000L * seconds + c);
                String token = receptionists.get(c % receptionists.size());
                int[] counts = new int[Outcome.values().length];
                perClient.add(counts);
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        counts[step.run(random, token, latencies).ordinal()]++;
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        for (int[] counts : perClient) {
            for (int i = 0; i < counts.length; i++) {
                outcomes[i] += counts[i];
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private Outcome searchOnce(Random random, String token, List<Double> latencies) {
        long t0 = System.nanoTime();
        HttpResponse<String> response = slots(random, token, services.get(random.nextInt(services.size())));
        latencies.add((System.nanoTime() - t0) / 1e6);
        expect(response, 200, "slot search");
        return response.body().contains("\"start\"") ? Outcome.OK : Outcome.NO_FREE_SLOT;
    }

    private Outcome bookOnce(Random random, String token, List<Double> latencies) {
        UUID practitioner = practitioners.get(random.nextInt(practitioners.size()));
        String service = services.getFirst();
        HttpResponse<String> found = slots(practitioner, today.plusDays(1 + random.nextInt(DAYS)), token, service);
        expect(found, 200, "slot search");
        Matcher first = SLOT_START.matcher(found.body());
        if (!first.find()) {
            return Outcome.NO_FREE_SLOT;
        }
        String body = "{\"patientId\":\"" + patients.get(random.nextInt(patients.size())) + "\",\"practitionerId\":\""
                + practitioner + "\",\"serviceId\":\"" + service + "\",\"start\":\"" + first.group(1) + "\"}";
        long t0 = System.nanoTime();
        HttpResponse<String> booked = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/appointments"))
                .header("Authorization", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        latencies.add((System.nanoTime() - t0) / 1e6);
        if (booked.statusCode() == 409) {
            return Outcome.CONFLICT;
        }
        expect(booked, 201, "booking");
        return Outcome.OK;
    }

    private HttpResponse<String> slots(Random random, String token, String service) {
        return slots(
                practitioners.get(random.nextInt(practitioners.size())),
                today.plusDays(1 + random.nextInt(DAYS)),
                token,
                service);
    }

    private HttpResponse<String> slots(UUID practitioner, LocalDate date, String token, String service) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/practitioners/" + practitioner + "/slots?date="
                        + date + "&serviceId=" + service))
                .header("Authorization", token)
                .GET()
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        return BenchmarkSupport.send(http, request);
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    // --- figures

    private void write(String file, double[] times) throws IOException {
        BenchmarkSupport.writeTimes(out.resolve(file), times);
    }
}
