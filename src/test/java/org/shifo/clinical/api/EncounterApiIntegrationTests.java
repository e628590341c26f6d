package org.shifo.clinical.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class EncounterApiIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    TestDatabase database = TestDatabase.get();

    ApiCalls api;

    @Autowired
    Clock clock;

    IdentityFixtures.Clinic clinic;
    Staff doctor;
    String doctorToken;
    String reception;
    String patientId;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        doctor = fixtures.staff(clinic, Role.DOCTOR);
        doctorToken = fixtures.bearer(doctor);
        reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        patientId = patient(reception, "1985-03-14");
    }

    private String patient(String token, String birthDate) {
        MvcTestResult result = api.post(
                token,
                "/api/v1/patients",
                """
                {"familyName":"Karimova","givenName":"Dilnoza","sex":"FEMALE","birthDate":"%s",
                 "phones":[{"number":"+998901234567","primary":true}],"registerAnyway":true}
                """
                        .formatted(birthDate));
        assertThat(result).hasStatus(201);
        return api.body(result).get("id").asString();
    }

    private JsonNode open() {
        MvcTestResult result = api.post(
                doctorToken,
                "/api/v1/encounters",
                "{\"patientId\":\"%s\",\"practitionerId\":\"%s\"}"
                        .formatted(patientId, doctor.userId().value()));
        assertThat(result).hasStatus(201);
        return api.body(result);
    }

    private MvcTestResult diagnose(String encounter, String code, String kind) {
        return api.post(
                doctorToken,
                "/api/v1/encounters/" + encounter + "/diagnoses",
                "{\"system\":\"ICD-10\",\"code\":\"%s\",\"kind\":\"%s\",\"status\":\"CONFIRMED\"}"
                        .formatted(code, kind));
    }

    @Test
    void opensAnEncounterAndWritesItsNoteFromATemplate() {
        JsonNode encounter = open();
        String id = encounter.get("id").asString();

        assertThat(encounter.get("status").asString()).isEqualTo("OPEN");
        assertThat(encounter.get("branchId").asString())
                .isEqualTo(clinic.branchId().value().toString());
        MvcTestResult written = api.put(
                doctorToken,
                "/api/v1/encounters/" + id + "/notes",
                "{\"complaints\":\"Itchy rash on both forearms for **two weeks**\",\"template\":\"dermatology\"}");

        assertThat(written).hasStatus(200);
        JsonNode notes = api.body(written).get("notes");
        assertThat(notes.get("complaints").asString()).isEqualTo("Itchy rash on both forearms for **two weeks**");
        assertThat(notes.get("dermatologicalStatus").asString()).isNotBlank();
        assertThat(api.body(written).get("template").asString()).isEqualTo("dermatology");
        assertThat(database.count(
                        "SELECT count(*) FROM audit.entries WHERE action = 'encounter.notes' AND target_id = ?", id))
                .isEqualTo(1);
    }

    @Test
    void refusesImpossibleVitalsNamingTheAllowedRangeAndStoresNothing() {
        String id = open().get("id").asString();

        MvcTestResult refused = api.post(
                doctorToken,
                "/api/v1/encounters/" + id + "/vitals",
                "{\"temperatureC\":52.0,\"pulse\":80,\"systolic\":120,\"diastolic\":130}");

        assertThat(refused).hasStatus(422);
        JsonNode problem = api.body(refused);
        assertThat(problem.get("errors").toString())
                .contains("temperatureC")
                .contains("30–45 °C")
                .contains("diastolic");
        assertThat(database.count("SELECT count(*) FROM clinical.vitals WHERE encounter_id = ?::uuid", id))
                .isZero();
    }

    @Test
    void flagsAbnormalVitalsAndComputesTheBmi() {
        String id = open().get("id").asString();

        MvcTestResult recorded = api.post(
                doctorToken,
                "/api/v1/encounters/" + id + "/vitals",
                "{\"temperatureC\":38.6,\"pulse\":112,\"systolic\":165,\"diastolic\":95,\"spo2\":97,"
                        + "\"weightKg\":82,\"heightCm\":170}");

        assertThat(recorded).hasStatus(201);
        JsonNode vitals = api.body(recorded);
        assertThat(vitals.get("bmi").decimalValue()).isEqualByComparingTo("28.4");
        assertThat(vitals.get("flags").findValuesAsString("code"))
                .containsExactlyInAnyOrder("fever", "tachycardia", "hypertension-grade-2", "overweight");
        assertThat(vitals.get("flags").get(0).get("message").asString()).isNotBlank();
    }

    @Test
    void answersVitalFlagsInTheCallersLanguage() {
        String id = open().get("id").asString();

        MvcTestResult recorded = mvc.post()
                .uri("/api/v1/encounters/" + id + "/vitals")
                .header(HttpHeaders.AUTHORIZATION, doctorToken)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ru")
                .contentType("application/json")
                .content("{\"temperatureC\":38.6}")
                .exchange();

        assertThat(recorded).hasStatus(201);
        assertThat(api.body(recorded).get("flags").get(0).get("message").asString())
                .contains("лихорадка");
    }

    @Test
    void closesOnlyWithAPrimaryDiagnosisThenRefusesChangesButAcceptsAnAmendment() {
        String id = open().get("id").asString();
        assertThat(api.post(doctorToken, "/api/v1/encounters/" + id + "/close", "{}"))
                .hasStatus(409);

        MvcTestResult dx = diagnose(id, "l20.8", "PRIMARY");
        assertThat(dx).hasStatus(201);
        assertThat(api.body(dx).get("code").asString()).isEqualTo("L20.8");
        assertThat(diagnose(id, "L30.9", "PRIMARY")).hasStatus(409);
        assertThat(diagnose(id, "L30.9", "SECONDARY")).hasStatus(201);
        api.put(doctorToken, "/api/v1/encounters/" + id + "/notes", "{\"plan\":\"Emollients twice a day\"}");

        MvcTestResult closed = api.post(doctorToken, "/api/v1/encounters/" + id + "/close", "{}");
        assertThat(closed).hasStatus(200);
        assertThat(api.body(closed).get("status").asString()).isEqualTo("CLOSED");
        assertThat(database.count(
                        "SELECT count(*) FROM audit.entries WHERE action = 'encounter.close' AND target_id = ?", id))
                .isEqualTo(1);

        assertThat(api.put(doctorToken, "/api/v1/encounters/" + id + "/notes", "{\"plan\":\"changed\"}"))
                .hasStatus(409);
        assertThat(api.post(doctorToken, "/api/v1/encounters/" + id + "/amend", "{\"plan\":\"no reason\"}"))
                .hasStatus(400);
        String otherDoctor = fixtures.bearer(fixtures.staff(clinic, Role.DOCTOR));
        assertThat(api.post(otherDoctor, "/api/v1/encounters/" + id + "/amend", "{\"plan\":\"x\",\"reason\":\"typo\"}"))
                .hasStatus(403);

        MvcTestResult amended = api.post(
                doctorToken,
                "/api/v1/encounters/" + id + "/amend",
                "{\"plan\":\"Emollients three times a day\",\"reason\":\"dose corrected\"}");
        assertThat(amended).hasStatus(200);
        assertThat(api.body(amended).get("version").asInt()).isEqualTo(2);
        JsonNode versions = api.body(api.get(doctorToken, "/api/v1/encounters/" + id + "/versions"));
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).get("notes").get("plan").asString()).isEqualTo("Emollients twice a day");
        assertThat(versions.get(0).get("reason").asString()).isEqualTo("dose corrected");
    }

    @Test
    void refusesAMalformedCodeAndAnUnknownSystem() {
        String id = open().get("id").asString();

        MvcTestResult malformed = diagnose(id, "XYZ", "PRIMARY");
        assertThat(malformed).hasStatus(422);
        assertThat(api.body(malformed).get("verdict").asString()).isEqualTo("MALFORMED");

        MvcTestResult system = api.post(
                doctorToken,
                "/api/v1/encounters/" + id + "/diagnoses",
                "{\"system\":\"SNOMED-XYZ\",\"code\":\"A00.0\",\"kind\":\"PRIMARY\"}");
        assertThat(system).hasStatus(400);
        assertThat(api.body(system).get("errors").get(0).get("field").asString())
                .isEqualTo("system");
        assertThat(database.count("SELECT count(*) FROM clinical.diagnoses WHERE encounter_id = ?::uuid", id))
                .isZero();
    }

    @Test
    void pagesAChartNewestFirst() {
        for (int i = 0; i < 3; i++) {
            MvcTestResult result = api.post(
                    doctorToken,
                    "/api/v1/encounters",
                    "{\"patientId\":\"%s\",\"practitionerId\":\"%s\"}"
                            .formatted(patientId, doctor.userId().value()));
            assertThat(result).hasStatus(201);
        }

        JsonNode newest = api.body(api.get(doctorToken, "/api/v1/encounters?patientId=" + patientId + "&limit=1"));
        String encounter = newest.get("items").get(0).get("id").asString();
        assertThat(api.post(
                        doctorToken,
                        "/api/v1/patients/" + patientId + "/lab-results",
                        """
                        {"testCode":"718-7","value":95,"unit":"g/L","collectedAt":"%s","encounterId":"%s"}
                        """
                                .formatted(clock.instant().minusSeconds(3600), encounter)))
                .hasStatus(201);

        JsonNode first = api.body(api.get(doctorToken, "/api/v1/encounters?patientId=" + patientId + "&limit=2"));
        assertThat(first.get("items")).hasSize(2);
        // the chart shows each encounter with the lab results recorded with it
        JsonNode labs = first.get("items").get(0).get("labResults");
        assertThat(labs).hasSize(1);
        assertThat(labs.get(0).get("testCode").asString()).isEqualTo("718-7");
        assertThat(labs.get(0).get("flag").asString()).isEqualTo("L");
        assertThat(first.get("items").get(1).get("labResults")).isEmpty();
        assertThat(first.get("items").get(0).get("practitionerName").asString()).isNotBlank();
        JsonNode second = api.body(api.get(
                doctorToken,
                "/api/v1/encounters?patientId=" + patientId + "&limit=2&before="
                        + first.get("next").asString()));
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("next").isNull()).isTrue();
    }

    @Test
    void keepsClinicalContentFromReceptionCashiersAndTheLaboratory() {
        String id = open().get("id").asString();

        assertThat(api.get(reception, "/api/v1/encounters/" + id)).hasStatus(403);
        assertThat(api.get(fixtures.bearer(fixtures.staff(clinic, Role.CASHIER)), "/api/v1/encounters/" + id))
                .hasStatus(403);
        assertThat(api.get(fixtures.bearer(fixtures.staff(clinic, Role.LAB)), "/api/v1/encounters/" + id))
                .hasStatus(403);
        String nurse = fixtures.bearer(fixtures.staff(clinic, Role.NURSE));
        assertThat(api.get(nurse, "/api/v1/encounters/" + id)).hasStatus(200);
        assertThat(api.post(nurse, "/api/v1/encounters/" + id + "/vitals", "{\"pulse\":70}"))
                .hasStatus(201);
        assertThat(api.put(nurse, "/api/v1/encounters/" + id + "/notes", "{\"plan\":\"x\"}"))
                .hasStatus(403);
    }

    @Test
    void hidesAnotherClinicsEncounter() {
        String id = open().get("id").asString();
        IdentityFixtures.Clinic other = fixtures.clinic();
        String stranger = fixtures.bearer(fixtures.staff(other, Role.DOCTOR));

        assertThat(api.get(stranger, "/api/v1/encounters/" + id)).hasStatus(404);
        assertThat(api.put(stranger, "/api/v1/encounters/" + id + "/notes", "{\"plan\":\"x\"}"))
                .hasStatus(404);
        assertThat(api.post(stranger, "/api/v1/encounters/" + id + "/vitals", "{\"pulse\":70}"))
                .hasStatus(404);
        assertThat(api.get(stranger, "/api/v1/encounters?patientId=" + patientId))
                .hasStatus(404);
    }

    @Test
    void opensTheEncounterWhenTheDoctorStartsAQueueTicket() {
        MvcTestResult queue = api.post(
                reception,
                "/api/v1/queues",
                "{\"branchId\":\"%s\",\"practitionerId\":\"%s\"}"
                        .formatted(clinic.branchId().value(), doctor.userId().value()));
        String queueId = api.body(queue).get("id").asString();
        String ticket = api.body(api.post(
                        reception,
                        "/api/v1/queues/" + queueId + "/tickets",
                        "{\"patientId\":\"%s\",\"priority\":\"WALK_IN\"}".formatted(patientId)))
                .get("id")
                .asString();
        assertThat(api.post(doctorToken, "/api/v1/queues/" + queueId + "/call-next", "{\"room\":\"5\"}"))
                .hasStatus(200);

        assertThat(api.post(doctorToken, "/api/v1/tickets/" + ticket + "/start", "{}"))
                .hasStatus(200);

        JsonNode chart = api.body(api.get(doctorToken, "/api/v1/encounters?patientId=" + patientId));
        assertThat(chart.get("items")).hasSize(1);
        assertThat(chart.get("items").get(0).get("ticketId").asString()).isEqualTo(ticket);
        assertThat(chart.get("items").get(0).get("practitionerId").asString())
                .isEqualTo(doctor.userId().value().toString());
    }
}
