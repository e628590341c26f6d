package org.shifo.clinical.lab.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.signin.SecondFactor;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserLocale;
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
class LabPagesBrowserTests {

    static final LocatorAssertions.IsVisibleOptions SLOW = new LocatorAssertions.IsVisibleOptions().setTimeout(15_000);

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    SecondFactor secondFactor;

    @Autowired
    Clock clock;

    ApiCalls api;
    IdentityFixtures.Clinic clinic;
    Staff lab;
    String patientId;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        lab = fixtures.staff(clinic, Role.LAB);
        String reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        MvcTestResult patient = api.post(
                reception,
                "/api/v1/patients",
                """
                {"familyName":"Karimov","givenName":"Aziz","sex":"MALE","birthDate":"1980-01-15",
                 "phones":[{"number":"+998901234567","primary":true}],"registerAnyway":true}
                """);
        patientId = api.body(patient).get("id").asString();
    }

    void recordThroughTheApi(String code, String value, String unit, Duration ago) {
        org.assertj.core.api.Assertions.assertThat(api.post(
                        fixtures.bearer(lab),
                        "/api/v1/patients/" + patientId + "/lab-results",
                        "{\"testCode\":\"%s\",\"value\":%s,\"unit\":\"%s\",\"collectedAt\":\"%s\"}"
                                .formatted(code, value, unit, clock.instant().minus(ago))))
                .hasStatus(201);
    }

    static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void entersAResultSeeingItsFlagFirstAndFindsItInTheTrend(Page page) {
        recordThroughTheApi("718-7", "150", "g/L", Duration.ofDays(40));
        BrowserSignIn.signIn(page, lab.username(), "en", "Username", "Password", "Sign in");
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main menu"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Laboratory"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Enter a laboratory result");

        // htmx must have processed the page before typing, or the as-you-type search never fires
        page.waitForFunction("() => document.readyState === 'complete' && window.htmx !== undefined");
        page.getByLabel("Find the patient").fill("Karimov");
        Locator patient = page.getByLabel(java.util.regex.Pattern.compile("^Karimov Aziz"));
        assertThat(patient).isChecked(new LocatorAssertions.IsCheckedOptions().setTimeout(15_000));
        page.getByLabel("Test", new Page.GetByLabelOptions().setExact(true))
                .selectOption(new SelectOption().setValue("718-7"));
        assertThat(page.locator("#unit option[value='g/dL']")).hasCount(1);
        page.getByLabel("Unit").selectOption("g/dL");
        page.getByLabel("Value").fill("12.1");
        assertThat(page.locator("#lab-check-flag"))
                .hasText("Low", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        assertThat(page.locator("#lab-check")).containsText("121 g/L");
        Axe.assertNoViolations(page);

        button(page, "Save").click();
        assertThat(page.locator("#lab-recorded")).hasText("The result was saved. Flag: Low.");
        Axe.assertNoViolations(page);

        // a value the test cannot have is refused next to its field, nothing saved
        page.getByLabel("Test", new Page.GetByLabelOptions().setExact(true))
                .selectOption(new SelectOption().setValue("718-7"));
        page.getByLabel("Value").fill("-5");
        button(page, "Save").click();
        assertThat(page.locator("#value-error")).containsText("Cannot be negative");
        Axe.assertNoViolations(page);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("All of the patient's results"))
                .click();
        Locator table = page.locator("#lab-results-table");
        assertThat(table.locator("tbody tr")).hasCount(2);
        assertThat(table.locator("tbody tr").first()).containsText("12.1 g/dL");
        assertThat(table.locator("tbody tr").first()).containsText("Low");
        assertThat(table).containsText("default range");
        assertThat(page.locator("#lab-trend-table tbody tr")).hasCount(2);
        assertThat(page.locator("[data-lab-trend][data-drawn='true']")).hasCount(1);
        Axe.assertNoViolations(page);
    }

    @Test
    @BrowserLocale("ru-RU")
    void showsResultsAndTheEntryFormInRussian(Page page) {
        recordThroughTheApi("2823-3", "6.9", "mmol/L", Duration.ofDays(2));
        recordThroughTheApi("2823-3", "4.2", "mmol/L", Duration.ofDays(1));
        BrowserSignIn.signIn(page, lab.username(), "ru", "Имя пользователя", "Пароль", "Войти");

        page.navigate("/patients/" + patientId + "/lab-results");
        assertThat(page.locator("#lab-results-table")).containsText("Критически повышен");
        assertThat(page.locator("#lab-results-table")).containsText("Норма");
        assertThat(page.locator("#lab-trend-heading")).containsText("Калий");
        Axe.assertNoViolations(page);

        page.navigate("/lab/results/new?patientId=" + patientId);
        assertThat(page.locator("#testCode optgroup[label='Общий анализ крови']"))
                .hasCount(1);
        Axe.assertNoViolations(page);
    }

    @Test
    void aDoctorReleasesTheResultsToThePatient(Page page) {
        recordThroughTheApi("718-7", "150", "g/L", Duration.ofDays(1));
        Staff doctor = fixtures.staff(clinic, Role.DOCTOR);
        BrowserSignIn.signInEnrolling(page, doctor.username(), secondFactor);

        page.navigate("/patients/" + patientId + "/lab-results");
        assertThat(page.locator("#lab-results-table tbody tr").first()).containsText("Not released");
        Axe.assertNoViolations(page);
        button(page, "Release results to the patient").click();

        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Results released to the patient: 1.");
        assertThat(page.locator("#lab-results-table tbody tr").first()).containsText("Released ");
        assertThat(button(page, "Release results to the patient")).hasCount(0);
        Axe.assertNoViolations(page);
    }

    @Test
    void showsResultsInUzbek(Page page) {
        recordThroughTheApi("14749-6", "7.2", "mmol/L", Duration.ofDays(1));
        BrowserSignIn.signIn(page, lab.username(), "uz", "Foydalanuvchi nomi", "Parol", "Kirish");

        page.navigate("/patients/" + patientId + "/lab-results");
        assertThat(page.locator("#lab-results-table")).containsText("Yuqori");
        assertThat(page.locator("#lab-results-table")).containsText("Glyukoza");
        Axe.assertNoViolations(page);
    }

    @Test
    void letsTheAdministratorEditRangesImportAndLoadTheStarterCatalogue(Page page) {
        BrowserSignIn.signInEnrolling(page, clinic.adminUsername(), secondFactor);
        page.navigate("/admin/lab-catalogue");
        assertThat(page.locator("#loinc-notice")).containsText("Regenstrief Institute");
        assertThat(page.locator("#catalogue-table")).containsText("718-7");
        Axe.assertNoViolations(page);

        button(page, "Load the starter catalogue").click();
        assertThat(page.getByText("0 tests were added from the starter catalogue."))
                .isVisible();

        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("718-7").setExact(true))
                .click();
        Axe.assertNoViolations(page);
        page.locator("#low-3").fill("135");
        page.getByLabel("These are our laboratory's ranges (removes the default marker)")
                .check();
        button(page, "Save").click();
        assertThat(page.getByText("The test 718-7 was saved.")).isVisible();

        page.locator("#file")
                .setInputFiles(new com.microsoft.playwright.options.FilePayload(
                        "catalogue.csv",
                        "text/csv",
                        "code,system,name_en,unit,sex,low,high,source\nX-1,LOCAL,Test,g/L,MALE,5,1,x\n"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        button(page, "Import").click();
        assertThat(page.locator("#import-errors")).containsText("line 2, high");
        Axe.assertNoViolations(page);
    }
}
