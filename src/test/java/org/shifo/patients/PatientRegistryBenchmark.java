package org.shifo.patients;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.shifo.identity.Role;
import org.shifo.patients.domain.PatientData;
import org.shifo.patients.domain.PatientForm;
import org.shifo.patients.domain.PatientRules;
import org.shifo.patients.domain.Pinfl;
import org.shifo.patients.domain.Sex;
import org.shifo.platform.testing.BenchmarkSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How fast the patient registry searches and registers with 200,000 patients: a program run on demand (not a
 * test), see {@code bench/README.md} and {@code bench/patients.sh}.
 *
 * <p>It starts the whole application as development does (embedded PostgreSQL with {@code fsync} on in a
 * temporary data directory), creates one organization, and loads generated patients with {@code COPY}: each
 * one made as a registration would make it (the form checked by {@link PatientRules}, so names are trimmed,
 * phones E.164 and the search key {@link PatientData#nameKey()}). Then, over HTTP with access tokens the
 * application verifies on every request, it measures search by name fragment (Latin and Cyrillic), by phone
 * suffix and by identifier, one client after another and several at once; registration with concurrent
 * clients (duplicate checks and audit included); and the duplicates review.
 *
 * <p>Arguments: {@code [patients=200000] [searches per kind=200] [registration seconds=20]}.
 */
public final class PatientRegistryBenchmark {

    static final String[] MALE_FAMILY = {
        "Karimov", "Aliyev", "Toshmatov", "Rahimov", "Yusupov", "Abdullayev", "Sultonov", "Xoʻjayev", "Qodirov",
        "Ismoilov", "Nazarov", "Mirzayev", "Hasanov", "Usmonov", "Ergashev", "Saidov", "Rustamov", "Tursunov",
        "Joʻrayev", "Normatov", "Raximov", "Sobirov", "Haydarov", "Gʻulomov", "Ahmedov", "Boboyev", "Mahmudov",
        "Valiyev", "Umarov", "Zokirov", "Shukurov", "Ibragimov", "Qoʻchqorov", "Jalilov", "Ortiqov", "Fayzullayev",
        "Bakirov", "Davletov", "Xolmatov", "Kamolov", "Eshonov", "Yoʻldoshev", "Murodov", "Sharipov", "Islomov",
        "Tojiboyev", "Olimov", "Sodiqov", "Nurmatov", "Azimov"
    };
    static final String[] MALE_GIVEN = {
        "Oʻtkir",
        "Sardor",
        "Bahodir",
        "Jasur",
        "Akmal",
        "Aziz",
        "Bekzod",
        "Dilshod",
        "Farrux",
        "Gʻayrat",
        "Javlon",
        "Jamshid",
        "Otabek",
        "Rustam",
        "Sherzod",
        "Shuhrat",
        "Ulugʻbek",
        "Sanjar",
        "Temur",
        "Islom",
        "Nodir",
        "Anvar",
        "Bobur",
        "Doston",
        "Eldor",
        "Hamid",
        "Ilhom",
        "Komil",
        "Laziz",
        "Muhammad"
    };
    static final String[] FEMALE_GIVEN = {
        "Dilnoza", "Malika", "Shahnoza", "Gulnora", "Nilufar", "Madina", "Zarina", "Feruza", "Nigora", "Sevara",
        "Kamola", "Mohira", "Dildora", "Umida", "Zulfiya", "Barno", "Gulchehra", "Lobar", "Munisa", "Nodira",
        "Oydin", "Sabina", "Shoira", "Yulduz", "Hilola", "Iroda", "Maftuna", "Rayhona", "Sitora", "Xurshida"
    };

    private static final int SEARCH_CLIENTS = 4;
    private static final int REGISTRATION_CLIENTS = 16;

    private final ConfigurableApplicationContext app;
    private final HttpClient http;
    private final String base;
    private final String reception;
    private final String admin;
    private final Path out;
    private final List<Generated> patients = new ArrayList<>();
    private final AtomicInteger empty = new AtomicInteger();

    private PatientRegistryBenchmark(
            ConfigurableApplicationContext app, String reception, String admin, Path out, int port) {
        this.app = app;
        this.http = BenchmarkSupport.httpClient();
        this.base = "http://localhost:" + port;
        this.reception = reception;
        this.admin = admin;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int searches = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int registrationSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path out = Path.of("target/bench/patients");
        Files.createDirectories(out);
        try (BenchmarkSupport.Running running = BenchmarkSupport.start("shifo-patients-bench")) {
            IdentityFixtures fixtures = running.context().getBean(IdentityFixtures.class);
            IdentityFixtures.Clinic clinic = fixtures.clinic();
            String reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
            String admin = fixtures.bearer(fixtures.admin(clinic));
            PatientRegistryBenchmark bench =
                    new PatientRegistryBenchmark(running.context(), reception, admin, out, running.port());
            bench.run(clinic.tenantId().value(), count, searches, registrationSeconds);
        }
    }

    private void run(UUID tenant, int count, int searches, int registrationSeconds) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "Patient registry benchmark: %,d patients, %d cores, load average %s%n",
                count,
                Runtime.getRuntime().availableProcessors(),
                BenchmarkSupport.load());
        long start = System.nanoTime();
        generate(count, new Random(20261122L));
        load(tenant);
        System.out.printf(
                Locale.ROOT,
                "  generated and loaded %,d patients in %.1f s (%,d phones, %,d identifiers)%n",
                patients.size(),
                (System.nanoTime() - start) / 1e9,
                patients.stream().mapToInt(p -> p.data().phones().size()).sum(),
                patients.stream().mapToInt(p -> p.data().identifiers().size()).sum());

        Random random = new Random(7);
        List<Kind> kinds = List.of(
                new Kind("name fragment, Latin (3-6 letters)", r -> latinFragment(r)),
                new Kind("name fragment, Cyrillic (3-6 letters)", r -> cyrillicFragment(r)),
                new Kind("family and given name", r -> fullName(r)),
                new Kind("phone suffix (4-7 digits)", r -> phoneSuffix(r)),
                new Kind("PINFL", r -> pinfl(r)),
                new Kind("passport", r -> passport(r)));
        for (Kind kind : kinds) {
            for (int i = 0; i < 30; i++) {
                search(kind.query().apply(random));
            }
        }
        empty.set(0);
        System.out.printf(
                Locale.ROOT, "  search, 1 client (%d per kind), load %s:%n", searches, BenchmarkSupport.load());
        for (Kind kind : kinds) {
            report(kind.name(), searchSequential(kind, searches, random));
        }
        System.out.printf(
                Locale.ROOT,
                "  search, %d clients (%d per kind), load %s:%n",
                SEARCH_CLIENTS,
                searches,
                BenchmarkSupport.load());
        for (Kind kind : kinds) {
            report(kind.name(), searchConcurrent(kind, searches, SEARCH_CLIENTS));
        }
        registration(registrationSeconds);
        duplicates();
        System.out.printf(Locale.ROOT, "  load average at the end %s%n", BenchmarkSupport.load());
        Path hold = Path.of(System.getProperty("java.io.tmpdir"), "shifo-patients-bench.hold");
        if (Files.exists(hold)) {
            // to look at query plans on the loaded database: the server stays up until the file is removed
            System.out.println("  holding while " + hold + " exists; PostgreSQL: " + app.getBean(DataSource.class));
            while (Files.exists(hold)) {
                Thread.sleep(1000);
            }
        }
    }

    // --- generating

    record Generated(UUID id, long number, PatientData data) {}

    private void generate(int count, Random random) {
        LocalDate today = LocalDate.now();
        for (int i = 0; i < count; i++) {
            patients.add(new Generated(UUID.randomUUID(), i + 1, PatientRules.check(form(i, random, today), today)));
        }
    }

    /** A patient as a receptionist would type one: Uzbek Latin or Cyrillic (Uzbek or Russian spelling). */
    static PatientForm form(int index, Random random, LocalDate today) {
        Sex sex = random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
        String family = MALE_FAMILY[random.nextInt(MALE_FAMILY.length)];
        String given = sex == Sex.MALE
                ? MALE_GIVEN[random.nextInt(MALE_GIVEN.length)]
                : FEMALE_GIVEN[random.nextInt(FEMALE_GIVEN.length)];
        String father = MALE_GIVEN[random.nextInt(MALE_GIVEN.length)];
        if (sex == Sex.FEMALE) {
            family = family + "a";
        }
        int style = random.nextInt(10);
        String patronymic;
        if (style < 5) {
            patronymic = father + (sex == Sex.MALE ? " oʻgʻli" : " qizi");
        } else if (style < 6) {
            patronymic = null;
        } else {
            patronymic = russianPatronymic(father, sex);
        }
        if (style >= 6) {
            // written in Cyrillic, as Russian-language registries do
            family = Cyrillic.of(family);
            given = Cyrillic.of(given);
            patronymic = patronymic == null ? null : Cyrillic.of(patronymic);
        }
        LocalDate birthDate = today.minusDays(random.nextInt(90 * 365));
        List<PatientForm.@Nullable Phone> phones = new ArrayList<>();
        phones.add(new PatientForm.Phone(phone(random), true));
        if (random.nextInt(5) == 0) {
            phones.add(new PatientForm.Phone(phone(random), false));
        }
        List<PatientForm.@Nullable Identifier> identifiers = new ArrayList<>();
        if (random.nextInt(10) < 7 && birthDate.getYear() >= 1900) {
            identifiers.add(new PatientForm.Identifier(
                    "PINFL", Pinfl.of(sex, birthDate, (index / 1000) % 1000, index % 1000), null));
        }
        if (random.nextInt(2) == 0) {
            identifiers.add(new PatientForm.Identifier("UZ_PASSPORT", passportNumber(index), null));
        }
        return new PatientForm(
                family,
                given,
                patronymic,
                sex.name(),
                birthDate,
                phones,
                null,
                new PatientForm.Address("UZ", "UZ-TK", null, null),
                style >= 6 ? "ru" : "uz",
                identifiers,
                null,
                null,
                null);
    }

    static String russianPatronymic(String father, Sex sex) {
        String stem = father.replace("ʻ", "");
        return stem + (sex == Sex.MALE ? "ovich" : "ovna");
    }

    static String phone(Random random) {
        int[] operators = {90, 91, 93, 94, 95, 97, 98, 99, 33, 88, 77, 50};
        return "+998" + operators[random.nextInt(operators.length)]
                + String.format(Locale.ROOT, "%07d", random.nextInt(10_000_000));
    }

    static String passportNumber(int index) {
        char first = (char) ('A' + (index / 10_000_000) % 26);
        return "A" + first + String.format(Locale.ROOT, "%07d", index % 10_000_000);
    }

    // --- loading

    private void load(UUID tenant) throws Exception {
        DataSource dataSource = app.getBean(DataSource.class);
        Instant now = Instant.now();
        StringBuilder rows = new StringBuilder();
        StringBuilder phones = new StringBuilder();
        StringBuilder identifiers = new StringBuilder();
        for (Generated p : patients) {
            PatientData d = p.data();
            csv(
                    rows,
                    p.id(),
                    tenant,
                    p.number(),
                    d.familyName(),
                    d.givenName(),
                    d.patronymic(),
                    d.sex().name(),
                    d.birthDate(),
                    d.address().country(),
                    d.address().region(),
                    d.language(),
                    d.nameKey(),
                    now,
                    now);
            for (int i = 0; i < d.phones().size(); i++) {
                csv(
                        phones,
                        tenant,
                        p.id(),
                        i,
                        d.phones().get(i).e164(),
                        d.phones().get(i).primary());
            }
            for (PatientData.Identifier identifier : d.identifiers()) {
                csv(identifiers, tenant, p.id(), identifier.type().name(), identifier.country(), identifier.value());
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // the loader writes for the organization as the system would (row-level security stays on)
                statement.execute("SELECT set_config('shifo.system', 'on', true)");
            }
            // COPY cannot write into a table under row-level security: copy into scratch tables, then insert
            String patientColumns = "id, tenant_id, record_number, family_name, given_name, patronymic, sex,"
                    + " birth_date, address_country, address_region, language, name_key, created_at, updated_at";
            copy(connection, "patients", patientColumns, rows);
            copy(connection, "phones", "tenant_id, patient_id, position, e164, is_primary", phones);
            copy(connection, "identifiers", "tenant_id, patient_id, type, country, value", identifiers);
            try (var statement = connection.prepareStatement("INSERT INTO patients.record_numbers VALUES (?, ?)")) {
                statement.setObject(1, tenant);
                statement.setLong(2, patients.size());
                statement.executeUpdate();
            }
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE patients.patients");
                statement.execute("VACUUM ANALYZE patients.phones");
                statement.execute("VACUUM ANALYZE patients.identifiers");
            }
        }
    }

    private static void copy(Connection connection, String table, String columns, StringBuilder rows) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE load_" + table + " ON COMMIT DROP AS SELECT " + columns
                    + " FROM patients." + table + " WITH NO DATA");
        }
        connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn(
                        "COPY load_" + table + " (" + columns + ") FROM STDIN (FORMAT csv)",
                        new StringReader(rows.toString()));
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "INSERT INTO patients." + table + " (" + columns + ") SELECT " + columns + " FROM load_" + table);
        }
    }

    private static void csv(StringBuilder out, @Nullable Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values[i];
            if (value != null) {
                out.append('"').append(value.toString().replace("\"", "\"\"")).append('"');
            }
        }
        out.append('\n');
    }

    // --- queries

    record Kind(String name, Function<Random, String> query) {}

    private Generated any(Random random) {
        return patients.get(random.nextInt(patients.size()));
    }

    private String latinFragment(Random random) {
        String family;
        do {
            family = any(random).data().familyName();
        } while (!family.chars().allMatch(c -> c < 0x400));
        return family.substring(0, Math.min(family.length(), 3 + random.nextInt(4)));
    }

    private String cyrillicFragment(Random random) {
        String family = Cyrillic.of(MALE_FAMILY[random.nextInt(MALE_FAMILY.length)]);
        return family.substring(0, Math.min(family.length(), 3 + random.nextInt(4)));
    }

    private String fullName(Random random) {
        PatientData d = any(random).data();
        return d.familyName() + " " + d.givenName();
    }

    private String phoneSuffix(Random random) {
        String e164 = any(random).data().phones().getFirst().e164();
        return e164.substring(e164.length() - (4 + random.nextInt(4)));
    }

    private String pinfl(Random random) {
        while (true) {
            for (PatientData.Identifier identifier : any(random).data().identifiers()) {
                if (identifier.type().name().equals("PINFL")) {
                    return identifier.value();
                }
            }
        }
    }

    private String passport(Random random) {
        while (true) {
            for (PatientData.Identifier identifier : any(random).data().identifiers()) {
                if (identifier.type().name().equals("UZ_PASSPORT")) {
                    return identifier.value().substring(0, 2) + " "
                            + identifier.value().substring(2);
                }
            }
        }
    }

    /** One search over HTTP; its time in milliseconds. */
    private double search(String query) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/patients?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Authorization", reception)
                .GET()
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = send(request);
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("search answered " + response.statusCode() + ": " + response.body());
        }
        if (!response.body().contains("\"id\"")) {
            empty.incrementAndGet();
        }
        return millis;
    }

    private HttpResponse<String> send(HttpRequest request) {
        return BenchmarkSupport.send(http, request);
    }

    private double[] searchSequential(Kind kind, int n, Random random) {
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = search(kind.query().apply(random));
        }
        return times;
    }

    private double[] searchConcurrent(Kind kind, int n, int clients) throws Exception {
        double[] times = new double[n];
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Random random = new Random(100 + c);
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        times[i] = search(kind.query().apply(random));
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        return times;
    }

    // --- registration and review

    private void registration(int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger created = new AtomicInteger();
        AtomicInteger warned = new AtomicInteger();
        // new indexes: identifiers no loaded patient has (unique while below 1,000,000)
        AtomicInteger index = new AtomicInteger(Math.max(patients.size(), 200_000));
        List<Double> times = java.util.Collections.synchronizedList(new ArrayList<>());
        LocalDate today = LocalDate.now();
        String loadBefore = BenchmarkSupport.load();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(REGISTRATION_CLIENTS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < REGISTRATION_CLIENTS; c++) {
                Random random = new Random(1000 + c);
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        PatientForm form = form(index.getAndIncrement(), random, today);
                        String body = json(form);
                        long t0 = System.nanoTime();
                        HttpResponse<String> response =
                                send(HttpRequest.newBuilder(URI.create(base + "/api/v1/patients"))
                                        .header("Authorization", reception)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build());
                        times.add((System.nanoTime() - t0) / 1e6);
                        if (response.statusCode() == 201) {
                            created.incrementAndGet();
                        } else if (response.statusCode() == 409) {
                            warned.incrementAndGet();
                        } else {
                            throw new IllegalStateException(
                                    "registration answered " + response.statusCode() + ": " + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double[] all = times.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf(
                Locale.ROOT,
                "  registration, %d clients, %d s (load %s -> %s): %,d created + %,d answered 409 = %.0f requests/s,"
                        + " %.0f patients/s; latency p50 %.1f ms, p99 %.1f ms%n",
                REGISTRATION_CLIENTS,
                seconds,
                loadBefore,
                BenchmarkSupport.load(),
                created.get(),
                warned.get(),
                (created.get() + warned.get()) / elapsed,
                created.get() / elapsed,
                BenchmarkSupport.percentile(all, 50),
                BenchmarkSupport.percentile(all, 99));
        write("registration.txt", all);
    }

    private void duplicates() throws IOException {
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(URI.create(base + "/api/v1/patients/duplicates?limit=50"))
                            .header("Authorization", admin)
                            .GET()
                            .timeout(Duration.ofMinutes(10))
                            .build());
            System.out.printf(
                    Locale.ROOT,
                    "  GET /api/v1/patients/duplicates (run %d): %d in %.0f ms, %d pairs, load %s%n",
                    i + 1,
                    response.statusCode(),
                    (System.nanoTime() - start) / 1e6,
                    response.body().split("\"score\"", -1).length - 1,
                    BenchmarkSupport.load());
        }
    }

    private static String json(PatientForm form) {
        StringBuilder out = new StringBuilder("{");
        out.append("\"familyName\":\"").append(form.familyName()).append('"');
        out.append(",\"givenName\":\"").append(form.givenName()).append('"');
        if (form.patronymic() != null) {
            out.append(",\"patronymic\":\"").append(form.patronymic()).append('"');
        }
        out.append(",\"sex\":\"").append(form.sex()).append('"');
        out.append(",\"birthDate\":\"").append(form.birthDate()).append('"');
        out.append(",\"language\":\"").append(form.language()).append('"');
        out.append(",\"address\":{\"country\":\"UZ\",\"region\":\"UZ-TK\"}");
        out.append(",\"phones\":[");
        List<PatientForm.@Nullable Phone> phones = form.phones() == null ? List.of() : form.phones();
        for (int i = 0; i < phones.size(); i++) {
            PatientForm.Phone phone = phones.get(i);
            if (phone != null) {
                out.append(i > 0 ? "," : "")
                        .append("{\"number\":\"")
                        .append(phone.number())
                        .append("\",\"primary\":")
                        .append(phone.primary())
                        .append('}');
            }
        }
        out.append("],\"identifiers\":[");
        List<PatientForm.@Nullable Identifier> identifiers =
                form.identifiers() == null ? List.of() : form.identifiers();
        for (int i = 0; i < identifiers.size(); i++) {
            PatientForm.Identifier identifier = identifiers.get(i);
            if (identifier != null) {
                out.append(i > 0 ? "," : "")
                        .append("{\"type\":\"")
                        .append(identifier.type())
                        .append("\",\"value\":\"")
                        .append(identifier.value())
                        .append("\"}");
            }
        }
        return out.append("]}").toString();
    }

    // --- figures

    private void report(String name, double[] times) throws IOException {
        System.out.printf(
                Locale.ROOT,
                "    %-40s p50 %6.1f ms   p99 %6.1f ms   max %6.1f ms   (%d found nothing)%n",
                name,
                BenchmarkSupport.percentile(times, 50),
                BenchmarkSupport.percentile(times, 99),
                Arrays.stream(times).max().orElse(0),
                empty.getAndSet(0));
        write(name.replaceAll("[^a-zA-Z0-9]+", "-") + ".txt", times);
    }

    private void write(String file, double[] times) throws IOException {
        BenchmarkSupport.writeTimes(out.resolve(file), times);
    }

    /** Latin Uzbek names written in Cyrillic, the way Russian-language forms spell them. */
    static final class Cyrillic {

        private Cyrillic() {}

        static String of(String latin) {
            String s = latin.replace("oʻ", "у")
                    .replace("Oʻ", "У")
                    .replace("gʻ", "г")
                    .replace("Gʻ", "Г");
            String[][] pairs = {
                {"sh", "ш"},
                {"Sh", "Ш"},
                {"ch", "ч"},
                {"Ch", "Ч"},
                {"yo", "ё"},
                {"Yo", "Ё"},
                {"yu", "ю"},
                {"Yu", "Ю"},
                {"ya", "я"},
                {"Ya", "Я"},
                {"ye", "е"},
                {"Ye", "Е"},
                {"ʻ", ""}
            };
            for (String[] pair : pairs) {
                s = s.replace(pair[0], pair[1]);
            }
            String latinLetters = "abdefghijklmnopqrstuvxyzABDEFGHIJKLMNOPQRSTUVXYZ";
            String cyrillic = "абдефгхижклмнопкрстувхйзАБДЭФГХИЖКЛМНОПКРСТУВХЙЗ";
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                int at = latinLetters.indexOf(c);
                out.append(at >= 0 ? cyrillic.charAt(at) : c);
            }
            return out.toString();
        }
    }
}
