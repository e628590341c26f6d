package org.shifo.clinical;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.shifo.clinical.domain.VitalSigns;
import org.shifo.clinical.domain.VitalsRules;
import org.shifo.identity.Role;
import org.shifo.patients.domain.NameKey;
import org.shifo.platform.database.EmbeddedPostgresServer;
import org.shifo.platform.testing.BenchmarkSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.terminology.Terminology;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast a patient's chart loads when the patient has 2,000 past encounters: a program run on demand (not a
 * test), see {@code bench/README.md} and {@code bench/chart.sh}.
 *
 * <p>It starts the whole application on a fresh embedded PostgreSQL, creates one organization with its doctors
 * through identity's own services, and loads with batched SQL as the database owner in the system scope
 * (row-level security stays on): one patient with 2,000 closed encounters spread over eight years, each with
 * note sections, 1–2 sets of vital signs (flags and BMI computed by {@link VitalsRules}, as the application
 * stores them) and 1–3 ICD-10 diagnoses; and other patients with 20 encounters each, so that the indexes have
 * other patients' rows to skip. When the table {@code clinical.lab_results} exists, lab results are loaded too
 * (a panel of four tests at about one encounter in three). Then it prints the plans of the three queries of a
 * chart page ({@code EXPLAIN (ANALYZE, BUFFERS)} as the application's role with the tenant set, the custom and
 * the generic plan) and measures, one request after another over HTTP with a doctor's access token:
 *
 * <ol>
 *   <li>{@code GET /api/v1/encounters?patientId=…&limit=50}: the first page (the newest 50);
 *   <li>the second page ({@code &before=} the first page's {@code next});
 *   <li>a deep page, 1,500 encounters back (the 31st page, reached by following {@code next});
 *   <li>for comparison, the first page with {@code limit=1} (what a chart request costs apart from its
 *       encounters) and {@code GET /api/v1/patients/{id}}: one audited read of one row through the same filter
 *       chain, security and audit;
 *   <li>the three queries of the first page alone over JDBC on one of the application's connections.
 * </ol>
 *
 * <p>Arguments: {@code [warm-up=50] [measured=500] [encounters=2000] [other patients=400]}.
 */
public final class ChartBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Tashkent");
    private static final int YEARS = 8;
    private static final int OTHER_ENCOUNTERS = 20;
    private static final int DOCTORS = 8;
    private static final int PAGE = 50;

    /** The encounter page, vitals and diagnoses queries of {@code EncounterStore.page/vitalsOf/diagnosesOf}. */
    private static final String ENCOUNTERS_SQL =
            """
            SELECT id, patient_id, practitioner_id, branch_id, appointment_id, ticket_id, status, template,
                complaints, anamnesis, examination, dermatological_status, plan, recommendations, version, started_at,
                closed_at, closed_by, created_by, updated_at
            FROM clinical.encounters
            WHERE tenant_id = ? AND patient_id = ? AND deleted_at IS NULL
            ORDER BY started_at DESC, id DESC LIMIT ?""";

    private static final String VITALS_SQL =
            """
            SELECT id, encounter_id, patient_id, measured_at, systolic, diastolic, pulse, respiratory_rate,
                temperature_c, spo2, weight_kg, height_cm, bmi, pain_score, flags, recorded_by, recorded_at
            FROM clinical.vitals WHERE tenant_id = ? AND encounter_id IN (%s)
            ORDER BY measured_at, id""";

    private static final String DIAGNOSES_SQL =
            """
            SELECT id, encounter_id, patient_id, system, code, display, verified, kind, status, onset_date,
                recorded_by, recorded_at
            FROM clinical.diagnoses
            WHERE tenant_id = ? AND encounter_id IN (%s) AND removed_at IS NULL
            ORDER BY kind = 'PRIMARY' DESC, recorded_at, id""";

    private static final String[][] CODES = {
        {"L20.9", "Atopic dermatitis, unspecified"},
        {"L40.0", "Psoriasis vulgaris"},
        {"L70.0", "Acne vulgaris"},
        {"L30.9", "Dermatitis, unspecified"},
        {"L50.0", "Allergic urticaria"},
        {"L21.0", "Seborrhoea capitis"},
        {"B35.4", "Tinea corporis"},
        {"B35.1", "Tinea unguium"},
        {"L71.9", "Rosacea, unspecified"},
        {"L82", "Seborrhoeic keratosis"},
        {"D22.5", "Melanocytic naevi of trunk"},
        {"L57.0", "Actinic keratosis"},
        {"B07", "Viral warts"},
        {"L60.0", "Ingrowing nail"},
        {"I10", "Essential (primary) hypertension"},
        {"E11.9", "Type 2 diabetes mellitus without complications"},
        {"E78.5", "Hyperlipidaemia, unspecified"},
        {"J06.9", "Acute upper respiratory infection, unspecified"},
        {"K29.7", "Gastritis, unspecified"},
        {"M54.5", "Low back pain"},
        {"J45.9", "Asthma, unspecified"},
        {"L23.9", "Allergic contact dermatitis, unspecified cause"},
    };

    /** Test code, unit, low, high of the lab panel (LOINC, SI units). */
    private static final String[][] LABS = {
        {"15074-8", "mmol/L", "3.9", "5.5"},
        {"4548-4", "%", "4.0", "5.6"},
        {"14647-2", "mmol/L", "3.0", "5.2"},
        {"718-7", "g/L", "130", "170"},
    };

    private static final String[] COMPLAINTS = {
        "Itching and redness of the skin of the forearms and neck for two weeks, worse at night and after washing"
                + " with soap; sleep disturbed.",
        "Scaly plaques on the elbows and knees, slowly enlarging over a month; mild itching; no joint pain.",
        "Rash on the face and upper back, papules and pustules, for three months; worse before menses.",
        "Follow-up visit: blood pressure control, occasional morning headaches, no chest pain or shortness of breath.",
        "Thickened, yellowish toenails of both big toes for about a year; no pain; wants treatment.",
    };

    private static final String ANAMNESIS =
            "Symptoms began gradually. Similar episodes in previous years, each improving with topical treatment."
                    + " No known drug allergies. Takes no regular medication apart from what was prescribed at the"
                    + " previous visit. Non-smoker, alcohol rarely. Family history: mother with psoriasis, father with"
                    + " hypertension. Works in an office; no contact with chemicals at work.";

    private static final String EXAMINATION =
            "General condition satisfactory, conscious, oriented. Skin of normal colour outside the lesions; visible"
                    + " mucous membranes clean. Peripheral lymph nodes not enlarged. Vesicular breathing, no rales."
                    + " Heart sounds clear, rhythmic. Abdomen soft, not tender. No oedema of the legs.";

    private static final String DERMATOLOGICAL =
            "Process is symmetrical. On the flexor surfaces of the forearms and on the neck: erythematous, slightly"
                    + " infiltrated patches with lichenification and excoriations, fine scaling, borders ill-defined."
                    + " Dermographism white, persistent. Nails and hair unchanged. Palms and soles free.";

    private static final String PLAN =
            "Emollient twice daily and after every wash; topical corticosteroid of moderate potency once daily for"
                    + " 10 days, then twice a week; oral antihistamine at night for 14 days. Control in 4 weeks.";

    private static final String RECOMMENDATIONS =
            "Avoid hot showers and wool next to the skin; use fragrance-free soap substitutes; keep nails short."
                    + " Return earlier if the rash spreads, weeps or if fever appears.";

    private final ConfigurableApplicationContext app;
    private final HttpClient http;
    private final String base;
    private final Path out;
    private final JsonMapper json;
    private final Random random = new Random(20261122L);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final List<UUID> doctors = new ArrayList<>();
    private @Nullable UUID patient;
    private @Nullable UUID tenant;
    private String bearer = "";
    private boolean labsSeeded;

    private ChartBenchmark(ConfigurableApplicationContext app, Path out, int port) {
        this.app = app;
        this.http = BenchmarkSupport.httpClient();
        this.base = "http://localhost:" + port;
        this.out = out;
        this.json = app.getBean(JsonMapper.class);
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int encounters = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int others = args.length > 3 ? Integer.parseInt(args[3]) : 400;
        Path out = Path.of("target/bench/chart");
        Files.createDirectories(out);
        try (BenchmarkSupport.Running running = BenchmarkSupport.start("shifo-chart-bench")) {
            new ChartBenchmark(running.context(), out, running.port()).run(warmup, measured, encounters, others);
        }
    }

    private void run(int warmup, int measured, int encounters, int others) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "Chart benchmark: 1 patient with %,d encounters over %d years, %d other patients with %d each;"
                        + " %d warm-up and %d measured requests per page; %d cores, load average %s%n",
                encounters,
                YEARS,
                others,
                OTHER_ENCOUNTERS,
                warmup,
                measured,
                Runtime.getRuntime().availableProcessors(),
                BenchmarkSupport.load());
        IdentityFixtures fixtures = app.getBean(IdentityFixtures.class);
        IdentityFixtures.Clinic clinic = fixtures.clinic();
        for (int i = 0; i < DOCTORS; i++) {
            doctors.add(fixtures.staff(clinic, Role.DOCTOR).userId().value());
        }
        bearer = fixtures.bearer(fixtures.staff(clinic, Role.DOCTOR));
        tenant = clinic.tenantId().value();
        seed(clinic.branchId().value(), encounters, others);

        String first = "/api/v1/encounters?patientId=" + patient + "&limit=" + PAGE;
        Page firstPage = page(first);
        String second = first + "&before=" + encode(require(firstPage.next()));
        Page secondPage = page(second);
        Page deep = secondPage;
        String deepUrl = second;
        for (int i = 2; i < 31 && deep.next() != null; i++) {
            deepUrl = first + "&before=" + encode(require(deep.next()));
            deep = page(deepUrl);
        }
        explain(firstPage);

        System.out.println();
        System.out.println("Over HTTP, one request after another, a doctor's access token:");
        // the JIT first: otherwise whichever page is measured first pays for the compilation
        long jit = System.nanoTime();
        for (int i = 0; i < 4 * warmup; i++) {
            get(i % 2 == 0 ? first : deepUrl);
        }
        System.out.printf(
                Locale.ROOT,
                "  (untimed warm-up of the JIT: %d requests over pages 1 and 31, %.1f s)%n",
                4 * warmup,
                (System.nanoTime() - jit) / 1e9);
        measure("first page", first, warmup, measured);
        measure("second page", second, warmup, measured);
        measure("page 31 (1,500 back)", deepUrl, warmup, measured);
        measure("first page, limit=1", "/api/v1/encounters?patientId=" + patient + "&limit=1", warmup, measured);
        measure("patient (1 row)", "/api/v1/patients/" + patient, warmup, measured);
        measureSql(firstPage.ids(), warmup, measured);
        System.out.printf(Locale.ROOT, "load average at the end %s%n", BenchmarkSupport.load());
        if (!labsSeeded) {
            System.out.println("clinical.lab_results does not exist here: no lab results loaded.");
        }
    }

    // --- bulk load

    private void seed(UUID branch, int encounters, int others) throws Exception {
        long start = System.nanoTime();
        EmbeddedPostgresServer server = app.getBean(EmbeddedPostgresServer.class);
        UUID clinicTenant = require(tenant);
        int[] counts = new int[4];
        try (Connection owner = java.sql.DriverManager.getConnection(server.jdbcUrl(), server.username(), null)) {
            owner.setAutoCommit(false);
            try (Statement statement = owner.createStatement()) {
                statement.execute("SELECT set_config('shifo.system', 'on', true)");
            }
            List<UUID> patients = insertPatients(owner, clinicTenant, others + 1);
            patient = patients.getFirst();
            try (PreparedStatement encounter = owner.prepareStatement(
                            """
                            INSERT INTO clinical.encounters (id, tenant_id, patient_id, practitioner_id, branch_id,
                                status, template, complaints, anamnesis, examination, dermatological_status, plan,
                                recommendations, version, started_at, closed_at, closed_by, created_by, created_at,
                                updated_at)
                            VALUES (?, ?, ?, ?, ?, 'CLOSED', 'dermatology', ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)""");
                    PreparedStatement vitals = owner.prepareStatement(
                            """
                            INSERT INTO clinical.vitals (id, tenant_id, encounter_id, patient_id, measured_at,
                                systolic, diastolic, pulse, respiratory_rate, temperature_c, spo2, weight_kg,
                                height_cm, bmi, pain_score, flags, recorded_by, recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""");
                    PreparedStatement diagnosis = owner.prepareStatement(
                            """
                            INSERT INTO clinical.diagnoses (id, tenant_id, encounter_id, patient_id, system, code,
                                display, verified, kind, status, recorded_by, recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?, 'CONFIRMED', ?, ?)""")) {
                Statements batch = new Statements(encounter, vitals, diagnosis);
                int flushed = 0;
                for (int p = 0; p < patients.size(); p++) {
                    for (Instant started : startTimes(p == 0 ? encounters : OTHER_ENCOUNTERS)) {
                        addEncounter(batch, clinicTenant, branch, patients.get(p), started, counts);
                        if (counts[0] - flushed >= 500) {
                            batch.flush();
                            flushed = counts[0];
                        }
                    }
                }
                batch.flush();
            }
            owner.commit();
            counts[3] = seedLabs(owner, clinicTenant);
            owner.commit();
            owner.setAutoCommit(true);
            try (Statement statement = owner.createStatement()) {
                for (String table :
                        List.of("patients.patients", "clinical.encounters", "clinical.vitals", "clinical.diagnoses")) {
                    statement.execute("VACUUM ANALYZE " + table);
                }
                if (labsSeeded) {
                    statement.execute("VACUUM ANALYZE clinical.lab_results");
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "  loaded %,d patients, %,d encounters, %,d vitals, %,d diagnoses, %s in %.1f s, load %s%n",
                others + 1,
                counts[0],
                counts[1],
                counts[2],
                labsSeeded ? String.format(Locale.ROOT, "%,d lab results", counts[3]) : "no lab results (no table)",
                (System.nanoTime() - start) / 1e9,
                BenchmarkSupport.load());
    }

    private List<UUID> insertPatients(Connection owner, UUID clinicTenant, int count) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement insert = owner.prepareStatement(
                """
                INSERT INTO patients.patients (id, tenant_id, record_number, family_name, given_name, sex,
                    birth_date, name_key, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'MALE', ?, ?, now(), now())""")) {
            String[] families = {"Karimov", "Aliyev", "Toshmatov", "Rahimov", "Yusupov", "Sultonov", "Qodirov"};
            String[] givens = {"Sardor", "Bahodir", "Jasur", "Akmal", "Aziz", "Bekzod", "Dilshod", "Otabek"};
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                String family = families[i % families.length];
                String given = givens[(i / families.length) % givens.length];
                insert.setObject(1, id);
                insert.setObject(2, clinicTenant);
                insert.setLong(3, i + 1L);
                insert.setString(4, family);
                insert.setString(5, given);
                insert.setObject(6, birthDate());
                insert.setString(7, NameKey.of(family, given, null));
                insert.addBatch();
                ids.add(id);
            }
            insert.executeBatch();
        }
        try (PreparedStatement numbers = owner.prepareStatement("INSERT INTO patients.record_numbers VALUES (?, ?)")) {
            numbers.setObject(1, clinicTenant);
            numbers.setLong(2, count);
            numbers.executeUpdate();
        }
        return ids;
    }

    private static LocalDate birthDate() {
        return LocalDate.of(1962, 3, 14);
    }

    /** {@code n} start times in the last eight years, in working hours (08:00–18:00 Tashkent), oldest first. */
    private List<Instant> startTimes(int n) {
        List<Instant> times = new ArrayList<>();
        LocalDate today = LocalDate.now(ZONE);
        for (int i = 0; i < n; i++) {
            LocalDate day = today.minusDays(1 + random.nextInt(YEARS * 365));
            times.add(day.atTime(8, 0)
                    .plusMinutes(random.nextInt(600))
                    .plusSeconds(random.nextInt(60))
                    .atZone(ZONE)
                    .toInstant());
        }
        Collections.sort(times);
        return times;
    }

    private record Statements(PreparedStatement encounters, PreparedStatement vitals, PreparedStatement diagnoses) {

        void flush() throws SQLException {
            encounters.executeBatch();
            vitals.executeBatch();
            diagnoses.executeBatch();
        }
    }

    private void addEncounter(
            Statements batch, UUID clinicTenant, UUID branch, UUID patientId, Instant started, int[] counts)
            throws SQLException {
        UUID id = UUID.randomUUID();
        UUID doctor = doctors.get(random.nextInt(doctors.size()));
        Instant closed = started.plusSeconds(60L * (15 + random.nextInt(30)));
        PreparedStatement e = batch.encounters();
        int i = 1;
        e.setObject(i++, id);
        e.setObject(i++, clinicTenant);
        e.setObject(i++, patientId);
        e.setObject(i++, doctor);
        e.setObject(i++, branch);
        e.setString(i++, COMPLAINTS[random.nextInt(COMPLAINTS.length)]);
        e.setString(i++, ANAMNESIS);
        e.setString(i++, EXAMINATION);
        e.setString(i++, DERMATOLOGICAL);
        e.setString(i++, PLAN);
        e.setString(i++, RECOMMENDATIONS);
        e.setObject(i++, time(started));
        e.setObject(i++, time(closed));
        e.setObject(i++, doctor);
        e.setObject(i++, doctor);
        e.setObject(i++, time(started));
        e.setObject(i, time(closed));
        e.addBatch();
        counts[0]++;

        int sets = 1 + random.nextInt(2);
        for (int s = 0; s < sets; s++) {
            addVitals(batch.vitals(), clinicTenant, id, patientId, doctor, started.plusSeconds(300L + 900L * s), s);
            counts[1]++;
        }
        int codes = 1 + random.nextInt(3);
        int firstCode = random.nextInt(CODES.length);
        for (int c = 0; c < codes; c++) {
            String[] code = CODES[(firstCode + 1 + 7 * c) % CODES.length];
            PreparedStatement d = batch.diagnoses();
            int j = 1;
            d.setObject(j++, UUID.randomUUID());
            d.setObject(j++, clinicTenant);
            d.setObject(j++, id);
            d.setObject(j++, patientId);
            d.setString(j++, Terminology.ICD10);
            d.setString(j++, code[0]);
            d.setString(j++, code[1]);
            d.setString(j++, c == 0 ? "PRIMARY" : "SECONDARY");
            d.setObject(j++, doctor);
            d.setObject(j, time(started.plusSeconds(600L + c)));
            d.addBatch();
            counts[2]++;
        }
    }

    /** The first set is complete, a second one (later in the visit) has pressure and pulse only. */
    private void addVitals(
            PreparedStatement v, UUID clinicTenant, UUID encounter, UUID patientId, UUID doctor, Instant at, int set)
            throws SQLException {
        int systolic = 105 + random.nextInt(60);
        boolean full = set == 0;
        VitalSigns signs = new VitalSigns(
                systolic,
                systolic - 30 - random.nextInt(25),
                55 + random.nextInt(50),
                full ? 12 + random.nextInt(10) : null,
                full ? BigDecimal.valueOf(361 + random.nextInt(24), 1) : null,
                full ? 93 + random.nextInt(7) : null,
                full ? BigDecimal.valueOf(7000 + random.nextInt(2500), 2) : null,
                full ? new BigDecimal("172.0") : null,
                full ? random.nextInt(8) : null,
                at);
        VitalsRules.Outcome outcome = VitalsRules.check(signs, now, birthDate(), ZONE);
        int i = 1;
        v.setObject(i++, UUID.randomUUID());
        v.setObject(i++, clinicTenant);
        v.setObject(i++, encounter);
        v.setObject(i++, patientId);
        v.setObject(i++, time(at));
        v.setObject(i++, signs.systolic());
        v.setObject(i++, signs.diastolic());
        v.setObject(i++, signs.pulse());
        v.setObject(i++, signs.respiratoryRate(), java.sql.Types.INTEGER);
        v.setBigDecimal(i++, outcome.temperatureC());
        v.setObject(i++, signs.spo2(), java.sql.Types.INTEGER);
        v.setBigDecimal(i++, outcome.weightKg());
        v.setBigDecimal(i++, outcome.heightCm());
        v.setBigDecimal(i++, outcome.bmi());
        v.setObject(i++, signs.painScore(), java.sql.Types.INTEGER);
        v.setString(i++, json.writeValueAsString(outcome.flags()));
        v.setObject(i++, doctor);
        v.setObject(i, time(at));
        v.addBatch();
    }

    /**
     * Lab results, when the table exists: a panel of four at about one encounter in three, collected during the
     * visit. Written against the columns of {@code V086__clinical_lab_results.sql}; when they differ, says so and
     * goes on without.
     */
    private int seedLabs(Connection owner, UUID clinicTenant) throws SQLException {
        try (Statement statement = owner.createStatement();
                ResultSet exists = statement.executeQuery("SELECT to_regclass('clinical.lab_results') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return 0;
            }
        }
        try (Statement statement = owner.createStatement()) {
            statement.execute("SELECT set_config('shifo.system', 'on', true)");
        }
        Savepoint before = owner.setSavepoint();
        try (Statement statement = owner.createStatement()) {
            StringBuilder panel = new StringBuilder("(VALUES ");
            for (int i = 0; i < LABS.length; i++) {
                panel.append(i > 0 ? ", " : "")
                        .append(String.format(
                                Locale.ROOT, "('%s', '%s', %s, %s)", LABS[i][0], LABS[i][1], LABS[i][2], LABS[i][3]));
            }
            panel.append(") AS t(code, unit, low, high)");
            int rows = statement.executeUpdate(
                    """
                    INSERT INTO clinical.lab_results (id, tenant_id, patient_id, encounter_id, test_code, test_system,
                        value_type, value_text, value_entered, unit_entered, value_converted, catalogue_unit, flag,
                        critical, range_low, range_high, collected_at, recorded_by, recorded_at, source)
                    SELECT gen_random_uuid(), e.tenant_id, e.patient_id, e.id, t.code, 'LOINC', 'QUANTITY',
                        v.value::text, v.value, t.unit, v.value, t.unit,
                        CASE WHEN v.value < t.low THEN 'L' WHEN v.value > t.high THEN 'H' ELSE 'N' END,
                        FALSE, t.low, t.high, e.started_at + INTERVAL '10 minutes', e.created_by,
                        e.started_at + INTERVAL '2 hours', 'UI'
                    FROM clinical.encounters e CROSS JOIN %s
                        CROSS JOIN LATERAL (SELECT round((t.low + (t.high - t.low) * (random() * 1.4 - 0.2))::numeric,
                            1) AS value) v
                    WHERE e.tenant_id = '%s' AND abs(hashtext(e.id::text)) %% 3 = 0"""
                            .formatted(panel, clinicTenant));
            labsSeeded = true;
            return rows;
        } catch (SQLException e) {
            owner.rollback(before);
            System.out.println("  lab results not loaded (the table's columns differ): " + e.getMessage());
            return 0;
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    // --- plans

    /**
     * The three queries of a chart page, as the application's role with the tenant set (row-level security on):
     * the custom plan (values inlined, what the first executions get) and the generic plan (what a prepared
     * statement may switch to after five executions).
     */
    private void explain(Page first) throws SQLException {
        List<UUID> firstPage = first.ids();
        DataSource dataSource = app.getBean(DataSource.class);
        UUID clinicTenant = require(tenant);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement scope =
                    connection.prepareStatement("SELECT set_config('shifo.tenant_id', ?, true)")) {
                scope.setString(1, clinicTenant.toString());
                scope.execute();
            }
            String list = placeholders(firstPage.size());
            for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL plan_cache_mode = " + mode);
                }
                System.out.println();
                System.out.println("EXPLAIN (ANALYZE, BUFFERS), plan_cache_mode = " + mode + ", first page:");
                plan(
                        connection,
                        "encounters page (limit 51)",
                        ENCOUNTERS_SQL,
                        List.of(uuid(clinicTenant), uuid(require(patient)), Integer.toString(PAGE + 1)));
                plan(connection, "vitals of the 50", VITALS_SQL.formatted(list), ids(firstPage));
                plan(connection, "diagnoses of the 50", DIAGNOSES_SQL.formatted(list), ids(firstPage));
            }
            System.out.println();
            System.out.println("EXPLAIN (ANALYZE, BUFFERS), custom plan, second page's encounters (keyset):");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL plan_cache_mode = force_custom_plan");
            }
            plan(
                    connection,
                    "encounters page 2",
                    ENCOUNTERS_SQL.replace("deleted_at IS NULL", "deleted_at IS NULL AND (started_at, id) < (?, ?)"),
                    List.of(
                            uuid(clinicTenant),
                            uuid(require(patient)),
                            "'" + first.nextStart() + "'::timestamptz",
                            uuid(first.nextId()),
                            Integer.toString(PAGE + 1)));
            connection.rollback();
        }
    }

    /** EXPLAIN of a parameterised query: through PREPARE and EXECUTE, so the plan cache mode applies. */
    private static void plan(Connection connection, String name, String sql, List<String> literals)
            throws SQLException {
        StringBuilder prepared = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            prepared.append(c == '?' ? "$" + (++n) : String.valueOf(c));
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("PREPARE chart_query AS " + prepared);
        }
        System.out.println("  -- " + name);
        // a utility statement takes no bind parameters: the values go in as literals
        try (Statement explain = connection.createStatement();
                ResultSet rows = explain.executeQuery(
                        "EXPLAIN (ANALYZE, BUFFERS) EXECUTE chart_query(" + String.join(", ", literals) + ")")) {
            while (rows.next()) {
                // the 50 ids of an IN list, inlined, would fill the screen
                System.out.println("  " + rows.getString(1).replaceAll("'\\{[0-9a-f,-]{200,}}'", "'{…the 50 ids…}'"));
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DEALLOCATE chart_query");
        }
    }

    private static String uuid(UUID id) {
        return "'" + id + "'::uuid";
    }

    private List<String> ids(List<UUID> page) {
        List<String> literals = new ArrayList<>();
        literals.add(uuid(require(tenant)));
        page.forEach(id -> literals.add(uuid(id)));
        return literals;
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private void bindIds(PreparedStatement statement, List<UUID> ids) throws SQLException {
        statement.setObject(1, tenant);
        for (int i = 0; i < ids.size(); i++) {
            statement.setObject(i + 2, ids.get(i));
        }
    }

    // --- measuring

    /** What a chart page answered: its encounters' ids, the cursor it gives and what it contains. */
    private record Page(List<UUID> ids, @Nullable String next, int vitals, int diagnoses, int labResults, int bytes) {

        /** The start of the cursor {@code next} (the last encounter shown: {@code <instant>_<id>}). */
        Instant nextStart() {
            String cursor = require(next);
            return Instant.parse(cursor.substring(0, cursor.indexOf('_')));
        }

        UUID nextId() {
            String cursor = require(next);
            return UUID.fromString(cursor.substring(cursor.indexOf('_') + 1));
        }
    }

    private Page page(String path) {
        HttpResponse<String> response = get(path);
        JsonNode body = json.readTree(response.body());
        List<UUID> ids = new ArrayList<>();
        int vitals = 0;
        int diagnoses = 0;
        int labResults = 0;
        for (JsonNode item : body.get("items")) {
            ids.add(UUID.fromString(item.get("id").asString()));
            vitals += item.get("vitals").size();
            diagnoses += item.get("diagnoses").size();
            labResults += item.get("labResults").size();
        }
        JsonNode next = body.get("next");
        return new Page(
                ids,
                next == null || next.isNull() ? null : next.asString(),
                vitals,
                diagnoses,
                labResults,
                response.body().getBytes(StandardCharsets.UTF_8).length);
    }

    private void measure(String name, String path, int warmup, int count) throws IOException {
        for (int i = 0; i < warmup; i++) {
            get(path);
        }
        String loadBefore = BenchmarkSupport.load();
        double[] times = new double[count];
        int bytes = 0;
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = get(path);
            times[i] = (System.nanoTime() - t0) / 1e6;
            bytes = response.body().getBytes(StandardCharsets.UTF_8).length;
        }
        String contents = "";
        if (path.startsWith("/api/v1/encounters")) {
            Page page = page(path);
            contents = String.format(
                    Locale.ROOT,
                    "; %d encounters, %d vitals, %d diagnoses, %d lab results, %,d bytes, next %s",
                    page.ids().size(),
                    page.vitals(),
                    page.diagnoses(),
                    page.labResults(),
                    page.bytes(),
                    page.next() == null ? "none" : "given");
        } else {
            contents = String.format(Locale.ROOT, "; %,d bytes", bytes);
        }
        report(name, times, loadBefore, contents);
        BenchmarkSupport.writeTimes(out.resolve(name.replaceAll("[^a-z0-9]+", "-") + ".txt"), times);
    }

    /** The three queries of the first page on one of the application's connections, each its own transaction. */
    private void measureSql(List<UUID> firstPage, int warmup, int count) throws SQLException, IOException {
        DataSource dataSource = app.getBean(DataSource.class);
        UUID clinicTenant = require(tenant);
        String list = placeholders(firstPage.size());
        double[] times = new double[count];
        try (Connection connection = dataSource.getConnection();
                PreparedStatement scope = connection.prepareStatement("SELECT set_config('shifo.tenant_id', ?, true)");
                PreparedStatement encounters = connection.prepareStatement(ENCOUNTERS_SQL);
                PreparedStatement vitals = connection.prepareStatement(VITALS_SQL.formatted(list));
                PreparedStatement diagnoses = connection.prepareStatement(DIAGNOSES_SQL.formatted(list))) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            String loadBefore = "";
            for (int i = 0; i < warmup + count; i++) {
                if (i == warmup) {
                    loadBefore = BenchmarkSupport.load();
                }
                long t0 = System.nanoTime();
                scope.setString(1, clinicTenant.toString());
                scope.execute();
                encounters.setObject(1, clinicTenant);
                encounters.setObject(2, patient);
                encounters.setInt(3, PAGE + 1);
                List<UUID> ids = new ArrayList<>();
                try (ResultSet rows = encounters.executeQuery()) {
                    while (rows.next()) {
                        rows.getString("complaints");
                        ids.add(rows.getObject("id", UUID.class));
                    }
                }
                bindIds(vitals, ids.subList(0, PAGE));
                drain(vitals);
                bindIds(diagnoses, ids.subList(0, PAGE));
                drain(diagnoses);
                connection.commit();
                if (i >= warmup) {
                    times[i - warmup] = (System.nanoTime() - t0) / 1e6;
                }
            }
            connection.setReadOnly(false);
            report("SQL only, page 1", times, loadBefore, "; the 3 queries + set_config + commit, JDBC");
            BenchmarkSupport.writeTimes(out.resolve("sql-only.txt"), times);
        }
    }

    private static void drain(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                rows.getString(1);
            }
        }
    }

    private static void report(String name, double[] times, String loadBefore, String contents) {
        System.out.printf(
                Locale.ROOT,
                "  %-21s p50 %6.1f  p95 %6.1f  p99 %6.1f  max %6.1f ms  (%d requests, load %s -> %s)%s%n",
                name,
                BenchmarkSupport.percentile(times, 50),
                BenchmarkSupport.percentile(times, 95),
                BenchmarkSupport.percentile(times, 99),
                Arrays.stream(times).max().orElse(0),
                times.length,
                loadBefore,
                BenchmarkSupport.load(),
                contents);
    }

    private HttpResponse<String> get(String path) {
        HttpResponse<String> response = BenchmarkSupport.send(
                http,
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", bearer)
                        .GET()
                        .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static <T> T require(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("missing value");
        }
        return value;
    }
}
