package org.shifo.clinical.lab.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.shifo.clinical.LabFlag;
import org.shifo.clinical.LabResultProbe;
import org.shifo.identity.Role;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class LabResultApiIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    @Autowired
    LabResultProbe probe;

    @Autowired
    Clock clock;

    @Autowired
    org.shifo.terminology.lab.StarterCatalogue starter;

    ApiCalls api;
    IdentityFixtures.Clinic clinic;
    String lab;
    String doctor;
    String nurse;
    String patientId;
    String patientUrl;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        lab = fixtures.bearer(fixtures.staff(clinic, Role.LAB));
        doctor = fixtures.bearer(fixtures.staff(clinic, Role.DOCTOR));
        nurse = fixtures.bearer(fixtures.staff(clinic, Role.NURSE));
        patientId = registerPatient(clinic, "MALE", "1980-01-15");
        patientUrl = "/api/v1/patients/" + patientId + "/lab-results";
    }

    String registerPatient(IdentityFixtures.Clinic clinic, String sex, String birthDate) {
        String reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        MvcTestResult result = api.post(
                reception,
                "/api/v1/patients",
                """
                {"familyName":"Karimov","givenName":"Aziz","sex":"%s","birthDate":"%s",
                 "phones":[{"number":"+998901234567","primary":true}],"registerAnyway":true}
                """
                        .formatted(sex, birthDate));
        assertThat(result).hasStatus(201);
        return api.body(result).get("id").asString();
    }

    String yesterday() {
        return clock.instant().minus(Duration.ofDays(1)).toString();
    }

    MvcTestResult record(String token, String testCode, String value, String unit, String collectedAt) {
        return api.post(
                token,
                patientUrl,
                """
                {"testCode":"%s","value":%s,"unit":"%s","collectedAt":"%s"}
                """
                        .formatted(testCode, value, unit, collectedAt));
    }

    long stored() {
        return TestDatabase.get()
                .count(
                        "SELECT count(*) FROM clinical.lab_results WHERE tenant_id = ?",
                        clinic.tenantId().value());
    }

    JsonNode problem(MvcTestResult result, int status) {
        assertThat(result).hasStatus(status);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        return api.body(result);
    }

    @Nested
    class Releasing {

        @Test
        void aDoctorReleasesTheResultsOnceAndThePatientIsToldOnce() {
            String first = api.body(record(lab, "718-7", "125", "g/L", yesterday()))
                    .get("id")
                    .asString();
            String second = api.body(record(lab, "718-7", "150", "g/L", yesterday()))
                    .get("id")
                    .asString();
            int before = probe.releases().size();

            MvcTestResult released = api.post(doctor, patientUrl + "/release", "{\"resultIds\":[\"" + first + "\"]}");
            assertThat(released).hasStatus(200);
            assertThat(api.body(released).get("released")).hasSize(1);
            assertThat(api.body(released).get("released").get(0).asString()).isEqualTo(first);

            MvcTestResult rest = api.post(doctor, patientUrl + "/release", "{}");
            assertThat(api.body(rest).get("released")).hasSize(1);
            assertThat(api.body(rest).get("released").get(0).asString()).isEqualTo(second);

            MvcTestResult again = api.post(doctor, patientUrl + "/release", "{}");
            assertThat(again).hasStatus(200);
            assertThat(api.body(again).get("released")).isEmpty();

            var releases = probe.releases().subList(before, probe.releases().size());
            assertThat(releases).hasSize(2);
            assertThat(releases.get(0).resultIds()).containsExactly(UUID.fromString(first));
            assertThat(releases.get(0).patient().value()).isEqualTo(UUID.fromString(patientId));
            JsonNode listed = api.body(api.get(doctor, patientUrl));
            for (JsonNode result : listed) {
                assertThat(result.get("releasedAt").isNull()).isFalse();
                assertThat(result.get("releasedBy").isNull()).isFalse();
            }
        }

        @Test
        void onlyADoctorReleasesAndOnlyThePatientsOwnResults() {
            String id = api.body(record(lab, "718-7", "125", "g/L", yesterday()))
                    .get("id")
                    .asString();
            assertThat(api.post(lab, patientUrl + "/release", "{}")).hasStatus(403);
            assertThat(api.post(nurse, patientUrl + "/release", "{}")).hasStatus(403);

            String other = registerPatient(clinic, "FEMALE", "1990-02-02");
            JsonNode refused = problem(
                    api.post(
                            doctor,
                            "/api/v1/patients/" + other + "/lab-results/release",
                            "{\"resultIds\":[\"" + id + "\"]}"),
                    400);
            assertThat(refused.get("errors").get(0).get("field").asString()).isEqualTo("resultIds");
            assertThat(refused.get("errors").get(0).get("code").asString()).isEqualTo("not-a-result");
            assertThat(problem(api.post(doctor, patientUrl + "/release", "{\"resultIds\":[\"x\"]}"), 400)
                            .get("errors")
                            .get(0)
                            .get("code")
                            .asString())
                    .isEqualTo("not-a-result");
            assertThat(TestDatabase.get()
                            .count(
                                    "SELECT count(*) FROM clinical.lab_results WHERE tenant_id = ? AND released_at IS NOT NULL",
                                    clinic.tenantId().value()))
                    .isZero();

            IdentityFixtures.Clinic elsewhere = fixtures.clinic();
            String stranger = fixtures.bearer(fixtures.staff(elsewhere, Role.DOCTOR));
            assertThat(api.post(stranger, patientUrl + "/release", "{}")).hasStatus(404);
        }
    }

    @Nested
    class Recording {

        @Test
        void recordsAResultWithItsFlagAndTheRangeUsed() {
            MvcTestResult result = record(lab, "718-7", "125", "g/L", yesterday());

            assertThat(result).hasStatus(201);
            JsonNode body = api.body(result);
            assertThat(body.get("testCode").asString()).isEqualTo("718-7");
            assertThat(body.get("value").decimalValue()).isEqualByComparingTo("125");
            assertThat(body.get("unit").asString()).isEqualTo("g/L");
            assertThat(body.get("valueInCatalogueUnit").decimalValue()).isEqualByComparingTo("125");
            assertThat(body.get("flag").asString()).isEqualTo("L");
            assertThat(body.get("critical").asBoolean()).isFalse();
            JsonNode range = body.get("referenceRange");
            assertThat(range.get("low").decimalValue()).isEqualByComparingTo("130");
            assertThat(range.get("high").decimalValue()).isEqualByComparingTo("170");
            assertThat(range.get("sex").asString()).isEqualTo("MALE");
            assertThat(range.get("source").asString()).contains("Dacie and Lewis");
            assertThat(range.get("replaceWithLaboratoryRanges").asBoolean()).isTrue();
            assertThat(body.get("source").asString()).isEqualTo("API");
            assertThat(result.getResponse().getHeader("Location"))
                    .endsWith(patientUrl + "/" + body.get("id").asString());
        }

        @Test
        void convertsAValueInAnotherUnitAndKeepsWhatWasEntered() {
            MvcTestResult result = record(doctor, "2345-7", "126", "mg/dl", yesterday());

            assertThat(result).hasStatus(201);
            JsonNode body = api.body(result);
            assertThat(body.get("testCode").asString()).isEqualTo("14749-6");
            assertThat(body.get("value").decimalValue()).isEqualByComparingTo("126");
            assertThat(body.get("unit").asString()).isEqualTo("mg/dL");
            assertThat(body.get("valueInCatalogueUnit").decimalValue()).isEqualByComparingTo("6.99426");
            assertThat(body.get("catalogueUnit").asString()).isEqualTo("mmol/L");
            assertThat(body.get("flag").asString()).isEqualTo("H");
        }

        @Test
        void flagsACriticalValueAndAnnouncesItAfterCommit() {
            MvcTestResult result = record(lab, "2823-3", "6.8", "mmol/L", yesterday());

            assertThat(result).hasStatus(201);
            JsonNode body = api.body(result);
            assertThat(body.get("flag").asString()).isEqualTo("HH");
            assertThat(body.get("critical").asBoolean()).isTrue();
            UUID id = UUID.fromString(body.get("id").asString());
            assertThat(probe.heard())
                    .filteredOn(event -> event.resultId().equals(id))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.tenant()).isEqualTo(clinic.tenantId());
                        assertThat(event.patient().value().toString()).isEqualTo(patientId);
                        assertThat(event.testCode()).isEqualTo("2823-3");
                        assertThat(event.flag()).isEqualTo(LabFlag.HH);
                        assertThat(event.critical()).isTrue();
                        assertThat(event.collectedAt())
                                .isEqualTo(Instant.parse(body.get("collectedAt").asString()));
                    });
        }

        @Test
        void auditsTheRecordAndTheRead() {
            assertThat(record(lab, "718-7", "150", "g/L", yesterday())).hasStatus(201);
            assertThat(api.get(doctor, patientUrl)).hasStatus(200);

            assertThat(TestDatabase.get()
                            .count(
                                    "SELECT count(*) FROM audit.entries WHERE tenant_id = ? AND action = 'lab_result.record'",
                                    clinic.tenantId().value()))
                    .isEqualTo(1);
            assertThat(TestDatabase.get()
                            .count(
                                    "SELECT count(*) FROM audit.entries WHERE tenant_id = ? AND action = 'lab_result.list'"
                                            + " AND target_id = ?",
                                    clinic.tenantId().value(),
                                    patientId))
                    .isEqualTo(1);
        }

        @Test
        void listsNewestFirstAndOneTestsSeriesByCodeOrAlias() {
            Instant now = clock.instant();
            assertThat(record(
                            lab,
                            "14749-6",
                            "5.0",
                            "mmol/L",
                            now.minus(Duration.ofDays(30)).toString()))
                    .hasStatus(201);
            assertThat(record(
                            lab,
                            "718-7",
                            "140",
                            "g/L",
                            now.minus(Duration.ofDays(20)).toString()))
                    .hasStatus(201);
            assertThat(record(
                            lab,
                            "14749-6",
                            "6.1",
                            "mmol/L",
                            now.minus(Duration.ofDays(10)).toString()))
                    .hasStatus(201);

            JsonNode all = api.body(api.get(nurse, patientUrl));
            JsonNode glucose = api.body(api.get(doctor, patientUrl + "?testCode=2345-7"));

            assertThat(all).hasSize(3);
            assertThat(all.get(0).get("value").decimalValue()).isEqualByComparingTo("6.1");
            assertThat(all.get(2).get("value").decimalValue()).isEqualByComparingTo("5.0");
            assertThat(glucose).hasSize(2);
            assertThat(glucose.get(0).get("flag").asString()).isEqualTo("H");
            assertThat(glucose.get(1).get("flag").asString()).isEqualTo("N");
        }

        @Test
        void comparesAWomanWithTheWomensRange() {
            patientId = registerPatient(clinic, "FEMALE", "1990-05-01");
            patientUrl = "/api/v1/patients/" + patientId + "/lab-results";

            JsonNode body = api.body(record(lab, "718-7", "125", "g/L", yesterday()));

            assertThat(body.get("flag").asString()).isEqualTo("N");
            assertThat(body.get("referenceRange").get("sex").asString()).isEqualTo("FEMALE");
        }
    }

    @Nested
    class BadInput {

        @Test
        void refusesAnUnknownTestCodeWithSuggestions() {
            JsonNode body = problem(record(lab, "718-8", "125", "g/L", yesterday()), 400);

            assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("testCode");
            assertThat(body.get("errors").get(0).get("code").asString()).isEqualTo("unknown-test-suggest");
            assertThat(body.get("suggestions").get(0).get("code").asString()).isEqualTo("718-7");
            assertThat(stored()).isZero();
        }

        @Test
        void refusesAUnitThatIsNeitherPermittedNorConvertibleListingThePermittedOnes() {
            JsonNode body = problem(record(lab, "718-7", "125", "mmol/L", yesterday()), 400);

            assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("unit");
            assertThat(body.get("errors").get(0).get("code").asString()).isEqualTo("unit-not-permitted");
            assertThat(body.get("permittedUnits").valueStream().map(JsonNode::asString))
                    .containsExactly("g/L", "g/dL");
            assertThat(body.get("errors").get(0).get("message").asString()).contains("g/L, g/dL");
            assertThat(stored()).isZero();
        }

        @Test
        void refusesAValueOfTheWrongType() {
            JsonNode text = problem(record(lab, "718-7", "\"positive\"", "g/L", yesterday()), 400);
            JsonNode object = problem(record(lab, "718-7", "{\"v\":1}", "g/L", yesterday()), 400);

            assertThat(text.get("errors").get(0).get("code").asString()).isEqualTo("not-a-number");
            assertThat(object.get("errors").get(0).get("field").asString()).isEqualTo("value");
            assertThat(stored()).isZero();
        }

        @Test
        void acceptsANumberWrittenAsText() {
            assertThat(record(lab, "718-7", "\"135,5\"", "g/L", yesterday())).hasStatus(201);
        }

        @Test
        void refusesAPhysicallyImpossibleValue() {
            JsonNode negative = problem(record(lab, "14749-6", "-1.2", "mmol/L", yesterday()), 400);
            JsonNode overHundredPercent = problem(record(lab, "4548-4", "101", "%", yesterday()), 400);

            assertThat(negative.get("errors").get(0).get("code").asString()).isEqualTo("negative");
            assertThat(overHundredPercent.get("errors").get(0).get("code").asString())
                    .isEqualTo("impossible");
            assertThat(stored()).isZero();
        }

        @Test
        void refusesACollectionInTheFutureOrBeforeBirth() {
            JsonNode future = problem(
                    record(
                            lab,
                            "718-7",
                            "140",
                            "g/L",
                            clock.instant().plus(Duration.ofHours(1)).toString()),
                    400);
            JsonNode beforeBirth = problem(record(lab, "718-7", "140", "g/L", "1979-12-31T10:00:00+05:00"), 400);
            JsonNode malformed = problem(record(lab, "718-7", "140", "g/L", "yesterday"), 400);

            assertThat(future.get("errors").get(0).get("code").asString()).isEqualTo("in-the-future");
            assertThat(beforeBirth.get("errors").get(0).get("code").asString()).isEqualTo("before-birth");
            assertThat(malformed.get("errors").get(0).get("code").asString()).isEqualTo("malformed-moment");
            assertThat(stored()).isZero();
        }

        @Test
        void namesEveryMissingFieldAtOnceInTheCallersLanguage() {
            MvcTestResult result = mvc.post()
                    .uri(patientUrl)
                    .header("Authorization", lab)
                    .header("Accept-Language", "ru")
                    .contentType("application/json")
                    .content("{}")
                    .exchange();

            JsonNode body = problem(result, 400);
            assertThat(body.get("errors").valueStream().map(e -> e.get("field").asString()))
                    .contains("testCode", "value", "collectedAt");
            assertThat(body.get("errors").get(0).get("message").asString()).isEqualTo("обязательное поле");
        }

        @Test
        void refusesAnEncounterThatIsNotThePatients() {
            MvcTestResult result = api.post(
                    lab,
                    patientUrl,
                    """
                    {"testCode":"718-7","value":140,"unit":"g/L","collectedAt":"%s","encounterId":"%s"}
                    """
                            .formatted(yesterday(), UUID.randomUUID()));

            JsonNode body = problem(result, 400);
            assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("encounterId");
            assertThat(stored()).isZero();
        }

        @Test
        void answers404ForAnUnknownPatient() {
            patientUrl = "/api/v1/patients/" + UUID.randomUUID() + "/lab-results";

            problem(record(lab, "718-7", "140", "g/L", yesterday()), 404);
            problem(api.get(doctor, patientUrl), 404);
        }
    }

    @Nested
    class TenantsAndRoles {

        @Test
        void answers404ForAnotherClinicsPatientAndStoresNothing() {
            IdentityFixtures.Clinic other = fixtures.clinic();
            String otherLab = fixtures.bearer(fixtures.staff(other, Role.LAB));
            assertThat(record(lab, "718-7", "140", "g/L", yesterday())).hasStatus(201);

            problem(record(otherLab, "718-7", "140", "g/L", yesterday()), 404);
            problem(api.get(otherLab, patientUrl), 404);
            assertThat(stored()).isEqualTo(1);
        }

        @Test
        void givesEachClinicItsOwnCatalogue() {
            IdentityFixtures.Clinic other = fixtures.clinic();
            String otherLab = fixtures.bearer(fixtures.staff(other, Role.LAB));
            String otherPatient = registerPatient(other, "MALE", "1980-01-15");

            assertThat(api.post(
                            otherLab,
                            "/api/v1/patients/" + otherPatient + "/lab-results",
                            "{\"testCode\":\"718-7\",\"value\":140,\"unit\":\"g/L\",\"collectedAt\":\"%s\"}"
                                    .formatted(yesterday())))
                    .hasStatus(201);
            assertThat(TestDatabase.get()
                            .count(
                                    "SELECT count(*) FROM terminology.lab_tests WHERE tenant_id = ?",
                                    other.tenantId().value()))
                    .isEqualTo(starter.tests().size());
        }

        @Test
        void letsOnlyTheLaboratoryAndDoctorsRecord() {
            String admin = fixtures.bearer(fixtures.admin(clinic));
            String reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));

            assertThat(record(nurse, "718-7", "140", "g/L", yesterday())).hasStatus(403);
            assertThat(record(admin, "718-7", "140", "g/L", yesterday())).hasStatus(403);
            assertThat(record(reception, "718-7", "140", "g/L", yesterday())).hasStatus(403);
            assertThat(stored()).isZero();
        }

        @Test
        void keepsResultsFromReceptionistsAndCashiers() {
            String reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
            String cashier = fixtures.bearer(fixtures.staff(clinic, Role.CASHIER));
            String admin = fixtures.bearer(fixtures.admin(clinic));

            assertThat(api.get(reception, patientUrl)).hasStatus(403);
            assertThat(api.get(cashier, patientUrl)).hasStatus(403);
            assertThat(api.get(admin, patientUrl)).hasStatus(200);
            assertThat(api.get(lab, patientUrl)).hasStatus(200);
        }

        @Test
        void refusesAnonymousCallers() {
            assertThat(mvc.get().uri(patientUrl).exchange()).hasStatus(401);
        }
    }
}
