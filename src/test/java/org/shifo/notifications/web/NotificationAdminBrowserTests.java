package org.shifo.notifications.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.identity.Role;
import org.shifo.identity.signin.SecondFactor;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserSignIn;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

/**
 * The administrators' notification pages in a browser: the delivery dashboard in uz, ru and en, axe-clean, and a
 * dead letter retried from it waits as pending (the organization is in its quiet hours, so the worker leaves a
 * reminder pending until they end); the settings and template pages axe-clean too.
 */
@IntegrationTest
@ExtendWith(BrowserSupport.class)
class NotificationAdminBrowserTests {

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
    String admin;
    UUID patient;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        admin = fixtures.bearer(fixtures.admin(clinic));
        patient = UUID.fromString(api.body(
                        api.post(
                                fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST)),
                                "/api/v1/patients",
                                """
                                {"familyName":"Karimova","givenName":"Dilnoza","sex":"FEMALE","birthDate":"1980-01-15",
                                 "phones":[{"number":"+998901234567","primary":true}],"registerAnyway":true}
                                """))
                .get("id")
                .asString());
        // quiet now in Tashkent: a retried reminder is released back to PENDING until the quiet hours end
        LocalTime local = LocalTime.now(clock.withZone(ZoneId.of("Asia/Tashkent")));
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        api.put(
                admin,
                "/api/v1/notifications/settings",
                """
                {"quietFrom":"%s","quietUntil":"%s","reminderOffsets":[1440,120],"perChatPerSecond":1,"perBotPerSecond":30}"""
                        .formatted(
                                local.minusHours(1).format(hhmm),
                                local.plusHours(3).format(hhmm)));
    }

    @Test
    void anAdministratorSeesTheDashboardInThreeLanguagesAndRetriesADeadLetter(Page page) {
        UUID dead = DeadLetterRows.insert(clinic.tenantId(), patient, "TELEGRAM_5XX", clock.instant());
        BrowserSignIn.signInEnrolling(page, clinic.adminUsername(), secondFactor);

        page.navigate("/admin/notifications/deliveries?lang=uz");
        assertThat(page.locator("h1")).hasText("Xabarnomalar yetkazilishi");
        Axe.assertNoViolations(page);
        page.navigate("/admin/notifications/deliveries?lang=ru");
        assertThat(page.locator("h1")).hasText("Доставка уведомлений");
        Axe.assertNoViolations(page);
        page.navigate("/admin/notifications/deliveries?lang=en");
        assertThat(page.locator("h1")).hasText("Notification delivery");
        Axe.assertNoViolations(page);

        Locator row = page.locator("#dead-letters tr[data-notification='" + dead + "']");
        assertThat(row).containsText("Appointment reminder");
        assertThat(row).containsText("TELEGRAM_5XX");
        assertThat(row).containsText("Karimova");
        assertThat(page.locator("#delivery-reasons")).containsText("TELEGRAM_5XX");
        row.getByRole(AriaRole.BUTTON).click();

        assertThat(page.locator(".form-message")).hasText("The message will be sent again.");
        assertThat(page.locator("#dead-letters tr[data-notification='" + dead + "']"))
                .hasCount(0);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> DeadLetterRows.status(dead).equals("PENDING"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> DeadLetterRows.status(dead)
                .equals("PENDING"));
        Axe.assertNoViolations(page);

        page.getByLabel("Status").selectOption("PENDING");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Show").setExact(true))
                .click();
        assertThat(page.locator("#delivery-days td[data-status='PENDING']").first())
                .hasText("1");
        Assertions.assertThat(page.content()).doesNotContain("secret wording");
    }

    @Test
    void theSettingsAndTemplatePagesAreAccessibleInThreeLanguages(Page page) {
        BrowserSignIn.signInEnrolling(page, clinic.adminUsername(), secondFactor);

        for (String language : List.of("uz", "ru", "en")) {
            page.navigate("/admin/notifications/settings?lang=" + language);
            Axe.assertNoViolations(page);
            page.navigate("/admin/notifications/templates?lang=" + language);
            Axe.assertNoViolations(page);
            page.navigate("/admin/notifications/templates/queue-called/" + language + "?lang=" + language);
            Axe.assertNoViolations(page);
        }

        page.navigate("/admin/notifications/settings?lang=en");
        page.getByLabel("Minutes before the appointment").fill("1440, soon");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the settings"))
                .click();
        assertThat(page.locator("#reminderOffsets-error")).containsText("whole numbers of minutes");
        Axe.assertNoViolations(page);

        page.navigate("/admin/notifications/templates/queue-called/en?lang=en");
        page.getByLabel("Text").fill("{patient}, please come to room {room}. Your diagnosis: {diagnosis}");
        assertThat(page.locator("#preview-error")).containsText("{diagnosis}");
        page.getByLabel("Text").fill("{patient}, please come to room {room}.");
        assertThat(page.locator("#preview-text")).hasText("Dilnoza Karimova, please come to room 5.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the wording"))
                .click();
        assertThat(page.locator(".form-message")).hasText("The wording has been saved.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Back to the built-in text"))
                .click();
        assertThat(page.locator(".form-message")).hasText("The built-in text applies again.");
        Axe.assertNoViolations(page);
    }
}
