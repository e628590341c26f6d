package org.shifo.terminology.lab.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class LabCatalogueApiIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    ApiCalls api;
    IdentityFixtures.Clinic clinic;
    String admin;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        admin = fixtures.bearer(fixtures.admin(clinic));
    }

    MvcTestResult importCsv(String token, String csv) {
        return mvc.post()
                .uri("/api/v1/terminology/lab-tests/imports")
                .header("Authorization", token)
                .multipart()
                .file(new MockMultipartFile("file", "catalogue.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                .exchange();
    }

    long tests() {
        return TestDatabase.get()
                .count(
                        "SELECT count(*) FROM terminology.lab_tests WHERE tenant_id = ?",
                        clinic.tenantId().value());
    }

    @Test
    void listsTheStarterCatalogueOnFirstUseWithSourcesAndTheReplaceMarker() {
        JsonNode hemoglobin = api.body(api.get(admin, "/api/v1/terminology/lab-tests/718-7"));
        JsonNode glucoseByAlias = api.body(api.get(admin, "/api/v1/terminology/lab-tests/2345-7"));

        assertThat(hemoglobin.get("system").asString()).isEqualTo("http://loinc.org");
        assertThat(hemoglobin.get("unit").asString()).isEqualTo("g/L");
        assertThat(hemoglobin.get("replaceWithLaboratoryRanges").asBoolean()).isTrue();
        assertThat(hemoglobin.get("referenceRanges").get(3).get("source").asString())
                .isNotBlank();
        assertThat(glucoseByAlias.get("code").asString()).isEqualTo("14749-6");
    }

    @Test
    void loadsTheStarterCatalogueOnceHoweverOftenAsked() {
        long first = api.body(api.post(admin, "/api/v1/terminology/lab-tests/starter", ""))
                .get("added")
                .asLong();
        JsonNode again = api.body(api.post(admin, "/api/v1/terminology/lab-tests/starter", ""));

        assertThat(first).isPositive();
        assertThat(again.get("added").asLong()).isZero();
        assertThat(tests()).isEqualTo(again.get("kept").asLong());
    }

    @Test
    void importsACatalogueReplacingATestAndAddingAnother() {
        MvcTestResult result = importCsv(
                admin,
                """
                code,system,name_en,name_ru,name_uz,unit,conversions,panels,sex,age_from,low,high,source
                718-7,LOINC,Hemoglobin,Гемоглобин,Gemoglobin,g/L,g/dL=10,CBC,MALE,P18Y,132,172,Our laboratory 2026
                718-7,,,,,,,,FEMALE,P18Y,117,155,Our laboratory 2026
                L-CRP,LOCAL,C-reactive protein,СРБ,SRO,mg/L,,INFLAMMATION,ANY,P18Y,,5,Our laboratory 2026
                """);

        assertThat(result).hasStatus(200);
        assertThat(api.body(result).get("tests").asInt()).isEqualTo(2);
        JsonNode hemoglobin = api.body(api.get(admin, "/api/v1/terminology/lab-tests/718-7"));
        assertThat(hemoglobin.get("referenceRanges")).hasSize(2);
        assertThat(hemoglobin.get("referenceRanges").get(0).get("low").decimalValue())
                .isEqualByComparingTo("132");
        assertThat(hemoglobin.get("replaceWithLaboratoryRanges").asBoolean()).isFalse();
        assertThat(api.get(admin, "/api/v1/terminology/lab-tests/L-CRP")).hasStatus(200);
    }

    @Test
    void refusesABrokenFileNamingLineAndColumnAndChangesNothing() {
        long before = api.body(api.get(admin, "/api/v1/terminology/lab-tests")).size();

        MvcTestResult result = importCsv(
                admin,
                """
                code,system,name_en,unit,sex,low,high,source
                X-1,LOCAL,New test,g/L,ANY,1,2,ok
                718-7,LOINC,Hemoglobin,g/L,MALE,170,130,reversed
                """);

        assertThat(result).hasStatus(400);
        JsonNode error = api.body(result).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("line 3, high");
        assertThat(error.get("code").asString()).isEqualTo("range-order");
        assertThat(tests()).isEqualTo(before);
    }

    @Test
    void letsOnlyAdministratorsChangeTheCatalogueAndKeepsReceptionOut() {
        String lab = fixtures.bearer(fixtures.staff(clinic, Role.LAB));
        String reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));

        assertThat(api.get(lab, "/api/v1/terminology/lab-tests")).hasStatus(200);
        assertThat(api.get(reception, "/api/v1/terminology/lab-tests")).hasStatus(403);
        assertThat(importCsv(lab, "code,system,name_en,unit\nX-1,LOCAL,X,g/L\n"))
                .hasStatus(403);
        assertThat(api.post(lab, "/api/v1/terminology/lab-tests/starter", "")).hasStatus(403);
    }
}
