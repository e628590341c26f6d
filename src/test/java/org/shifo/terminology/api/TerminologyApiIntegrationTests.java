package org.shifo.terminology.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.terminology.TerminologyFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class TerminologyApiIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    ApiCalls api;
    TerminologyFixtures files;
    IdentityFixtures.Clinic clinic;
    String admin;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        files = new TerminologyFixtures(mvc, json);
        clinic = fixtures.clinic();
        admin = fixtures.bearer(fixtures.admin(clinic));
    }

    List<String> codes(String token, String query) {
        MvcTestResult result = api.get(token, "/api/v1/terminology/search?" + query);
        assertThat(result).hasStatusOk();
        return StreamSupport.stream(api.body(result).spliterator(), false)
                .map(node -> node.get("code").asString())
                .toList();
    }

    @Nested
    class Importing {

        @Test
        void importsTheMkb10CsvInTheBackgroundAndReportsProgressAndCounts() {
            MvcTestResult accepted = files.upload(
                    admin, "mkb10.csv", TerminologyFixtures.sample("mkb10-sample.csv"), "format", "MKB10_NSI_CSV");

            assertThat(accepted).hasStatus(202);
            JsonNode queued = api.body(accepted);
            assertThat(accepted.getResponse().getHeader("Location"))
                    .isEqualTo("/api/v1/terminology/imports/" + queued.get("id").asString());
            assertThat(queued.get("status").asString()).isIn("QUEUED", "RUNNING", "SUCCEEDED");
            assertThat(queued.get("format").asString()).isEqualTo("MKB10_NSI_CSV");
            assertThat(queued.get("fileName").asString()).isEqualTo("mkb10.csv");

            JsonNode done = files.awaitFinished(admin, queued.get("id").asString());
            assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("processed").asInt()).isEqualTo(46);
            assertThat(done.get("total").asInt()).isEqualTo(46);
            assertThat(done.get("percent").asInt()).isEqualTo(100);
            assertThat(done.get("added").asInt()).isEqualTo(46);
            assertThat(done.get("updated").asInt()).isZero();
            assertThat(done.get("retired").asInt()).isZero();
            assertThat(done.get("system").asString()).isEqualTo("http://hl7.org/fhir/sid/icd-10");

            JsonNode list = api.body(api.get(admin, "/api/v1/terminology/imports"));
            assertThat(list).hasSize(1);
        }

        @Test
        void importingTheSameFileTwiceChangesNothingTheSecondTime() {
            files.importSample(admin, "mkb10-sample.csv", "MKB10_NSI_CSV");

            JsonNode again = files.importSample(admin, "mkb10-sample.csv", "MKB10_NSI_CSV");

            assertThat(again.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(again.get("added").asInt()).isZero();
            assertThat(again.get("updated").asInt()).isZero();
            assertThat(again.get("retired").asInt()).isZero();
        }

        @Test
        void aNewVersionUpdatesTitlesRetiresWhatItNoLongerListsAndBringsBackWhatItListsAgain() {
            files.importSample(admin, "mkb10-sample.csv", "MKB10_NSI_CSV");

            JsonNode second = files.importSample(admin, "mkb10-sample-v2.csv", "MKB10_NSI_CSV");

            assertThat(second.get("added").asInt()).isEqualTo(1); // L30.1
            assertThat(second.get("updated").asInt()).isEqualTo(2); // A00.1 title, A09.1 back
            assertThat(second.get("retired").asInt()).isEqualTo(2); // J02.9 gone, L30.9 ACTUAL=0
            JsonNode retired = api.body(api.get(admin, "/api/v1/terminology/search?system=ICD10&q=J02.9"));
            assertThat(retired.get(0).get("active").asBoolean()).isFalse();
            JsonNode title = api.body(api.get(admin, "/api/v1/terminology/search?system=ICD10&q=A00.1&lang=ru"));
            assertThat(title.get(0).get("display").asString()).endsWith("биовар эльтор");
        }

        @Test
        void addsUzbekTitlesToCodesAlreadyImported() {
            files.importSample(admin, "mkb10-sample.csv", "MKB10_NSI_CSV");

            JsonNode titles = files.importSample(admin, "uz-titles.csv", "CSV");

            assertThat(titles.get("added").asInt()).isZero();
            assertThat(titles.get("updated").asInt()).isEqualTo(6);
            JsonNode found = api.body(api.get(admin, "/api/v1/terminology/search?system=ICD10&q=vabo&lang=uz"));
            assertThat(found.get(0).get("code").asString()).isEqualTo("A00.0");
            assertThat(found.get(0).get("language").asString()).isEqualTo("uz");
            JsonNode russian = api.body(api.get(admin, "/api/v1/terminology/search?system=ICD10&q=A00.0&lang=ru"));
            assertThat(russian.get(0).get("language").asString()).isEqualTo("ru");
        }

        @Test
        void keepsIcd10CmApartFromWhoIcd10() {
            files.importSample(admin, "icd10-claml-sample.xml", "ICD10_CLAML");
            JsonNode cm = files.importSample(admin, "icd10cm-order-sample.txt", "ICD10CM_ORDER");

            assertThat(cm.get("added").asInt()).isEqualTo(27);
            assertThat(codes(admin, "system=ICD10_CM&q=s52521")).containsExactly("S52.521", "S52.521A", "S52.521D");
            assertThat(codes(admin, "system=ICD10&q=S52")).isEmpty();
            assertThat(codes(admin, "system=ICD10&q=L20")).containsExactly("L20", "L20.0", "L20.8", "L20.9");
        }

        @Test
        void failsAFileMalformedHalfWayNamingTheLineAndStoresNothing() {
            JsonNode failed = files.importSample(admin, "icd10cm-order-bad.txt", "ICD10CM_ORDER");

            assertThat(failed.get("status").asString()).isEqualTo("FAILED");
            assertThat(failed.get("errorMessage").asString()).contains("line 5").contains("column 15");
            assertThat(codes(admin, "system=ICD10_CM&q=A00")).isEmpty();
        }

        @Test
        void failsAnMkbFileWhoseParentIdNamesNoRowAndStoresNothing() {
            JsonNode failed = files.importSample(admin, "mkb10-bad-parent.csv", "MKB10_NSI_CSV");

            assertThat(failed.get("status").asString()).isEqualTo("FAILED");
            assertThat(failed.get("errorMessage").asString())
                    .contains("line 11")
                    .contains("ID_PARENT 999");
            assertThat(codes(admin, "system=ICD10&q=A00")).isEmpty();
        }
    }

    @Nested
    class Searching {

        @BeforeEach
        void importSets() {
            files.importSample(admin, "icd10-claml-sample.xml", "ICD10_CLAML");
            files.importSample(admin, "mkb10-sample.csv", "MKB10_NSI_CSV");
        }

        @Test
        void findsByCodePrefixWithOrWithoutTheDot() {
            assertThat(codes(admin, "system=ICD10&q=a00")).containsExactly("A00", "A00.0", "A00.1", "A00.9");
            assertThat(codes(admin, "system=ICD10&q=A009")).containsExactly("A00.9");
            assertThat(codes(admin, "system=icd-10&q=L20.&limit=2")).containsExactly("L20.0", "L20.8");
        }

        @Test
        void findsByWordsInRussianAndEnglishWithTheTitleInTheLanguageAsked() {
            MvcTestResult russian = api.get(admin, "/api/v1/terminology/search?system=ICD10&q=холер неуточн&lang=ru");
            JsonNode found = api.body(russian);
            assertThat(found).hasSize(1);
            assertThat(found.get(0).get("code").asString()).isEqualTo("A00.9");
            assertThat(found.get(0).get("display").asString()).isEqualTo("Холера неуточненная");
            assertThat(found.get(0).get("language").asString()).isEqualTo("ru");
            assertThat(found.get(0).get("leaf").asBoolean()).isTrue();
            assertThat(found.get(0).get("active").asBoolean()).isTrue();

            assertThat(codes(admin, "system=ICD10&q=Atopic DERMATITIS&lang=en"))
                    .startsWith("L20.8", "L20.9")
                    .contains("L20");
        }

        @Test
        void refusesAMissingQueryOrSystemNamingTheParameter() {
            MvcTestResult noQuery = api.get(admin, "/api/v1/terminology/search?system=ICD10");
            assertThat(noQuery).hasStatus(400);
            assertThat(api.body(noQuery).get("errors").get(0).get("field").asString())
                    .isEqualTo("q");

            MvcTestResult badSystem = api.get(admin, "/api/v1/terminology/search?system=http://x.org&q=a00");
            assertThat(badSystem).hasStatus(400);
            assertThat(api.body(badSystem).get("errors").get(0).get("field").asString())
                    .isEqualTo("system");
        }

        @Test
        void anotherClinicSeesNoneOfTheseCodesNorTheJobs() {
            IdentityFixtures.Clinic other = fixtures.clinic();
            String otherAdmin = fixtures.bearer(fixtures.admin(other));
            String jobId = api.body(api.get(admin, "/api/v1/terminology/imports"))
                    .get(0)
                    .get("id")
                    .asString();

            assertThat(codes(otherAdmin, "system=ICD10&q=a00")).isEmpty();
            assertThat(codes(otherAdmin, "system=ICD10&q=холера")).isEmpty();
            assertThat(api.get(otherAdmin, "/api/v1/terminology/imports/" + jobId))
                    .hasStatus(404);
            assertThat(api.body(api.get(otherAdmin, "/api/v1/terminology/imports")))
                    .isEmpty();
        }
    }

    @Nested
    class Refusing {

        @Test
        void onlyAdministratorsImportAndOnlyClinicalStaffSearch() {
            String doctor = fixtures.bearer(fixtures.staff(clinic, Role.DOCTOR));
            String nurse = fixtures.bearer(fixtures.staff(clinic, Role.NURSE));
            String receptionist = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));

            assertThat(files.upload(doctor, "a.csv", TerminologyFixtures.sample("uz-titles.csv"), "format", "CSV"))
                    .hasStatus(403);
            assertThat(api.get(doctor, "/api/v1/terminology/imports")).hasStatus(403);
            assertThat(api.get(doctor, "/api/v1/terminology/search?system=ICD10&q=a00"))
                    .hasStatusOk();
            assertThat(api.get(nurse, "/api/v1/terminology/search?system=ICD10&q=a00"))
                    .hasStatusOk();
            assertThat(api.get(receptionist, "/api/v1/terminology/search?system=ICD10&q=a00"))
                    .hasStatus(403);
        }

        @Test
        void refusesAnUnknownFormatNamingTheField() {
            MvcTestResult result =
                    files.upload(admin, "a.csv", TerminologyFixtures.sample("uz-titles.csv"), "format", "XLSX");

            assertRefused(result, 400, "format");
        }

        @Test
        void refusesAnEmptyOrMissingFile() {
            assertRefused(files.upload(admin, "a.csv", new byte[0], "format", "CSV"), 400, "file");
            MvcTestResult missing = mvc.post()
                    .uri("/api/v1/terminology/imports")
                    .header("Authorization", admin)
                    .multipart()
                    .param("format", "CSV")
                    .exchange();
            assertRefused(missing, 400, "file");
        }

        @Test
        void refusesAFileOfAnotherFormat() {
            MvcTestResult result = files.upload(
                    admin,
                    "icd10.xml",
                    TerminologyFixtures.sample("icd10-claml-sample.xml"),
                    "format",
                    "MKB10_NSI_CSV");

            assertRefused(result, 422, "file");
            assertThat(api.body(result).get("errors").get(0).get("message").asString())
                    .contains("line 1");
        }

        @Test
        void refusesASystemTheFormatDoesNotHold() {
            MvcTestResult result = files.upload(
                    admin,
                    "cm.txt",
                    TerminologyFixtures.sample("icd10cm-order-sample.txt"),
                    "format",
                    "ICD10CM_ORDER",
                    "system",
                    "ICD10");

            assertRefused(result, 422, "system");
        }

        void assertRefused(MvcTestResult result, int status, String field) {
            assertThat(result).hasStatus(status);
            JsonNode problem = api.body(result);
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
            assertThat(api.body(api.get(admin, "/api/v1/terminology/imports"))).isEmpty();
        }
    }
}
