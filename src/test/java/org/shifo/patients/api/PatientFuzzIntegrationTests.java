package org.shifo.patients.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.patients.PatientId;
import org.shifo.patients.domain.NameKey;
import org.shifo.patients.domain.PatientData;
import org.shifo.patients.domain.PatientRecord;
import org.shifo.patients.domain.PatientRules;
import org.shifo.patients.domain.Pinfl;
import org.shifo.patients.domain.Sex;
import org.shifo.patients.persistence.PatientStore;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Thousands of random and hostile requests (a fixed seed, so a failure repeats) at registration, editing and
 * search: SQL and markup, emoji, zero-width, control and right-to-left characters, giant strings, wrong types,
 * deep nesting, duplicate keys, impossible dates, huge numbers, unknown fields and byte soup. The registry must
 * answer each with success or a problem-detail 4xx, and afterwards every stored record must still keep every rule.
 */
@IntegrationTest
class PatientFuzzIntegrationTests {

    static final String TYPES = "https://shifo.uz/problems/";
    static final long SEED = 20261122L;

    static final String[] HOSTILE = {
        "' OR '1'='1",
        "'; DROP TABLE patients.patients; --",
        "\\'; SELECT pg_sleep(10); --",
        "1) UNION SELECT family_name FROM patients.patients --",
        "%",
        "_%_",
        "\\",
        "$1",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg onload=alert(1)>",
        "&lt;b&gt;",
        "javascript:alert(1)",
        "${jndi:ldap://x/a}",
        "{{7*7}}",
        "../../etc/passwd",
        "%00",
        "😀",
        "👨‍👩‍👧‍👦",
        "🇺🇿",
        "Ali😀",
        "\uD800",
        "\uDC00abc",
        "A\u200Bli",
        "\u200D",
        "\uFEFFVali",
        "Ali\u202Eveyila",
        "\u202E",
        "\u0000",
        "Ali\u0000",
        "\u0007",
        "Ali\r\nVali",
        "\t",
        "\u2028",
        "\u0085",
        "\u00A0",
        " ",
        "",
        "   ",
        "null",
        "NaN",
        "-1",
        "0",
        "1e309",
        "ＡＢＣ",
        "١٢٣٤٥٦٧٨٩٠١٢٣٤",
        "12345678901234",
        "Ёёё",
        "Oʻtkir",
        "Xoʻjayev",
        "Ҳасанов",
        "Qo'chqorov",
        "oʻgʻli",
        "Мадаминова",
        "Iñtërnâtiônàlizætiøn",
        "ǅ",
        "İ",
        "ß",
        "ﬀ",
        "Ali--Vali",
        "-Ali",
        "O''",
        "AA 1234567",
        "АА1234567",
        "+998 90 123-45-67",
        "SH-000001",
        "sh1",
        "0000",
        "+",
        "()",
        "9".repeat(40),
    };

    static final String[] FAMILY = {
        "Xoʻjayev", "Karimova", "Aliyev", "Toshmatov", "Юсупов", "Рахимова", "Qo'chqorov", "Abdullayeva", "Sultonov"
    };
    static final String[] GIVEN = {"Oʻtkir", "Dilnoza", "Vali", "Шахноза", "Бахтиёр", "Gʻayrat", "Malika", "Sardor"};
    static final String[] DATES = {
        "2023-02-30",
        "2023-13-01",
        "0000-00-00",
        "+999999999-12-31",
        "-999999999-01-01",
        "-5000-01-01",
        "1850-01-01",
        "1849-12-31",
        "1896-11-22",
        "9999-12-31",
        "2026-11-23",
        "2100-01-01",
        "",
        "yesterday",
        "2020-1-1",
        "2020-01-01T00:00:00Z",
        "01.01.2020",
        "1990-06-15",
        "2024-02-29",
        "2023-02-29",
    };
    static final String[] FIELDS = {
        "familyName",
        "givenName",
        "patronymic",
        "sex",
        "birthDate",
        "phones",
        "email",
        "address",
        "language",
        "identifiers",
        "emergencyContact",
        "notes",
        "consents",
        "registerAnyway",
        "version"
    };

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    @Autowired
    PatientStore store;

    @Autowired
    TransactionTemplate transactions;

    IdentityFixtures.Clinic clinic;
    String reception;
    String admin;
    Random random;
    final List<String> failures = new ArrayList<>();
    final List<String> registered = new ArrayList<>();
    int requests;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
        reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        admin = fixtures.bearer(fixtures.admin(clinic));
        random = new Random(SEED);
    }

    @AfterEach
    void everyStoredRecordStillKeepsEveryRule() {
        assertThat(storedRecordsBreakingRules()).isEmpty();
    }

    @Test
    void answersKnownEdgeCasesWithSuccessOrAProblem() {
        String longest = "Щёцюя".repeat(20);
        String[] bodies = {
            // three names of 100 letters that each fold to 200: the search key is longer than any one name
            "{\"familyName\":\"%s\",\"givenName\":\"%s\",\"patronymic\":\"%s\",\"sex\":\"MALE\",\"birthDate\":\"1990-01-01\",\"phones\":[{\"number\":\"+998901112233\"}]}"
                    .formatted(longest, longest, longest),
            // a consent date before the calendar PostgreSQL stores
            "{\"familyName\":\"Aliyev\",\"givenName\":\"Vali\",\"sex\":\"MALE\",\"birthDate\":\"1990-01-01\",\"phones\":[{\"number\":\"+998901112234\"}],\"consents\":{\"dataProcessing\":true,\"dataProcessingDate\":\"-5000-01-01\"}}",
            "{\"familyName\":\"Aliyev\",\"givenName\":\"Vali\",\"sex\":\"MALE\",\"birthDate\":\"1990-01-01\",\"phones\":[{\"number\":\"+998901112235\"}],\"consents\":{\"dataProcessing\":true,\"dataProcessingDate\":\"-999999999-01-01\"}}",
            "{\"familyName\":\"Aliyev\",\"givenName\":\"Vali\",\"sex\":\"MALE\",\"birthDate\":\"1990-01-01\",\"phones\":[{\"number\":\"+998901112236\"}],\"notes\":\"%s\"}"
                    .formatted("😀".repeat(2000)),
        };
        for (String body : bodies) {
            send(mvc.post().uri("/api/v1/patients"), utf8(body));
        }
        for (String id : new String[] {"..", "%00", ";", "%2e%2e"}) {
            // refused by the firewall before any controller: still a problem detail
            send(mvc.put().uri("/api/v1/patients/{id}", id), utf8(validPatient("")), "PUT " + id);
        }
        for (String date : new String[] {"+999999999-12-31", "-999999999-01-01", "-5000-01-01", "5874898-01-01"}) {
            StringBuilder where = new StringBuilder();
            check(
                    "GET",
                    where.toString(),
                    "",
                    param(mvc.get().uri("/api/v1/patients"), where, "birthDate", date)
                            .header(HttpHeaders.AUTHORIZATION, reception)
                            .exchange());
        }

        assertThat(failures).as("%d of %d requests", failures.size(), requests).isEmpty();
    }

    @Test
    void registrationAnswersEveryHostileBodyWithSuccessOrAProblem() {
        for (int i = 0; i < 1000; i++) {
            byte[] body = body();
            MvcTestResult result = send(mvc.post().uri("/api/v1/patients"), body);
            if (result.getResponse().getStatus() == 201) {
                registered.add(json.readTree(result.getResponse().getContentAsByteArray())
                        .get("id")
                        .asString());
            }
        }

        assertThat(failures).as("%d of %d requests", failures.size(), requests).isEmpty();
        assertThat(registered).isNotEmpty();
        assertThat(patientCount()).isEqualTo(registered.size());
    }

    @Test
    void editingAnswersEveryHostileBodyWithSuccessOrAProblem() {
        for (int i = 0; i < 8; i++) {
            MvcTestResult result = seed();
            assertThat(result).hasStatus(201);
            registered.add(json.readTree(result.getResponse().getContentAsByteArray())
                    .get("id")
                    .asString());
        }

        for (int i = 0; i < 500; i++) {
            String id =
                    switch (random.nextInt(10)) {
                        case 0 -> UUID.randomUUID().toString();
                        case 1 -> pick(new String[] {"not-a-uuid", "0", "%00", "..", "' OR 1=1", "😀", "duplicates"});
                        default -> registered.get(random.nextInt(registered.size()));
                    };
            send(mvc.put().uri("/api/v1/patients/{id}", id), body(), "PUT " + id);
        }

        assertThat(failures).as("%d of %d requests", failures.size(), requests).isEmpty();
        assertThat(patientCount()).isEqualTo(registered.size());
    }

    @Test
    void searchAnswersEveryHostileQueryWithResultsOrAProblem() {
        for (int i = 0; i < 30; i++) {
            seed();
        }

        for (int i = 0; i < 900; i++) {
            MockMvcRequestBuilder request = mvc.get().uri("/api/v1/patients");
            StringBuilder where = new StringBuilder();
            if (random.nextInt(10) < 8) {
                request = param(request, where, "q", query());
            }
            if (random.nextInt(3) == 0) {
                request = param(request, where, "birthDate", random.nextBoolean() ? pick(DATES) : hostile());
            }
            if (random.nextInt(3) == 0) {
                request = param(request, where, "cursor", cursor());
            }
            if (random.nextInt(3) == 0) {
                request = param(request, where, "limit", pick(new String[] {
                    "0", "-1", "1", "20", "50", "51", "abc", "99999999999", "1e3", "", "2.5"
                }));
            }
            if (random.nextInt(20) == 0) {
                request = param(param(request, where, "q", query()), where, "limit", "2");
            }
            check(
                    "GET",
                    where.toString(),
                    "",
                    request.header(HttpHeaders.AUTHORIZATION, reception).exchange());
        }

        assertThat(failures).as("%d of %d requests", failures.size(), requests).isEmpty();
    }

    // --- sending and checking

    MvcTestResult seed() {
        MvcTestResult result = check(
                "SEED",
                "",
                "",
                mvc.post()
                        .uri("/api/v1/patients")
                        .header(HttpHeaders.AUTHORIZATION, reception)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(validPatient(",\"registerAnyway\":true"))
                        .exchange());
        assertThat(result).hasStatus(201);
        return result;
    }

    MvcTestResult send(MockMvcRequestBuilder request, byte[] body) {
        return send(request, body, "POST");
    }

    MvcTestResult send(MockMvcRequestBuilder request, byte[] body, String target) {
        String contentType = random.nextInt(25) == 0
                ? pick(new String[] {"text/plain", "application/xml", "application/json;charset=ISO-8859-1", ""})
                : MediaType.APPLICATION_JSON_VALUE;
        MockMvcRequestBuilder built = request.header(
                        HttpHeaders.AUTHORIZATION, random.nextInt(10) == 0 ? admin : reception)
                .content(body);
        if (!contentType.isEmpty()) {
            built = built.header(HttpHeaders.CONTENT_TYPE, contentType);
        }
        return check(target, contentType, new String(body, StandardCharsets.UTF_8), built.exchange());
    }

    MvcTestResult check(String kind, String where, String body, MvcTestResult result) {
        requests++;
        int status = result.getResponse().getStatus();
        String answer = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        String problem = null;
        if (status >= 500) {
            problem = "answered " + status;
        } else if (status >= 400) {
            String contentType = result.getResponse().getContentType();
            if (contentType == null
                    || !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(contentType))) {
                problem = status + " with content type " + contentType;
            } else {
                JsonNode node = json.readTree(answer);
                String type = node.path("type").asString("");
                if (!type.startsWith(TYPES)) {
                    problem = status + " with problem type " + type;
                } else if (status == 400 && namesFields(type)) {
                    JsonNode errors = node.path("errors");
                    if (!errors.isArray() || errors.isEmpty()) {
                        problem = "validation problem without errors";
                    } else {
                        for (JsonNode error : errors) {
                            if (error.path("field").asString("").isBlank()) {
                                problem = "validation error without a field";
                            }
                        }
                    }
                }
            }
        }
        if (problem != null) {
            failures.add(problem + " for " + kind + " " + where + " " + shorten(body) + " -> " + shorten(answer));
        }
        return result;
    }

    static boolean namesFields(String type) {
        return type.endsWith("/validation") || type.endsWith("/unknown-field") || type.endsWith("/invalid-field-type");
    }

    static String shorten(String text) {
        String one = text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text;
        return one.replaceAll("\\p{Cntrl}", "?");
    }

    static MockMvcRequestBuilder param(MockMvcRequestBuilder request, StringBuilder where, String name, String value) {
        where.append(name).append('=').append(shorten(value)).append(' ');
        return request.param(name, value);
    }

    // --- bodies

    byte[] body() {
        return switch (random.nextInt(20)) {
            case 0 -> byteSoup();
            case 1 -> invalidUtf8();
            case 2 -> utf8(deeplyNested());
            case 3 -> utf8(truncated(validPatient("")));
            case 4 -> utf8(duplicateKeys());
            case 5 ->
                utf8(pick(new String[] {
                    "", "null", "[]", "\"patient\"", "123", "true", "{}", "{\"phones\":{}}", "[{\"familyName\":\"A\"}]"
                }));
            case 6 -> utf8(hugeNumbers());
            case 7 -> utf8(validPatient(random.nextBoolean() ? ",\"registerAnyway\":true" : ""));
            default -> utf8(mutatedPatient());
        };
    }

    String validPatient(String extra) {
        Sex sex = random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
        LocalDate birthDate = LocalDate.of(1930 + random.nextInt(95), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String identifiers = random.nextBoolean()
                ? ",\"identifiers\":[{\"type\":\"PINFL\",\"value\":\""
                        + Pinfl.of(sex, birthDate, random.nextInt(1000), random.nextInt(1000)) + "\"}]"
                : "";
        return "{\"familyName\":" + quote(pick(FAMILY)) + ",\"givenName\":" + quote(pick(GIVEN))
                + ",\"sex\":\"" + sex + "\",\"birthDate\":\"" + birthDate + "\",\"phones\":[{\"number\":\""
                + phone() + "\",\"primary\":true}]" + identifiers + extra + "}";
    }

    String mutatedPatient() {
        StringBuilder out = new StringBuilder("{");
        int mutations = 1 + random.nextInt(3);
        List<String> mutated = new ArrayList<>();
        for (int i = 0; i < mutations; i++) {
            mutated.add(pick(FIELDS));
        }
        Sex sex = random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
        LocalDate birthDate = LocalDate.of(1930 + random.nextInt(95), 1 + random.nextInt(12), 1 + random.nextInt(28));
        for (String field : FIELDS) {
            String value;
            if (mutated.contains(field)) {
                if (random.nextInt(6) == 0) {
                    continue;
                }
                value = hostileValue(field, sex, birthDate);
            } else {
                value = plausibleValue(field, sex, birthDate);
                if (value == null) {
                    continue;
                }
            }
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quote(field)).append(':').append(value);
        }
        if (random.nextInt(8) == 0) {
            out.append(out.length() > 1 ? "," : "")
                    .append(quote(pick(new String[] {"isAdmin", "tenantId", "id", "medicalRecordNumber", "__proto__"})))
                    .append(':')
                    .append(anyJson(2));
        }
        return out.append('}').toString();
    }

    @Nullable
    String plausibleValue(String field, Sex sex, LocalDate birthDate) {
        return switch (field) {
            case "familyName" -> quote(pick(FAMILY));
            case "givenName" -> quote(pick(GIVEN));
            case "sex" -> quote(sex.name());
            case "birthDate" -> quote(birthDate.toString());
            case "phones" -> "[{\"number\":\"" + phone() + "\",\"primary\":true}]";
            case "identifiers" ->
                random.nextBoolean()
                        ? null
                        : "[{\"type\":\"UZ_PASSPORT\",\"value\":\"A" + (char) ('A' + random.nextInt(26))
                                + String.format(Locale.ROOT, "%07d", random.nextInt(10_000_000)) + "\"}]";
            case "registerAnyway" -> random.nextBoolean() ? "true" : null;
            default -> null;
        };
    }

    String hostileValue(String field, Sex sex, LocalDate birthDate) {
        int kind = random.nextInt(10);
        if (kind < 2) {
            return anyJson(2);
        }
        if (kind < 4 && !field.equals("phones") && !field.equals("identifiers")) {
            return quote(hostile());
        }
        return switch (field) {
            case "birthDate" -> quote(pick(DATES));
            case "sex" -> quote(pick(new String[] {"M", "male", " FEMALE ", "OTHER", "unknown", "X", "ЖЕНСКИЙ"}));
            case "phones" -> phones();
            case "identifiers" -> identifiers(sex, birthDate);
            case "address" ->
                "{\"country\":" + maybeHostile("UZ") + ",\"region\":" + maybeHostile("UZ-TK") + ",\"district\":"
                        + maybeHostile("Chilonzor") + ",\"street\":" + maybeHostile("Amir Temur 1") + "}";
            case "emergencyContact" ->
                "{\"name\":" + maybeHostile("Karimova Dilnoza") + ",\"phone\":" + maybeHostile(phone())
                        + ",\"relation\":" + maybeHostile("ona") + "}";
            case "consents" ->
                "{\"sms\":" + anyJson(0) + ",\"dataProcessing\":" + (random.nextBoolean() ? "true" : anyJson(0))
                        + ",\"dataProcessingDate\":" + quote(pick(DATES)) + "}";
            case "version" -> pick(new String[] {"-1", "0", "1", "2147483648", "99999999999999999999", "1.5", "\"1\""});
            case "registerAnyway" -> pick(new String[] {"\"true\"", "1", "\"yes\"", "null", "[]"});
            default -> quote(hostile());
        };
    }

    String maybeHostile(String plausible) {
        return random.nextBoolean() ? quote(plausible) : random.nextInt(4) == 0 ? anyJson(1) : quote(hostile());
    }

    String phones() {
        int count = random.nextInt(8);
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(
                    switch (random.nextInt(6)) {
                        case 0 -> anyJson(1);
                        case 1 -> "null";
                        default ->
                            "{\"number\":" + maybeHostile(random.nextInt(5) == 0 ? "+998901234567" : phone())
                                    + ",\"primary\":" + pick(new String[] {"true", "false", "null", "\"true\"", "1"})
                                    + "}";
                    });
        }
        return out.append(']').toString();
    }

    String identifiers(Sex sex, LocalDate birthDate) {
        int count = random.nextInt(12);
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            String value =
                    switch (random.nextInt(6)) {
                        case 0 -> Pinfl.of(sex, birthDate, random.nextInt(1000), random.nextInt(1000));
                        case 1 -> Pinfl.of(random.nextBoolean() ? Sex.MALE : Sex.FEMALE, birthDate.plusDays(1), 1, 2);
                        case 2 -> "AA" + String.format(Locale.ROOT, "%07d", random.nextInt(100));
                        default -> hostile();
                    };
            out.append("{\"type\":")
                    .append(
                            random.nextInt(5) == 0
                                    ? maybeHostile("PINFL")
                                    : quote(pick(new String[] {
                                        "PINFL",
                                        "UZ_PASSPORT",
                                        "UZ_ID_CARD",
                                        "BIRTH_CERTIFICATE",
                                        "FOREIGN_PASSPORT",
                                        "INSURANCE",
                                        "pinfl",
                                        "SSN"
                                    })))
                    .append(",\"value\":")
                    .append(quote(value))
                    .append(",\"country\":")
                    .append(random.nextBoolean() ? "null" : maybeHostile(pick(new String[] {"RU", "UZ", "XX", "ru"})))
                    .append('}');
        }
        return out.append(']').toString();
    }

    String hostile() {
        return switch (random.nextInt(12)) {
            case 0 -> giant();
            case 1 -> randomUnicode(1 + random.nextInt(40));
            case 2 -> expandingName(90 + random.nextInt(15));
            case 3 -> pick(FAMILY) + pick(HOSTILE) + pick(GIVEN);
            default -> pick(HOSTILE);
        };
    }

    /** Up to a few hundred thousand characters (the body limit is 1 MiB). */
    String giant() {
        String unit = pick(new String[] {"A", "Ш", "ё", "😀", "<a>", "' OR 1=1 --", "\u200B", "9"});
        return unit.repeat((100_000 + random.nextInt(150_000)) / unit.length() / (unit.equals("Ш") ? 2 : 1));
    }

    /** A name whose letters fold to two Latin ones (ё → yo, щ → sh, ц → ts, ю → yu): the folded key grows. */
    String expandingName(int length) {
        String letters = "ёщцюяЁЩЦЮЯчш";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(letters.charAt(random.nextInt(letters.length())));
        }
        return out.toString();
    }

    String randomUnicode(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int codePoint =
                    switch (random.nextInt(4)) {
                        case 0 -> random.nextInt(0x80);
                        case 1 -> random.nextInt(0x800);
                        case 2 -> random.nextInt(0x10000);
                        default -> random.nextInt(0x110000);
                    };
            out.appendCodePoint(codePoint);
        }
        return out.toString();
    }

    String query() {
        return switch (random.nextInt(8)) {
            case 0 -> pick(FAMILY).substring(0, 2 + random.nextInt(3));
            case 1 -> Integer.toString(random.nextInt(10_000_000));
            case 2 -> randomUnicode(1 + random.nextInt(30));
            case 3 -> "x".repeat(150 + random.nextInt(100));
            case 4 -> pick(FAMILY) + " " + pick(HOSTILE);
            default -> hostile();
        };
    }

    String cursor() {
        String raw =
                switch (random.nextInt(5)) {
                    case 0 -> random.nextInt(2000) - 500 + ":" + UUID.randomUUID();
                    case 1 -> "99999999999:" + UUID.randomUUID();
                    case 2 -> "900:" + hostile();
                    case 3 -> hostile();
                    default -> ":";
                };
        return random.nextInt(4) == 0
                ? raw
                : java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    String anyJson(int depth) {
        int kind = random.nextInt(depth > 0 ? 11 : 8);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Integer.toString(random.nextInt());
            case 3 ->
                pick(new String[] {"1e999", "-1e999", "123456789012345678901234567890", "-0", "0.0000001", "1E2"});
            case 4, 5, 6 -> quote(hostile());
            case 7 -> quote(pick(DATES));
            case 8, 9 -> {
                StringBuilder array = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.append(anyJson(depth - 1)).append(i > 1 ? "," : "");
                }
                yield array.append(']').toString();
            }
            default -> "{\"number\":" + anyJson(depth - 1) + ",\"x\":" + anyJson(depth - 1) + "}";
        };
    }

    String deeplyNested() {
        int depth = pick(new Integer[] {100, 1_000, 5_000, 50_000});
        String field = pick(FIELDS);
        return random.nextBoolean()
                ? "{\"" + field + "\":" + "[".repeat(depth) + "]".repeat(depth) + "}"
                : "{\"" + field + "\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}";
    }

    String truncated(String valid) {
        return valid.substring(0, random.nextInt(valid.length()));
    }

    String duplicateKeys() {
        String valid = validPatient("");
        String field = pick(FIELDS);
        return valid.substring(0, valid.length() - 1) + "," + quote(field) + ":" + anyJson(1) + "}";
    }

    String hugeNumbers() {
        String valid = validPatient("");
        return valid.substring(0, valid.length() - 1) + ",\"version\":"
                + pick(new String[] {"1" + "0".repeat(5000), "1e999999999", "-9223372036854775809", "NaN", "Infinity"})
                + "}";
    }

    byte[] byteSoup() {
        byte[] bytes = new byte[1 + random.nextInt(3000)];
        random.nextBytes(bytes);
        return bytes;
    }

    byte[] invalidUtf8() {
        String valid = validPatient("");
        int at = valid.indexOf(pick(GIVEN));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = valid.substring(0, Math.max(at, 0)).getBytes(StandardCharsets.UTF_8);
        out.write(head, 0, head.length);
        byte[][] broken = {
            {(byte) 0xC3, (byte) 0x28},
            {(byte) 0xFF},
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}
        };
        byte[] bad = broken[random.nextInt(broken.length)];
        out.write(bad, 0, bad.length);
        byte[] tail = valid.substring(Math.max(at, 0)).getBytes(StandardCharsets.UTF_8);
        out.write(tail, 0, tail.length);
        return out.toByteArray();
    }

    String phone() {
        int prefix = pick(new Integer[] {90, 91, 93, 94, 95, 97, 98, 99, 33, 88});
        return "+998" + prefix + String.format(Locale.ROOT, "%07d", random.nextInt(10_000_000));
    }

    String quote(String text) {
        return json.writeValueAsString(text);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    // --- what is stored

    long patientCount() {
        return superuserQuery("SELECT count(*)::text FROM patients.patients WHERE tenant_id = '"
                        + clinic.tenantId().value() + "'")
                .stream()
                .mapToLong(Long::parseLong)
                .sum();
    }

    /**
     * Reads every stored record back as the application does and checks it against the rules again: no record
     * without a phone, with two primary phones, with a stale search key, or with a value the rules refuse.
     */
    List<String> storedRecordsBreakingRules() {
        List<String> broken = new ArrayList<>();
        List<String> rows = superuserQuery(
                "SELECT tenant_id || ' ' || id FROM patients.patients WHERE deleted_at IS NULL ORDER BY id");
        for (String row : rows) {
            TenantId tenant = new TenantId(UUID.fromString(row.substring(0, 36)));
            PatientId id = new PatientId(UUID.fromString(row.substring(37)));
            Supplier<@Nullable PatientRecord> read = () -> transactions.execute(
                    status -> store.find(tenant.value(), id).orElse(null));
            PatientRecord record = TenantContext.callAs(tenant, read);
            if (record == null) {
                broken.add(id + ": not readable");
                continue;
            }
            PatientData data = record.data();
            try {
                PatientData again = PatientRules.check(data.toForm(), LocalDate.now(ZoneId.of("Asia/Tashkent")));
                if (!again.equals(data)) {
                    broken.add(id + ": changes when checked again");
                }
            } catch (RuntimeException refused) {
                broken.add(id + ": " + refused);
            }
            if (data.phones().stream().filter(PatientData.PhoneNumber::primary).count() != 1) {
                broken.add(id + ": " + data.phones().size() + " phones, not exactly one primary");
            }
        }
        broken.addAll(
                superuserQuery(
                        """
                SELECT 'patient without phones ' || p.id FROM patients.patients p
                WHERE NOT EXISTS (SELECT 1 FROM patients.phones ph WHERE ph.patient_id = p.id)
                """));
        for (String key :
                superuserQuery("SELECT id || '|' || name_key || '|' || family_name || '|' || given_name || '|' ||"
                        + " coalesce(patronymic, '') FROM patients.patients")) {
            String[] parts = key.split("\\|", -1);
            String expected = NameKey.of(parts[2], parts[3], parts[4].isEmpty() ? null : parts[4]);
            if (!expected.equals(parts[1])) {
                broken.add(parts[0] + ": name key differs from the names");
            }
        }
        return broken;
    }

    static List<String> superuserQuery(String sql) {
        List<String> values = new ArrayList<>();
        try (var connection = TestDatabase.get().connectAsSuperuser();
                var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }
}
