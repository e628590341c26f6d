package org.shifo.notifications.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.notifications.testing.FakeTelegramServer;
import org.shifo.platform.SecretKeys;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestClock;
import org.shifo.scheduling.AppointmentFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Telegram bot end to end against the local Telegram server: settings, the webhook's secret, linking with
 * one-time links, /stop, the reminders' Confirm and Cancel buttons, long polling.
 */
@IntegrationTest
class TelegramBotIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    @Autowired
    TestClock clock;

    @Autowired
    SecretKeys keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TelegramPoller poller;

    @Autowired
    BotStore botStore;

    @Autowired
    TelegramClient client;

    final FakeTelegramServer telegram = FakeTelegramServer.get();

    ApiCalls api;
    IdentityFixtures.Clinic clinic;
    String admin;
    String reception;
    Staff receptionist;
    String token;
    long botId;
    long chat;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        telegram.withoutLimits();
        clinic = fixtures.clinic();
        admin = fixtures.bearer(fixtures.admin(clinic));
        receptionist = fixtures.staff(clinic, Role.RECEPTIONIST);
        reception = fixtures.bearer(receptionist);
        botId = ThreadLocalRandom.current().nextLong(100_000, 999_999_999);
        token = botId + ":AAH" + UUID.randomUUID().toString().replace("-", "");
        chat = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    MvcTestResult saveBot(String body) {
        return api.put(admin, "/api/v1/notifications/telegram/bot", body);
    }

    void bot(String mode) {
        assertThat(saveBot("{\"token\":\"%s\",\"mode\":\"%s\"}".formatted(token, mode)))
                .hasStatusOk();
    }

    String secret() {
        return keys.mac("telegram-webhook-secret", clinic.tenantId().value() + ":" + botId);
    }

    MvcTestResult webhook(@Nullable String secret, String body) {
        var request = mvc.post()
                .uri(
                        "/api/v1/notifications/telegram/{org}/webhook",
                        clinic.tenantId().value())
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (secret != null) {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return request.exchange();
    }

    void deliver(String update) {
        assertThat(webhook(secret(), update)).hasStatusOk();
    }

    String registerPatient(String family, String given, String language) {
        MvcTestResult result = api.post(
                reception,
                "/api/v1/patients",
                """
                {"familyName":"%s","givenName":"%s","sex":"FEMALE","birthDate":"1980-01-15","language":"%s",
                 "phones":[{"number":"+99890%07d","primary":true}],"registerAnyway":true}
                """
                        .formatted(
                                family,
                                given,
                                language,
                                ThreadLocalRandom.current().nextInt(10_000_000)));
        assertThat(result).hasStatus(201);
        return api.body(result).get("id").asString();
    }

    /** A one-time link's token, made by reception. */
    String link(String patient, String... members) {
        String list = members.length == 0 ? "" : "\"" + String.join("\",\"", members) + "\"";
        MvcTestResult result =
                api.post(reception, "/api/v1/patients/" + patient + "/telegram-link", "{\"members\":[" + list + "]}");
        assertThat(result).hasStatus(201);
        String deepLink = api.body(result).get("deepLink").asString();
        assertThat(deepLink).startsWith("https://t.me/shifo_test_bot?start=");
        String start = deepLink.substring(deepLink.indexOf("start=") + 6);
        assertThat(start).matches("[A-Za-z0-9_-]{43}");
        return start;
    }

    static String message(long updateId, long chat, String text) {
        return """
                {"update_id":%d,"message":{"message_id":%d,"date":1700000000,"text":"%s",
                 "chat":{"id":%d,"type":"private","first_name":"Aziza"},
                 "from":{"id":%d,"is_bot":false,"first_name":"Aziza","language_code":"en"}}}
                """
                .formatted(updateId, updateId, text, chat, chat);
    }

    static String callback(long updateId, long chat, long messageId, String data) {
        return """
                {"update_id":%d,"callback_query":{"id":"cb-%d","data":"%s","chat_instance":"x",
                 "from":{"id":%d,"is_bot":false,"first_name":"Aziza","language_code":"en"},
                 "message":{"message_id":%d,"date":1700000000,"text":"reminder",
                   "chat":{"id":%d,"type":"private"}}}}
                """
                .formatted(updateId, updateId, data, chat, messageId, chat);
    }

    List<FakeTelegramServer.Call> sent(String method, long chat) {
        return telegram.calls(
                c -> c.token().equals(token) && c.method().equalsIgnoreCase(method) && c.chatId() == chat);
    }

    List<FakeTelegramServer.Call> answers() {
        return telegram.calls(c -> c.token().equals(token) && c.method().equalsIgnoreCase("answerCallbackQuery"));
    }

    JsonNode links(String patient) {
        MvcTestResult result = api.get(reception, "/api/v1/patients/" + patient + "/telegram-links");
        assertThat(result).hasStatusOk();
        return api.body(result);
    }

    long activeLinks(String patient) {
        int count = 0;
        for (JsonNode link : links(patient).get("links")) {
            if (link.get("unlinkedAt").isNull()) {
                count++;
            }
        }
        return count;
    }

    <T> T asTenant(java.util.function.Supplier<T> work) {
        return TenantContext.callAs(
                clinic.tenantId(), () -> Objects.requireNonNull(transactions.execute(status -> work.get())));
    }

    // --- settings ------------------------------------------------------------------------------------------

    @Nested
    class Settings {

        @Test
        void checksTheTokenRegistersTheWebhookAndNeverReturnsTheToken() throws Exception {
            MvcTestResult saved = saveBot("{\"token\":\"%s\",\"mode\":\"WEBHOOK\"}".formatted(token));

            assertThat(saved).hasStatusOk();
            assertThat(saved.getResponse().getContentAsString())
                    .doesNotContain(token)
                    .doesNotContain(secret());
            JsonNode body = api.body(saved);
            assertThat(body.get("botUsername").asString()).isEqualTo("shifo_test_bot");
            assertThat(body.get("tokenSet").asBoolean()).isTrue();
            assertThat(body.get("webhookRegistered").asBoolean()).isTrue();
            assertThat(telegram.webhook(token))
                    .isEqualTo("https://clinic.example.uz/api/v1/notifications/telegram/"
                            + clinic.tenantId().value() + "/webhook");
            MvcTestResult read = api.get(admin, "/api/v1/notifications/telegram/bot");
            assertThat(read.getResponse().getContentAsString()).doesNotContain(token);
            String stored = asTenant(() -> jdbc.sql("SELECT token_encrypted FROM notifications.telegram_bots")
                    .query(String.class)
                    .single());
            assertThat(stored).isNotEqualTo(token).doesNotContain(token.substring(token.indexOf(':') + 1));
        }

        @Test
        void switchingToPollingDeletesTheWebhook() {
            bot("WEBHOOK");

            MvcTestResult switched = saveBot("{\"mode\":\"POLLING\"}");

            assertThat(switched).hasStatusOk();
            assertThat(api.body(switched).get("mode").asString()).isEqualTo("POLLING");
            assertThat(telegram.webhook(token)).isNull();
            assertThat(webhook(secret(), message(1, chat, "/start"))).hasStatus(409);
        }

        @Test
        void refusesATokenTelegramDoesNotKnow() {
            telegram.revoke(token);

            MvcTestResult refused = saveBot("{\"token\":\"%s\"}".formatted(token));

            assertThat(refused).hasStatus(422);
            assertThat(api.body(refused).get("errors").get(0).get("code").asString())
                    .isEqualTo("token-refused");
            assertThat(api.body(api.get(admin, "/api/v1/notifications/telegram/bot"))
                            .get("configured")
                            .asBoolean())
                    .isFalse();
        }

        @Test
        void refusesAMalformedTokenAndOtherRoles() {
            assertThat(saveBot("{\"token\":\"not-a-token\"}")).hasStatus(400);
            assertThat(api.put(reception, "/api/v1/notifications/telegram/bot", "{\"token\":\"%s\"}".formatted(token)))
                    .hasStatus(403);
            assertThat(api.get(reception, "/api/v1/notifications/telegram/bot")).hasStatus(403);
        }
    }

    // --- the webhook ---------------------------------------------------------------------------------------

    @Nested
    class Webhook {

        @Test
        void refusesAMissingOrWrongSecretBeforeProcessingAnything() {
            bot("WEBHOOK");
            String patient = registerPatient("Karimova", "Aziza", "uz");
            String start = link(patient);

            MvcTestResult missing = webhook(null, message(1, chat, "/start " + start));
            MvcTestResult wrong = webhook(secret() + "x", message(2, chat, "/start " + start));
            MvcTestResult otherOrganization = webhook(
                    keys.mac("telegram-webhook-secret", UUID.randomUUID() + ":" + botId),
                    message(3, chat, "/start " + start));

            assertThat(missing).hasStatus(401);
            assertThat(missing.getResponse().getContentType()).contains("application/problem+json");
            assertThat(wrong).hasStatus(401);
            assertThat(otherOrganization).hasStatus(401);
            assertThat(sent("sendMessage", chat)).isEmpty();
            assertThat(activeLinks(patient)).isZero();
            // nothing was marked processed: the same update with the right secret links
            deliver(message(1, chat, "/start " + start));
            assertThat(activeLinks(patient)).isEqualTo(1);
        }

        @Test
        void processesARedeliveredUpdateOnce() {
            bot("WEBHOOK");
            String patient = registerPatient("Karimova", "Aziza", "uz");
            String start = link(patient);

            deliver(message(10, chat, "/start " + start));
            deliver(message(10, chat, "/start " + start));

            assertThat(sent("sendMessage", chat)).hasSize(1);
            assertThat(activeLinks(patient)).isEqualTo(1);
        }

        @Test
        void ignoresStickersEditedMessagesAndUnknownUpdates() {
            bot("WEBHOOK");

            deliver(
                    """
                    {"update_id":20,"message":{"message_id":1,"date":1700000000,"chat":{"id":%d,"type":"private"},
                     "sticker":{"file_id":"x","width":512,"height":512}}}
                    """
                            .formatted(chat));
            deliver(
                    """
                    {"update_id":21,"edited_message":{"message_id":1,"date":1700000000,"edit_date":1700000001,
                     "chat":{"id":%d,"type":"private"},"text":"/stop"}}
                    """
                            .formatted(chat));
            deliver("{\"update_id\":22,\"my_chat_member\":{\"chat\":{\"id\":%d}}}".formatted(chat));
            deliver("{\"no_update_id\":true}");

            assertThat(sent("sendMessage", chat)).isEmpty();
            assertThat(webhook(secret(), "not json")).hasStatus(400);
        }

        @Test
        void answersPlainTextWithAShortHelpInTheUsersLanguage() {
            bot("WEBHOOK");

            deliver(message(30, chat, "hello <b>"));

            assertThat(sent("sendMessage", chat)).singleElement().satisfies(call -> {
                assertThat(call.text()).contains("ask the clinic reception for your personal link");
                assertThat(call.params().path("protect_content").asBoolean()).isTrue();
            });
        }

        @Test
        void forgetsProcessedUpdatesAfterAWeek() {
            bot("WEBHOOK");
            deliver(message(50, chat, "hello"));
            clock.advance(Duration.ofDays(8));

            int forgotten = TenantContext.callAsSystem(() -> Objects.requireNonNull(transactions.execute(
                    status -> botStore.forgetUpdates(clock.instant().minus(TelegramUpdatesCleanup.KEPT)))));

            assertThat(forgotten).isPositive();
            deliver(message(50, chat, "hello"));
            assertThat(sent("sendMessage", chat)).hasSize(2);
        }

        @Test
        void ignoresAFloodOfStart() {
            bot("WEBHOOK");

            for (int i = 0; i < 8; i++) {
                deliver(message(40 + i, chat, "/start"));
            }

            assertThat(sent("sendMessage", chat)).hasSize(5);
        }
    }

    // --- linking -------------------------------------------------------------------------------------------

    @Nested
    class Linking {

        @Test
        void linksThePatientAndTheFamilyMembersWithConsentInThePatientsLanguage() {
            bot("WEBHOOK");
            String mother = registerPatient("Karimova", "Aziza", "ru");
            String son = registerPatient("O'Neil", "Bobur", "uz");
            String start = link(mother, son);

            deliver(message(1, chat, "/start " + start));

            JsonNode motherLinks = links(mother).get("links");
            assertThat(motherLinks).hasSize(1);
            assertThat(motherLinks.get(0).get("chatId").asLong()).isEqualTo(chat);
            assertThat(motherLinks.get(0).get("consentAt").isNull()).isFalse();
            assertThat(motherLinks.get(0).get("language").asString()).isEqualTo("ru");
            JsonNode sonLinks = links(son).get("links");
            assertThat(sonLinks).hasSize(1);
            assertThat(sonLinks.get(0).get("managedBy").asString()).isEqualTo(mother);
            assertThat(sent("sendMessage", chat)).singleElement().satisfies(call -> {
                assertThat(call.text())
                        .startsWith("Готово")
                        .contains("Karimova Aziza")
                        .contains("O'Neil Bobur");
            });
        }

        @Test
        void refusesAUsedOrExpiredLinkPolitely() {
            bot("WEBHOOK");
            String patient = registerPatient("Karimova", "Aziza", "en");
            String used = link(patient);
            String expired = link(patient);
            deliver(message(1, chat, "/start " + used));
            long other = chat + 1;

            deliver(message(2, other, "/start " + used));
            clock.advance(Duration.ofDays(7).plusMinutes(1));
            reception = fixtures.bearer(receptionist);
            deliver(message(3, other, "/start " + expired));
            deliver(message(4, other, "/start " + "A".repeat(43)));

            assertThat(sent("sendMessage", other))
                    .extracting(FakeTelegramServer.Call::text)
                    .containsExactly(
                            "This link has already been used. Please ask the clinic reception for a new link.",
                            "This link has expired. Please ask the clinic reception for a new link.",
                            "This link is not valid. Please ask the clinic reception for a new link.");
            assertThat(links(patient).get("links")).hasSize(1);
        }

        @Test
        void stopUnlinksEveryLinkOfTheChatAndAFreshLinkLinksAgain() {
            bot("WEBHOOK");
            String mother = registerPatient("Karimova", "Aziza", "en");
            String son = registerPatient("Karimov", "Bobur", "en");
            deliver(message(1, chat, "/start " + link(mother, son)));

            deliver(message(2, chat, "/stop"));

            assertThat(activeLinks(mother)).isZero();
            assertThat(activeLinks(son)).isZero();
            assertThat(links(mother).get("links").get(0).get("unlinkReason").asString())
                    .isEqualTo("STOPPED");
            assertThat(sent("sendMessage", chat).getLast().text()).startsWith("You will no longer receive");

            deliver(message(3, chat, "/start " + link(mother)));
            assertThat(activeLinks(mother)).isEqualTo(1);
        }

        @Test
        void staffUnlinkAndOtherOrganizationsAndRoles() {
            bot("WEBHOOK");
            String patient = registerPatient("Karimova", "Aziza", "en");
            deliver(message(1, chat, "/start " + link(patient)));
            String linkId = links(patient).get("links").get(0).get("id").asString();
            IdentityFixtures.Clinic other = fixtures.clinic();
            String otherReception = fixtures.bearer(fixtures.staff(other, Role.RECEPTIONIST));
            Staff doctor = fixtures.staff(clinic, Role.DOCTOR);

            assertThat(api.get(otherReception, "/api/v1/patients/" + patient + "/telegram-links"))
                    .hasStatus(404);
            assertThat(api.post(otherReception, "/api/v1/patients/" + patient + "/telegram-link", "{}"))
                    .hasStatus(404);
            assertThat(api.post(fixtures.bearer(doctor), "/api/v1/patients/" + patient + "/telegram-link", "{}"))
                    .hasStatus(403);
            assertThat(mvc.delete()
                            .uri("/api/v1/patients/" + patient + "/telegram-links/" + linkId)
                            .header("Authorization", otherReception))
                    .hasStatus(404);
            assertThat(mvc.delete()
                            .uri("/api/v1/patients/" + patient + "/telegram-links/" + linkId)
                            .header("Authorization", reception))
                    .hasStatus(204);
            assertThat(activeLinks(patient)).isZero();
        }
    }

    // --- the reminders' buttons ----------------------------------------------------------------------------

    @Nested
    class Buttons {

        String patient;
        String appointment;
        long reminder;

        @BeforeEach
        void booked() {
            bot("WEBHOOK");
            patient = registerPatient("Karimova", "Aziza", "en");
            AppointmentFixtures.Booked booked =
                    AppointmentFixtures.book(api, fixtures, clinic, admin, reception, patient, clock, 3, 10);
            appointment = booked.appointmentId();
            bookingBody = booked.booking();
            deliver(message(1, chat, "/start " + link(patient)));
            // the reminder as the engine sends it
            reminder = client.sendMessage(
                            token,
                            chat,
                            "Reminder",
                            List.of(List.of(
                                    new TelegramClient.Button("Confirm", "appt:confirm:" + appointment),
                                    new TelegramClient.Button("Cancel", "appt:cancel:" + appointment))))
                    .messageId()
                    .orElseThrow();
        }

        String bookingBody;

        String status() {
            return api.body(api.get(reception, "/api/v1/appointments/" + appointment))
                    .get("status")
                    .asString();
        }

        @Nullable
        String confirmedVia() {
            return asTenant(
                    () -> jdbc.sql("SELECT COALESCE(confirmed_via, '-') FROM scheduling.appointments WHERE id = :id")
                            .param("id", UUID.fromString(appointment))
                            .query(String.class)
                            .single());
        }

        @Test
        void confirmConfirmsTheAppointmentAndSaysSo() {
            deliver(callback(2, chat, reminder, "appt:confirm:" + appointment));

            assertThat(confirmedVia()).isEqualTo("TELEGRAM");
            assertThat(status()).isEqualTo("BOOKED");
            assertThat(answers()).singleElement().satisfies(call -> assertThat(
                            call.params().path("text").asString())
                    .isEqualTo("Confirmed"));
            assertThat(sent("editMessageText", chat)).singleElement().satisfies(call -> {
                assertThat(call.text()).startsWith("Your appointment on").contains("is confirmed");
                assertThat(call.callbackData()).isEmpty();
            });
        }

        @Test
        void cancelAsksFirstThenYesCancelsAndFreesTheSlot() {
            deliver(callback(2, chat, reminder, "appt:cancel:" + appointment));

            assertThat(status()).isEqualTo("BOOKED");
            assertThat(sent("editMessageText", chat)).singleElement().satisfies(call -> {
                assertThat(call.text()).startsWith("Cancel your appointment on");
                assertThat(call.callbackData())
                        .containsExactly("appt:cancel-yes:" + appointment, "appt:cancel-no:" + appointment);
            });

            deliver(callback(3, chat, reminder, "appt:cancel-yes:" + appointment));

            assertThat(status()).isEqualTo("CANCELLED");
            assertThat(sent("editMessageText", chat).getLast().text()).contains("is cancelled");
            assertThat(answers()).hasSize(2);
            assertThat(api.post(reception, "/api/v1/appointments", bookingBody)).hasStatus(201);
        }

        @Test
        void noKeepsTheAppointmentAndOffersTheButtonsAgain() {
            deliver(callback(2, chat, reminder, "appt:cancel:" + appointment));

            deliver(callback(3, chat, reminder, "appt:cancel-no:" + appointment));

            assertThat(status()).isEqualTo("BOOKED");
            assertThat(sent("editMessageText", chat).getLast().callbackData())
                    .containsExactly("appt:confirm:" + appointment, "appt:cancel:" + appointment);
        }

        @Test
        void refusesAButtonFromAChatNotLinkedToThePatient() {
            long stranger = chat + 7;

            deliver(callback(2, stranger, reminder, "appt:confirm:" + appointment));
            deliver(callback(3, stranger, reminder, "appt:cancel-yes:" + appointment));

            assertThat(confirmedVia()).isEqualTo("-");
            assertThat(status()).isEqualTo("BOOKED");
            assertThat(answers())
                    .extracting(call -> call.params().path("text").asString())
                    .containsExactly("This button is not for this chat.", "This button is not for this chat.");
            assertThat(sent("editMessageText", stranger)).isEmpty();
        }

        @Test
        void answersAStaleButtonPolitely() {
            assertThat(api.post(
                            reception,
                            "/api/v1/appointments/" + appointment + "/cancel",
                            "{\"reason\":\"patient called\"}"))
                    .hasStatusOk();

            deliver(callback(2, chat, reminder, "appt:confirm:" + appointment));
            deliver(callback(3, chat, reminder, "appt:whatever:" + appointment));

            assertThat(answers())
                    .extracting(call -> call.params().path("text").asString())
                    .containsExactly("No longer possible", "This button no longer works.");
            assertThat(sent("editMessageText", chat).getLast().text()).contains("can no longer be changed");
        }
    }

    // --- long polling --------------------------------------------------------------------------------------

    @Nested
    class Polling {

        @Test
        void consumesGetUpdatesWithOffsetsAndTheSameHandler() {
            bot("POLLING");
            String patient = registerPatient("Karimova", "Aziza", "en");
            TenantId tenant = clinic.tenantId();
            long first = telegram.queueUpdate(token, update(message(0, chat, "/start " + link(patient))));
            long second = telegram.queueUpdate(token, update(message(0, chat, "hello")));

            assertThat(poller.pollOnce(tenant)).isEqualTo(2);
            long third = telegram.queueUpdate(token, update(message(0, chat, "/stop")));
            assertThat(poller.pollOnce(tenant)).isEqualTo(1);
            assertThat(poller.pollOnce(tenant)).isZero();

            List<Long> offsets =
                    telegram.calls(c -> c.token().equals(token) && c.method().equalsIgnoreCase("getUpdates")).stream()
                            .map(call -> call.params().path("offset").asLong())
                            .toList();
            assertThat(offsets).containsExactly(0L, second + 1, third + 1);
            assertThat(first).isLessThan(second);
            assertThat(sent("sendMessage", chat)).hasSize(3);
            assertThat(activeLinks(patient)).isZero();
            JsonNode status = api.body(api.get(admin, "/api/v1/notifications/telegram/bot"));
            assertThat(status.get("pollerRunning").asBoolean()).isTrue();
            assertThat(status.get("lastUpdateAt").isNull()).isFalse();
        }

        @Test
        void onlyOneNodePollsABotUntilItsLeaseRunsOut() {
            bot("POLLING");
            asTenant(() -> jdbc.sql(
                            """
                            UPDATE notifications.telegram_bots SET poller_node = 'another-node',
                                poller_lease_until = now() + interval '1 minute'
                            """)
                    .update());
            telegram.queueUpdate(token, update(message(0, chat, "hello")));

            assertThat(poller.pollOnce(clinic.tenantId())).isEqualTo(-1);
            assertThat(sent("sendMessage", chat)).isEmpty();

            clock.advance(Duration.ofMinutes(2));
            assertThat(poller.pollOnce(clinic.tenantId())).isEqualTo(1);
            assertThat(sent("sendMessage", chat)).hasSize(1);
        }

        @Test
        void aWebhookBotIsNotPolled() {
            bot("WEBHOOK");

            assertThat(poller.pollOnce(clinic.tenantId())).isEqualTo(-1);
        }

        ObjectNode update(String text) {
            return (ObjectNode) json.readTree(text);
        }
    }
}
