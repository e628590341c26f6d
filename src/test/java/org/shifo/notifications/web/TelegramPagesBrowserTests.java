package org.shifo.notifications.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.signin.SecondFactor;
import org.shifo.notifications.testing.FakeTelegramServer;
import org.shifo.platform.SecretKeys;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserSignIn;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;

/** The Telegram bot's pages in a browser: the settings with the checklist, a patient's notifications. */
@IntegrationTest
@ExtendWith(BrowserSupport.class)
class TelegramPagesBrowserTests {

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    SecondFactor secondFactor;

    @Autowired
    SecretKeys keys;

    ApiCalls api;
    IdentityFixtures.Clinic clinic;
    String admin;
    Staff receptionist;
    String token;
    long botId;

    @BeforeEach
    void setUp() {
        FakeTelegramServer.get().withoutLimits();
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        admin = fixtures.bearer(fixtures.admin(clinic));
        receptionist = fixtures.staff(clinic, Role.RECEPTIONIST);
        botId = ThreadLocalRandom.current().nextLong(100_000, 999_999_999);
        token = botId + ":AAH" + UUID.randomUUID().toString().replace("-", "");
    }

    static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void anAdministratorSetsUpTheBotFromTheChecklist(Page page) {
        BrowserSignIn.signInEnrolling(page, clinic.adminUsername(), secondFactor);

        page.navigate("/admin/notifications/telegram?lang=en");
        assertThat(page.locator("#check-token")).containsText("Not yet");
        Axe.assertNoViolations(page);
        page.getByLabel("Bot token").fill("not a token");
        button(page, "Save the bot").click();
        assertThat(page.locator("#bot-token-error")).hasText("must be a bot token as BotFather gives it");
        Axe.assertNoViolations(page);

        page.getByLabel("Bot token").fill(token);
        page.getByLabel("Webhook: Telegram sends every update to this server (needs a public HTTPS address)")
                .check();
        button(page, "Save the bot").click();

        assertThat(page.locator(".form-message")).hasText("The bot has been saved.");
        assertThat(page.locator("#check-token")).containsText("Done");
        assertThat(page.locator("#check-token")).containsText("@shifo_test_bot");
        assertThat(page.locator("#check-webhook")).containsText("Done");
        assertThat(page.locator("#check-linked")).containsText("Patients linked: 0");
        assertThat(page.locator("#bot-token")).hasValue("");
        Assertions.assertThat(page.content()).doesNotContain(token);
        Axe.assertNoViolations(page);
        for (String language : List.of("ru", "uz")) {
            page.navigate("/admin/notifications/telegram?lang=" + language);
            Axe.assertNoViolations(page);
        }
    }

    @Test
    void receptionMakesALinkSeesTheLinkedChatAndUnlinksIt(Page page) throws Exception {
        Assertions.assertThat(api.put(
                        admin,
                        "/api/v1/notifications/telegram/bot",
                        "{\"token\":\"%s\",\"mode\":\"WEBHOOK\"}".formatted(token)))
                .hasStatus(200);
        MvcTestResult registered = api.post(
                fixtures.bearer(receptionist),
                "/api/v1/patients",
                """
                {"familyName":"Karimova","givenName":"Aziza","sex":"FEMALE","birthDate":"1980-01-15",
                 "phones":[{"number":"+998901234567","primary":true}],"registerAnyway":true}
                """);
        String patient = api.body(registered).get("id").asString();
        MvcTestResult sonRegistered = api.post(
                fixtures.bearer(receptionist),
                "/api/v1/patients",
                """
                {"familyName":"Karimov","givenName":"Bobur","sex":"MALE","birthDate":"2015-03-01",
                 "phones":[{"number":"+998901234567","primary":true}],"registerAnyway":true}
                """);
        String son = api.body(sonRegistered).get("id").asString();
        String sonRecord = api.body(sonRegistered).get("medicalRecordNumber").asString();
        try (java.sql.Connection connection = TestDatabase.get().connectAsSuperuser();
                var insert = connection.prepareStatement(
                        """
                        INSERT INTO notifications.notifications (id, tenant_id, event_key, recipient_kind, recipient_id,
                            channel, address, template, language, status, next_attempt_at, created_at, sent_at)
                        VALUES (?, ?, 'test:1', 'PATIENT', ?, 'TELEGRAM', '1', 'appointment-reminder', 'uz', 'SENT',
                            now(), now(), now())
                        """)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, clinic.tenantId().value());
            insert.setObject(3, UUID.fromString(patient));
            insert.executeUpdate();
        }
        BrowserSignIn.signIn(page, receptionist.username(), "en", "Username", "Password", "Sign in");

        page.navigate("/patients/" + patient);
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Notifications").setExact(true))
                .click();
        assertThat(page.locator("h1")).hasText("Notifications: Karimova Aziza");
        assertThat(page.locator("#messages")).containsText("Appointment reminder");
        assertThat(page.locator("#messages")).containsText("Sent");
        Axe.assertNoViolations(page);
        page.getByLabel("Family members who get their messages in the same chat (optional)")
                .fill("SH-999999");
        button(page, "Make a link and QR code").click();
        assertThat(page.locator("#link-members-error")).hasText("No active patient has the record number SH-999999.");
        Axe.assertNoViolations(page);
        page.getByLabel("Family members who get their messages in the same chat (optional)")
                .fill(sonRecord);
        button(page, "Make a link and QR code").click();
        assertThat(page.locator("#created-link img")).isVisible();
        assertThat(page.locator("#created-members")).hasText("The link also links: Karimov Bobur.");
        String deepLink = page.locator("#deep-link").getAttribute("href");
        Assertions.assertThat(deepLink).matches("https://t\\.me/shifo_test_bot\\?start=[A-Za-z0-9_-]{43}");
        Axe.assertNoViolations(page);

        long chat = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
        String update =
                """
                {"update_id":1,"message":{"message_id":1,"date":1700000000,"text":"/start %s",
                 "chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"A"}}}
                """
                        .formatted(deepLink.substring(deepLink.indexOf("start=") + 6), chat, chat);
        Assertions.assertThat(mvc.post()
                        .uri(
                                "/api/v1/notifications/telegram/{org}/webhook",
                                clinic.tenantId().value())
                        .header(
                                "X-Telegram-Bot-Api-Secret-Token",
                                keys.mac(
                                        "telegram-webhook-secret",
                                        clinic.tenantId().value() + ":" + botId))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(update))
                .hasStatusOk();
        page.navigate("/patients/" + patient + "/notifications?lang=en");
        assertThat(page.locator("#chats")).containsText("Active");
        assertThat(page.locator("#chats")).containsText(Long.toString(chat));
        Assertions.assertThat(
                        api.body(api.get(fixtures.bearer(receptionist), "/api/v1/patients/" + son + "/telegram-links"))
                                .get("links")
                                .get(0)
                                .get("managedBy")
                                .asString())
                .isEqualTo(patient);
        Axe.assertNoViolations(page);

        button(page, "Unlink").click();
        assertThat(page.locator(".form-message")).hasText("The chat has been unlinked.");
        assertThat(page.locator("#chats")).containsText("by the clinic");
        Axe.assertNoViolations(page);
        for (String language : List.of("ru", "uz")) {
            page.navigate("/patients/" + patient + "/notifications?lang=" + language);
            Axe.assertNoViolations(page);
        }
    }
}
