package org.shifo.patients.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shifo.identity.Role;
import org.shifo.patients.PatientId;
import org.shifo.patients.ReferenceProbe;
import org.shifo.patients.domain.Pinfl;
import org.shifo.patients.domain.Sex;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class PatientApiIntegrationTests {

    static final String TYPES = "https://shifo.uz/problems/";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    @Autowired
    ReferenceProbe probe;

    IdentityFixtures.Clinic clinic;
    String admin;
    String reception;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
        admin = fixtures.bearer(fixtures.admin(clinic));
        reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
    }

    static String patient(String family, String given, String birthDate, String phone, String extra) {
        return """
                {"familyName":"%s","givenName":"%s","sex":"MALE","birthDate":"%s",
                 "phones":[{"number":"%s","primary":true}]%s}
                """
                .formatted(family, given, birthDate, phone, extra);
    }

    MvcTestResult post(String token, String uri, String body) {
        return mvc.post()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }

    MvcTestResult get(String token, String uri) {
        return mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, token).exchange();
    }

    JsonNode body(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    String register(String body) {
        MvcTestResult result = post(reception, "/api/v1/patients", body);
        assertThat(result).hasStatus(201);
        return body(result).get("id").asString();
    }

    @Nested
    class Registering {

        @Test
        void registersWithARecordNumberAndNormalisedData() {
            MvcTestResult result = post(
                    reception,
                    "/api/v1/patients",
                    patient(
                            "  Xoʻjayev",
                            "Oʻtkir ",
                            "1985-03-12",
                            "90 123-45-67",
                            ",\"identifiers\":[{\"type\":\"PINFL\",\"value\":\"31203850260019\"}],"
                                    + "\"address\":{\"region\":\"UZ-TK\",\"street\":\"<b>Amir Temur</b> 1\"}"));

            assertThat(result).hasStatus(201);
            JsonNode patient = body(result);
            assertThat(patient.get("medicalRecordNumber").asString()).isEqualTo("SH-000001");
            assertThat(patient.get("familyName").asString()).isEqualTo("Xoʻjayev");
            assertThat(patient.get("phones").get(0).get("number").asString()).isEqualTo("+998901234567");
            assertThat(patient.get("address").get("street").asString()).isEqualTo("<b>Amir Temur</b> 1");
            assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION))
                    .isEqualTo("/api/v1/patients/" + patient.get("id").asString());

            String second = register(patient("Karimova", "Dilnoza", "1990-01-02", "+998 91 765 43 21", ""));
            assertThat(body(get(reception, "/api/v1/patients/" + second))
                            .get("medicalRecordNumber")
                            .asString())
                    .isEqualTo("SH-000002");
        }

        @Test
        void aRefusedRecordNamesEveryFieldAndSavesNothing() {
            MvcTestResult result = post(
                    reception,
                    "/api/v1/patients",
                    """
                    {"familyName":"<script>","givenName":"","sex":"M","birthDate":"2999-01-01","phones":[]}
                    """);

            assertThat(result).hasStatus(400);
            assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(TYPES + "validation");
            assertThat(result)
                    .bodyJson()
                    .extractingPath("$.errors[*].field")
                    .asArray()
                    .containsExactlyInAnyOrder("familyName", "givenName", "sex", "birthDate", "phones");
            assertThat(count()).isZero();
        }

        @Test
        void messagesFollowAcceptLanguage() {
            MvcTestResult result = mvc.post()
                    .uri("/api/v1/patients")
                    .header(HttpHeaders.AUTHORIZATION, reception)
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "ru")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(patient("Ali", "Vali", "1985-03-12", "12", ""))
                    .exchange();

            assertThat(result)
                    .bodyJson()
                    .extractingPath("$.errors[0].message")
                    .asString()
                    .contains("телефона");
            assertThat(result).bodyJson().extractingPath("$.errors[0].code").isEqualTo("phone-invalid");
        }

        @Test
        void anIdentifierInUseIsRefusedWithTheExistingRecord() {
            String pinfl = ",\"identifiers\":[{\"type\":\"UZ_PASSPORT\",\"value\":\"AA 1234567\"}]";
            String first = register(patient("Aliyev", "Vali", "1970-05-05", "+998901111111", pinfl));

            MvcTestResult again = post(
                    reception, "/api/v1/patients", patient("Boboyev", "Sardor", "1991-07-07", "+998902222222", pinfl));

            assertThat(again).hasStatus(409);
            assertThat(again).bodyJson().extractingPath("$.type").isEqualTo(TYPES + "duplicate-identifier");
            assertThat(again).bodyJson().extractingPath("$.existingPatientId").isEqualTo(first);
            assertThat(again).bodyJson().extractingPath("$.field").isEqualTo("identifiers[0].value");
            assertThat(count()).isEqualTo(1);
        }

        @Test
        void aStrongCandidateNeedsRegisterAnywayWhichIsAudited() {
            String first = register(patient("Xoʻjayev", "Oʻtkir", "1985-03-12", "+998901234567", ""));

            MvcTestResult warned =
                    post(reception, "/api/v1/patients", patient("Khujaev", "Utkir", "1985-03-12", "+998935554433", ""));

            assertThat(warned).hasStatus(409);
            assertThat(warned).bodyJson().extractingPath("$.type").isEqualTo(TYPES + "possible-duplicate");
            assertThat(warned).bodyJson().extractingPath("$.candidates[0].id").isEqualTo(first);
            assertThat(auditCount("patient.duplicate_warning", "1", "shown1")).isEqualTo(1);
            assertThat(warned)
                    .bodyJson()
                    .extractingPath("$.candidates[0].score")
                    .asNumber()
                    .satisfies(score -> assertThat(score.intValue()).isGreaterThanOrEqualTo(70));
            assertThat(warned)
                    .bodyJson()
                    .extractingPath("$.candidates[0].reasons")
                    .asArray()
                    .contains("same birth date", "name 100 % similar");

            MvcTestResult anyway = post(
                    reception,
                    "/api/v1/patients",
                    patient("Khujaev", "Utkir", "1985-03-12", "+998935554433", ",\"registerAnyway\":true"));
            assertThat(anyway).hasStatus(201);
            assertThat(anyway).bodyJson().extractingPath("$.registeredAnyway").isEqualTo(true);
            assertThat(auditCount("patient.register", body(anyway).get("id").asString(), "registeredAnyway"))
                    .isEqualTo(1);
        }

        @Test
        void aRelativeSharingThePhoneIsNotAStrongCandidate() {
            register(patient("Karimov", "Anvar", "1960-01-01", "+998901234567", ""));
            assertThat(post(
                            reception,
                            "/api/v1/patients",
                            patient("Karimova", "Zuhra", "1988-09-09", "+998901234567", "")))
                    .hasStatus(201);
        }

        @Test
        void cashiersAndLabMayNotRegister() {
            String cashier = fixtures.bearer(fixtures.staff(clinic, Role.CASHIER));
            assertThat(post(cashier, "/api/v1/patients", patient("Ali", "Vali", "1985-03-12", "+998901234567", "")))
                    .hasStatus(403);
        }
    }

    @Nested
    class Searching {

        String utkir;
        String dilnoza;

        @BeforeEach
        void people() {
            utkir = register(patient(
                    "Xoʻjayev",
                    "Oʻtkir",
                    "1985-03-12",
                    "+998901234567",
                    ",\"identifiers\":[{\"type\":\"PINFL\",\"value\":\"31203850260019\"}]"));
            dilnoza = register(
                    """
                    {"familyName":"Karimova","givenName":"Dilnoza","patronymic":"Anvarovna","sex":"FEMALE",
                     "birthDate":"1990-01-02","phones":[{"number":"+998917654321"}]}
                    """);
            register(patient("Toshmatov", "Eshmat", "1975-06-06", "+998933334455", ""));
        }

        List<String> found(String query) {
            MvcTestResult result = mvc.get()
                    .uri("/api/v1/patients")
                    .param("q", query)
                    .header(HttpHeaders.AUTHORIZATION, reception)
                    .exchange();
            assertThat(result).hasStatus(200);
            List<String> ids = new java.util.ArrayList<>();
            body(result).get("items").forEach(item -> ids.add(item.get("id").asString()));
            return ids;
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"Xoʻjayev", "xojayev otkir", "Уткир Хужаев", "Utkir Khujaev", "Otkir", "khujaef", "xoja"})
        void findsANameHoweverItIsWritten(String query) {
            assertThat(found(query)).first().isEqualTo(utkir);
        }

        @Test
        void findsByPhoneSuffixAnyFormatIdentifierAndRecordNumber() {
            assertThat(found("4567")).contains(utkir).doesNotContain(dilnoza);
            assertThat(found("+998 (91) 765-43-21")).containsExactly(dilnoza);
            assertThat(found("31203850260019")).containsExactly(utkir);
            assertThat(found("SH-000002")).containsExactly(dilnoza);
            assertThat(found("Karimova Anvar")).first().isEqualTo(dilnoza);
        }

        @Test
        void pagesWithACursorAndFiltersByBirthDate() {
            register(patient("Aliyev", "Vali", "1970-05-05", "+998901111111", ""));
            register(patient("Aliyeva", "Zuhra", "1972-02-03", "+998901111112", ""));
            register(patient("Alimov", "Bek", "1999-12-31", "+998901111113", ""));
            MvcTestResult first = get(reception, "/api/v1/patients?q=ali&limit=2");
            JsonNode page = body(first);
            assertThat(page.get("items")).hasSize(2);
            String cursor = page.get("nextCursor").asString();
            JsonNode next = body(get(reception, "/api/v1/patients?q=ali&limit=2&cursor=" + cursor));
            assertThat(next.get("items")).hasSize(1);
            assertThat(next.get("nextCursor").isNull()).isTrue();

            assertThat(body(get(reception, "/api/v1/patients?birthDate=1990-01-02"))
                            .get("items"))
                    .singleElement()
                    .satisfies(item -> assertThat(item.get("id").asString()).isEqualTo(dilnoza));
        }

        @Test
        void aBadSearchIsAProblemNotAnError() {
            assertThat(get(reception, "/api/v1/patients")).hasStatus(400);
            assertThat(get(reception, "/api/v1/patients?q=x&cursor=%27%3B--")).hasStatus(400);
            assertThat(get(reception, "/api/v1/patients?q=x&limit=500")).hasStatus(400);
            assertThat(get(reception, "/api/v1/patients?q=x&birthDate=yesterday"))
                    .hasStatus(400);
        }
    }

    @Nested
    class ReadingAndEditing {

        @Test
        void readsAreAuditedAndEditsNeedTheCurrentVersion() {
            String id = register(
                    patient("Aliyev", "Vali", "1970-05-05", "+998901111111", ",\"notes\":\"allergy: penicillin\""));

            JsonNode read = body(get(reception, "/api/v1/patients/" + id));
            assertThat(read.get("notes").asString()).isEqualTo("allergy: penicillin");
            assertThat(auditCount("patient.read", id, null)).isEqualTo(1);

            String lab = fixtures.bearer(fixtures.staff(clinic, Role.LAB));
            assertThat(body(get(lab, "/api/v1/patients/" + id)).get("notes").isNull())
                    .isTrue();

            MvcTestResult edited = mvc.put()
                    .uri("/api/v1/patients/" + id)
                    .header(HttpHeaders.AUTHORIZATION, reception)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(patient("Aliyev", "Valijon", "1970-05-05", "+998901111111", ",\"version\":0"))
                    .exchange();
            assertThat(edited).hasStatus(200);
            assertThat(edited).bodyJson().extractingPath("$.givenName").isEqualTo("Valijon");
            assertThat(edited).bodyJson().extractingPath("$.version").isEqualTo(1);

            MvcTestResult stale = mvc.put()
                    .uri("/api/v1/patients/" + id)
                    .header(HttpHeaders.AUTHORIZATION, reception)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(patient("Aliyev", "Vali", "1970-05-05", "+998901111111", ",\"version\":0"))
                    .exchange();
            assertThat(stale).hasStatus(409);
            assertThat(auditCount("patient.update", id, null)).isEqualTo(1);
        }

        @Test
        void onlyAdminsDeleteAndADeletedRecordIsGoneFromReadsButKept() {
            String id = register(patient("Aliyev", "Vali", "1970-05-05", "+998901111111", ""));

            assertThat(mvc.delete()
                            .uri("/api/v1/patients/" + id)
                            .header(HttpHeaders.AUTHORIZATION, reception)
                            .exchange())
                    .hasStatus(403);
            assertThat(mvc.delete()
                            .uri("/api/v1/patients/" + id)
                            .header(HttpHeaders.AUTHORIZATION, admin)
                            .exchange())
                    .hasStatus(204);
            assertThat(get(reception, "/api/v1/patients/" + id)).hasStatus(404);
            assertThat(count()).isEqualTo(1);
        }
    }

    @Nested
    class Merging {

        @Test
        void mergeMovesReferencesAndUndoRestoresBothRecordsExactly() {
            String survivor = register(patient(
                    "Xoʻjayev",
                    "Oʻtkir",
                    "1985-03-12",
                    "+998901234567",
                    ",\"identifiers\":[{\"type\":\"UZ_PASSPORT\",\"value\":\"AA1234567\"}]"));
            String merged = register(patient(
                    "Khujaev",
                    "Utkir",
                    "1985-03-12",
                    "+998935554433",
                    ",\"registerAnyway\":true,\"email\":\"utkir@example.uz\","
                            + "\"identifiers\":[{\"type\":\"PINFL\",\"value\":\"31203850260019\"}]"));
            String reference = probe.add(new PatientId(UUID.fromString(merged)));
            String before = snapshot();

            MvcTestResult merge = post(
                    admin,
                    "/api/v1/patients/" + survivor + "/merge",
                    "{\"mergedId\":\"" + merged + "\",\"fieldChoices\":{\"email\":\"merged\"}}");

            assertThat(merge).hasStatus(200);
            String mergeId = body(merge).get("mergeId").asString();
            assertThat(probe.patientOf(reference)).hasToString(survivor);
            JsonNode kept = body(get(admin, "/api/v1/patients/" + survivor));
            assertThat(kept.get("email").asString()).isEqualTo("utkir@example.uz");
            assertThat(kept.get("phones")).hasSize(2);
            assertThat(kept.get("identifiers")).hasSize(2);
            JsonNode gone = body(get(admin, "/api/v1/patients/" + merged));
            assertThat(gone.get("status").asString()).isEqualTo("MERGED");
            assertThat(gone.get("mergedInto").asString()).isEqualTo(survivor);
            assertThat(found("31203850260019")).containsExactly(survivor);

            assertThat(post(admin, "/api/v1/patient-merges/" + mergeId + "/undo", ""))
                    .hasStatus(204);

            assertThat(probe.patientOf(reference)).hasToString(merged);
            assertThat(snapshot()).isEqualTo(before);
            assertThat(found("31203850260019")).containsExactly(merged);
            assertThat(post(admin, "/api/v1/patient-merges/" + mergeId + "/undo", ""))
                    .hasStatus(409);
            assertThat(auditCount("patient.merge", survivor, null)).isEqualTo(1);
            assertThat(auditCount("patient.unmerge", merged, null)).isEqualTo(1);
        }

        @Test
        void mergeRulesAreCheckedAndOnlyAdminsMerge() {
            String a = register(patient("Aliyev", "Vali", "1970-05-05", "+998901111111", ""));
            String b = register(patient(
                    "Boboyev",
                    "Sardor",
                    "1991-07-07",
                    "+998902222222",
                    ",\"identifiers\":[{\"type\":\"PINFL\",\"value\":\""
                            + Pinfl.of(Sex.MALE, LocalDate.of(1991, 7, 7), 1, 1) + "\"}]"));

            assertThat(post(reception, "/api/v1/patients/" + a + "/merge", "{\"mergedId\":\"" + b + "\"}"))
                    .hasStatus(403);
            assertThat(post(admin, "/api/v1/patients/" + a + "/merge", "{\"mergedId\":\"" + a + "\"}"))
                    .hasStatus(409);
            assertThat(post(
                            admin,
                            "/api/v1/patients/" + a + "/merge",
                            "{\"mergedId\":\"" + b + "\",\"fieldChoices\":{\"colour\":\"merged\"}}"))
                    .hasStatus(400);
            assertThat(post(
                            admin,
                            "/api/v1/patients/" + a + "/merge",
                            "{\"mergedId\":\"" + b + "\",\"fieldChoices\":{\"email\":null}}"))
                    .hasStatus(400);
            // the surviving birth date would contradict the PINFL taken from the other record
            MvcTestResult contradiction =
                    post(admin, "/api/v1/patients/" + a + "/merge", "{\"mergedId\":\"" + b + "\"}");
            assertThat(contradiction).hasStatus(400);
            assertThat(contradiction)
                    .bodyJson()
                    .extractingPath("$.errors[0].code")
                    .isEqualTo("pinfl-birth-date");
            assertThat(body(get(admin, "/api/v1/patients/" + b)).get("status").asString())
                    .isEqualTo("ACTIVE");
        }

        @Test
        void duplicatesListShowsLikelyPairsUntilMarkedDifferent() {
            String a = register(patient("Xoʻjayev", "Oʻtkir", "1985-03-12", "+998901234567", ""));
            String b = register(patient("Khujaev", "Utkir", "1985-03-12", "+998935554433", ",\"registerAnyway\":true"));
            register(patient("Toshmatov", "Eshmat", "1975-06-06", "+998933334455", ""));

            JsonNode list = body(get(admin, "/api/v1/patients/duplicates"));
            assertThat(list.get("items")).hasSize(1);
            assertThat(List.of(
                            list.get("items").get(0).get("first").get("id").asString(),
                            list.get("items").get(0).get("second").get("id").asString()))
                    .containsExactlyInAnyOrder(a, b);
            assertThat(get(reception, "/api/v1/patients/duplicates")).hasStatus(403);

            assertThat(post(admin, "/api/v1/patients/" + a + "/not-duplicate", "{\"otherId\":\"" + b + "\"}"))
                    .hasStatus(204);
            assertThat(body(get(admin, "/api/v1/patients/duplicates")).get("items"))
                    .isEmpty();
        }

        List<String> found(String query) {
            List<String> ids = new java.util.ArrayList<>();
            body(mvc.get()
                            .uri("/api/v1/patients")
                            .param("q", query)
                            .header(HttpHeaders.AUTHORIZATION, admin)
                            .exchange())
                    .get("items")
                    .forEach(item -> ids.add(item.get("id").asString()));
            return ids;
        }
    }

    @Nested
    class OtherOrganizations {

        @Test
        void everyRouteAnswers404ForAnotherOrganizationsPatient() {
            String id = register(patient(
                    "Aliyev",
                    "Vali",
                    "1970-05-05",
                    "+998901111111",
                    ",\"identifiers\":[{\"type\":\"UZ_PASSPORT\",\"value\":\"AB7654321\"}]"));
            String mine = register(patient("Boboyev", "Sardor", "1991-07-07", "+998902222222", ""));
            IdentityFixtures.Clinic other = fixtures.clinic();
            String otherAdmin = fixtures.bearer(fixtures.admin(other));

            assertThat(get(otherAdmin, "/api/v1/patients/" + id)).hasStatus(404);
            assertThat(mvc.put()
                            .uri("/api/v1/patients/" + id)
                            .header(HttpHeaders.AUTHORIZATION, otherAdmin)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(patient("Hacked", "Name", "1970-05-05", "+998901111111", ""))
                            .exchange())
                    .hasStatus(404);
            assertThat(mvc.delete()
                            .uri("/api/v1/patients/" + id)
                            .header(HttpHeaders.AUTHORIZATION, otherAdmin)
                            .exchange())
                    .hasStatus(404);
            assertThat(post(otherAdmin, "/api/v1/patients/" + id + "/merge", "{\"mergedId\":\"" + mine + "\"}"))
                    .hasStatus(404);
            assertThat(post(otherAdmin, "/api/v1/patients/" + id + "/not-duplicate", "{\"otherId\":\"" + mine + "\"}"))
                    .hasStatus(404);
            assertThat(body(get(otherAdmin, "/api/v1/patients?q=Aliyev")).get("items"))
                    .isEmpty();
            assertThat(body(get(otherAdmin, "/api/v1/patients?q=AB7654321")).get("items"))
                    .isEmpty();
            // the same identifier is free in another organization
            assertThat(post(
                            otherAdmin,
                            "/api/v1/patients",
                            patient(
                                    "Aliyev",
                                    "Vali",
                                    "1970-05-05",
                                    "+998901111111",
                                    ",\"identifiers\":[{\"type\":\"UZ_PASSPORT\",\"value\":\"AB7654321\"}]")))
                    .hasStatus(201);

            String merge = body(post(admin, "/api/v1/patients/" + id + "/merge", "{\"mergedId\":\"" + mine + "\"}"))
                    .get("mergeId")
                    .asString();
            assertThat(post(otherAdmin, "/api/v1/patient-merges/" + merge + "/undo", ""))
                    .hasStatus(404);
            assertThat(body(get(reception, "/api/v1/patients/" + id))
                            .get("givenName")
                            .asString())
                    .isEqualTo("Vali");
        }
    }

    long count() {
        try (var connection = TestDatabase.get().connectAsSuperuser();
                var statement =
                        connection.prepareStatement("SELECT count(*) FROM patients.patients WHERE tenant_id = ?")) {
            statement.setObject(1, clinic.tenantId().value());
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long auditCount(String action, String target, @org.jspecify.annotations.Nullable String detailKey) {
        String sql = "SELECT count(*) FROM audit.entries WHERE action = ? AND target_id = ?"
                + (detailKey == null ? "" : " AND details ->> '" + detailKey + "' IS NOT NULL");
        try (var connection = TestDatabase.get().connectAsSuperuser();
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, action);
            statement.setString(2, target);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String snapshot() {
        String sql =
                """
                SELECT string_agg(t, '|' ORDER BY t) FROM (
                  SELECT (to_jsonb(p) - 'version' - 'updated_at')::text AS t FROM patients.patients p
                  UNION ALL SELECT to_jsonb(ph)::text FROM patients.phones ph
                  UNION ALL SELECT to_jsonb(i)::text FROM patients.identifiers i) all_rows
                """;
        try (var connection = TestDatabase.get().connectAsSuperuser();
                var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
