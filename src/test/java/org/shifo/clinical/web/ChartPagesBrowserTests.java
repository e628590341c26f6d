package org.shifo.clinical.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.signin.SecondFactor;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserSignIn;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
@ExtendWith(BrowserSupport.class)
class ChartPagesBrowserTests {

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    SecondFactor secondFactor;

    IdentityFixtures.Clinic clinic;
    Staff doctor;
    String patientId;

    @BeforeEach
    void setUp() {
        ApiCalls api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        doctor = fixtures.staff(clinic, Role.DOCTOR);
        MvcTestResult result = api.post(
                fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST)),
                "/api/v1/patients",
                """
                {"familyName":"Karimova","givenName":"Dilnoza","sex":"FEMALE","birthDate":"1985-03-14",
                 "phones":[{"number":"+998901234567","primary":true}],"registerAnyway":true}
                """);
        Assertions.assertThat(result).hasStatus(201);
        patientId = api.body(result).get("id").asString();
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void runsAnEncounterOnTheChartFromNoteToPrintedSummary(Page page) {
        BrowserSignIn.signInEnrolling(page, doctor.username(), secondFactor);
        page.navigate("/patients/" + patientId + "/chart");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Chart: Karimova Dilnoza");
        page.getByLabel("Template").selectOption("dermatology");
        button(page, "Start an encounter").click();
        // htmx wires the autosave when the page has loaded; a doctor typing sooner saves with the button
        page.waitForURL(Pattern.compile(".*encounter=.*"));

        Locator status = page.getByLabel("Dermatological status");
        assertThat(status).hasValue(Pattern.compile("Localisation:"));
        page.getByLabel("Complaints").fill("Itchy rash on both forearms for **two weeks**");
        assertThat(page.locator("#notes-status"))
                .containsText("Saved at", new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
        Axe.assertNoViolations(page);

        page.getByLabel("Temperature, °C").fill("52");
        button(page, "Save the vital signs").click();
        assertThat(page.locator("#v-temperatureC-error")).containsText("30–45 °C");
        assertThat(page.getByLabel("Temperature, °C")).hasAttribute("aria-invalid", "true");
        Axe.assertNoViolations(page);

        page.getByLabel("Temperature, °C").fill("38.6");
        page.getByLabel("Pulse, /min").fill("112");
        button(page, "Save the vital signs").click();
        assertThat(page.locator(".vital-flags")).containsText("38.0 °C or higher: fever");
        assertThat(page.locator(".vital-flags")).containsText("tachycardia");

        page.getByLabel("Code", new Page.GetByLabelOptions().setExact(true)).fill("L20.8");
        button(page, "Add the diagnosis").click();
        assertThat(page.locator(".diagnosis-list")).containsText("L20.8");
        assertThat(page.locator(".diagnosis-list")).containsText("Unverified");

        button(page, "Close the encounter").click();
        assertThat(page.locator("#encounter-status")).hasText("Closed");
        assertThat(page.locator(".encounter-timeline")).containsText("L20.8");
        Axe.assertNoViolations(page);

        String href = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Visit summary (PDF)"))
                .getAttribute("href");
        APIResponse pdf = page.request().get(href + "?lang=ru");
        Assertions.assertThat(pdf.status()).isEqualTo(200);
        Assertions.assertThat(pdf.headers().get("content-type")).isEqualTo("application/pdf");
        Assertions.assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
    }

    @Test
    void refusesClosingWithoutAPrimaryDiagnosis(Page page) {
        BrowserSignIn.signInEnrolling(page, doctor.username(), secondFactor);
        page.navigate("/patients/" + patientId + "/chart");
        button(page, "Start an encounter").click();

        button(page, "Close the encounter").click();

        assertThat(page.getByRole(AriaRole.ALERT)).containsText("primary diagnosis");
        assertThat(page.locator("#encounter-status")).hasText("Open");
    }

    @ParameterizedTest
    @CsvSource({"uz, Qabulni boshlash", "ru, Начать приём"})
    void offersTheChartInUzbekAndRussian(String language, String start, Page page) {
        BrowserSignIn.signInEnrolling(page, doctor.username(), secondFactor);
        page.navigate("/patients/" + patientId + "/chart?lang=" + language);
        button(page, start).click();

        assertThat(page.locator("html")).hasAttribute("lang", language);
        Axe.assertNoViolations(page);
    }

    @Test
    void keepsTheChartFromReception(Page page) {
        Staff receptionist = fixtures.staff(clinic, Role.RECEPTIONIST);
        BrowserSignIn.signIn(page, receptionist.username(), "en", "Username", "Password", "Sign in");

        var response = page.navigate("/patients/" + patientId + "/chart");

        Assertions.assertThat(response.status()).isEqualTo(403);
    }
}
