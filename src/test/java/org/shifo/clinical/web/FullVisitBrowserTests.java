package org.shifo.clinical.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.clinical.images.TestImages;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.signin.SecondFactor;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserSignIn;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.terminology.TerminologyFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole visit as a doctor does it: the patient waits in the doctor's queue, the doctor calls and starts the
 * ticket (which opens the encounter), records vitals (one refused, one flagged), finds the diagnosis by words in
 * the imported МКБ-10, writes the note, uploads a photo of the lesion, closes the encounter and prints the summary.
 */
@IntegrationTest
@ExtendWith(BrowserSupport.class)
class FullVisitBrowserTests {

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    SecondFactor secondFactor;

    private static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void runsAVisitFromTheQueueToThePrintedSummary(Page page) {
        ApiCalls api = new ApiCalls(mvc, json);
        IdentityFixtures.Clinic clinic = fixtures.clinic();
        Staff doctor = fixtures.staff(clinic, Role.DOCTOR);
        String reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        String admin = fixtures.bearer(fixtures.admin(clinic));
        Assertions.assertThat(new TerminologyFixtures(mvc, json)
                        .importSample(admin, "mkb10-sample-v2.csv", "MKB10_NSI_CSV")
                        .get("status")
                        .asString())
                .isEqualTo("SUCCEEDED");
        MvcTestResult registered = api.post(
                reception,
                "/api/v1/patients",
                """
                {"familyName":"Karimova","givenName":"Dilnoza","sex":"FEMALE","birthDate":"1985-03-14",
                 "phones":[{"number":"+998901234567","primary":true}],"registerAnyway":true}
                """);
        String patientId = api.body(registered).get("id").asString();
        String queueId = api.body(api.post(
                        reception,
                        "/api/v1/queues",
                        "{\"branchId\":\"%s\",\"practitionerId\":\"%s\"}"
                                .formatted(
                                        clinic.branchId().value(),
                                        doctor.userId().value())))
                .get("id")
                .asString();
        Assertions.assertThat(api.post(
                        reception,
                        "/api/v1/queues/" + queueId + "/tickets",
                        "{\"patientId\":\"%s\",\"priority\":\"WALK_IN\"}".formatted(patientId)))
                .hasStatus(201);

        BrowserSignIn.signInEnrolling(page, doctor.username(), secondFactor);
        page.navigate("/queue/mine");
        page.getByLabel("Room").fill("7");
        button(page, "Call next").click();
        button(page, "Start").click();
        page.locator("#open-chart").click();

        page.waitForURL(Pattern.compile(".*/patients/" + patientId + "/chart.*"));
        assertThat(page.locator("#encounter-status")).hasText("Open");

        page.getByLabel("Systolic, mmHg").fill("120");
        page.getByLabel("Diastolic, mmHg").fill("130");
        button(page, "Save the vital signs").click();
        assertThat(page.locator("#v-diastolic-error")).containsText("lower than the systolic");
        page.getByLabel("Diastolic, mmHg").fill("80");
        page.getByLabel("Temperature, °C").fill("38.4");
        button(page, "Save the vital signs").click();
        assertThat(page.locator(".vital-flags")).containsText("fever");

        page.getByLabel("Search a code or words").fill("атопич");
        button(page, "Search").click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add L20.8 as the primary diagnosis"))
                .click();
        assertThat(page.locator(".diagnosis-list")).containsText("L20.8");
        assertThat(page.locator(".diagnosis-list")).not().containsText("Unverified");

        page.getByLabel("Complaints").fill("Itching of the forearms, worse at night");
        button(page, "Save the note").click();
        assertThat(page.getByText("The note is saved.")).isVisible();
        Axe.assertNoViolations(page);

        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Images").setExact(true))
                .click();
        page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Front"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Left forearm"))
                .click();
        page.getByLabel("Image file")
                .setInputFiles(
                        new FilePayload("IMG_0001.jpg", "image/jpeg", TestImages.jpegWithExifAndGps(800, 600, 1)));
        page.getByLabel("Lesion label").fill("Eczema left forearm");
        button(page, "Upload the image").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("The image was added.");
        assertThat(page.locator(".image-card img")).hasCount(1);
        page.navigate("/patients/" + patientId + "/chart");

        button(page, "Close the encounter").click();
        assertThat(page.locator("#encounter-status")).hasText("Closed");
        String href = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Visit summary (PDF)"))
                .getAttribute("href");
        APIResponse pdf = page.request().get(href);
        Assertions.assertThat(pdf.status()).isEqualTo(200);
        Assertions.assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
    }
}
