package org.shifo.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shifo.notifications.testing.NotificationFixtures.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shifo.billing.InvoicePaid;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.notifications.testing.FakeTelegramServer;
import org.shifo.notifications.testing.FakeTelegramServer.Answer;
import org.shifo.notifications.testing.NotificationFixtures;
import org.shifo.notifications.testing.NotificationFixtures.Ready;
import org.shifo.patients.PatientId;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.queue.TicketCalled;
import org.shifo.scheduling.AppointmentBooked;
import org.shifo.scheduling.AppointmentId;
import org.shifo.scheduling.AppointmentRescheduled;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine end to end against the local Telegram server: events make rows in their own transaction, the
 * background workers send them under the limits, and the outcomes are recorded. Waits poll the database or the
 * fake (the workers run on their own threads); nothing asserts a duration.
 */
@IntegrationTest
class DeliveryEngineIntegrationTests {

    @Autowired
    NotificationFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DeliveryStatistics statistics;

    @Autowired
    org.springframework.test.web.servlet.assertj.MockMvcTester mvc;

    @Autowired
    tools.jackson.databind.json.JsonMapper json;

    @Autowired
    org.shifo.platform.testing.IdentityFixtures identity;

    private final FakeTelegramServer telegram = FakeTelegramServer.get();

    @Test
    void anIssuedInvoiceSendsThePatientThePaymentLinkOnce() {
        Ready ready = fixtures.clinicAtEight();
        long chat = fixtures.link(ready, "ru");
        var api = new org.shifo.platform.testing.ApiCalls(mvc, json);
        String admin = identity.bearer(identity.admin(ready.clinic()));
        String reception = identity.bearer(identity.staff(ready.clinic(), org.shifo.identity.Role.RECEPTIONIST));
        var billing = new org.shifo.billing.BillingFixtures(api, admin, reception);
        String branch = ready.clinic().branchId().value().toString();
        String service = billing.service("Dressing");
        billing.price(service, branch, 15_000_000L);
        // without an online provider there is nothing to send
        billing.issuedInvoice(reception, ready.patientId().toString(), branch, service);
        assertThat(rows(ready.tenant(), chat, "invoice-payment-link")).isEmpty();

        assertThat(api.put(
                        admin,
                        "/api/v1/billing/providers/payme",
                        "{\"merchantId\":\"587f72c72cac0d162c722ae2\",\"key\":\"%s\"}"
                                .formatted("Zx" + UUID.randomUUID().toString().replace("-", ""))))
                .hasStatus(200);
        billing.issuedInvoice(reception, ready.patientId().toString(), branch, service);

        await("the payment link", () -> telegram.delivered(chat).size() == 1);
        assertThat(telegram.delivered(chat).getFirst().text())
                .contains("150\u00a0000")
                .contains("https://checkout.paycom.uz/");
        assertThat(rows(ready.tenant(), chat, "invoice-payment-link")).hasSize(1);
    }

    @Test
    void whoeverIsFirstInLineHearsTheirTurnIsNextOnceThenTheirCall() {
        Ready ready = fixtures.clinicAtEight();
        long chat = fixtures.link(ready, "en");
        var api = new org.shifo.platform.testing.ApiCalls(mvc, json);
        String reception = identity.bearer(identity.staff(ready.clinic(), org.shifo.identity.Role.RECEPTIONIST));
        String before = api.body(
                        api.post(
                                reception,
                                "/api/v1/patients",
                                """
                        {"familyName":"Karimov","givenName":"Aziz","sex":"MALE","birthDate":"1980-01-15",
                         "phones":[{"number":"+998901234599","primary":true}],"registerAnyway":true}
                        """))
                .get("id")
                .asString();
        String queue = api.body(api.post(
                        reception,
                        "/api/v1/queues",
                        "{\"branchId\":\"%s\",\"practitionerId\":\"%s\"}"
                                .formatted(
                                        ready.clinic().branchId().value(),
                                        ready.doctor().userId().value())))
                .get("id")
                .asString();
        for (String patient : List.of(before, ready.patientId().toString())) {
            assertThat(api.post(
                            reception,
                            "/api/v1/queues/" + queue + "/tickets",
                            "{\"patientId\":\"%s\",\"priority\":\"WALK_IN\"}".formatted(patient)))
                    .hasStatus(201);
        }

        assertThat(api.post(reception, "/api/v1/queues/" + queue + "/call-next", "{\"room\":\"3\"}"))
                .hasStatus(200);

        await("the turn is next", () -> telegram.delivered(chat).size() == 1);
        assertThat(telegram.delivered(chat).getFirst().text()).contains("you are next in the queue: ticket ");

        assertThat(api.post(reception, "/api/v1/queues/" + queue + "/call-next", "{\"room\":\"3\"}"))
                .hasStatus(200);
        await("the call", () -> telegram.delivered(chat).size() == 2);
        assertThat(telegram.delivered(chat).get(1).text()).contains("please come to room 3");
        assertThat(rows(ready.tenant(), chat, "queue-next")).hasSize(1);
    }

    @Test
    void bookingSendsOneConfirmationAndTheReminderAtItsLocalTime() {
        Ready ready = fixtures.clinicAtEight();
        long chat = fixtures.link(ready, "uz");

        UUID appointment =
                fixtures.book(ready, fixtures.localNow().toLocalDate().atTime(12, 0));

        await("the confirmation", () -> status(ready.tenant(), chat, "appointment-booked")
                .equals("SENT"));
        assertThat(telegram.delivered(chat)).hasSize(1);
        FakeTelegramServer.Call confirmation = telegram.delivered(chat).getFirst();
        assertThat(confirmation.token()).isEqualTo(ready.token());
        assertThat(confirmation.text()).contains("O'Brien").contains("12:00").contains("yozildingiz");
        assertThat(confirmation.params().path("protect_content").asBoolean()).isTrue();
        assertThat(rows(ready.tenant(), chat, "appointment-reminder"))
                .singleElement()
                .satisfies(row -> assertThat(row.get("status")).isEqualTo("PENDING"));

        fixtures.moveTo(LocalTime.of(10, 0));

        await("the 2-hour reminder", () -> status(ready.tenant(), chat, "appointment-reminder")
                .equals("SENT"));
        assertThat(telegram.delivered(chat)).hasSize(2);
        FakeTelegramServer.Call reminder = telegram.delivered(chat).get(1);
        assertThat(reminder.callbackData())
                .containsExactly("appt:confirm:" + appointment, "appt:cancel:" + appointment);
        assertThat(reminder.text()).contains("Eslatma");
    }

    @Test
    void aRedeliveredEventCreatesNothingNew() {
        Ready ready = fixtures.clinicAtEight();
        long chat = fixtures.link(ready, "ru");
        Instant start = fixtures.now().plus(Duration.ofHours(30));
        AppointmentBooked event = new AppointmentBooked(
                ready.tenant(),
                new AppointmentId(UUID.randomUUID()),
                ready.clinic().branchId(),
                new PatientId(ready.patientId()),
                ready.doctor().userId(),
                ready.serviceId(),
                start,
                start.plus(Duration.ofMinutes(30)));

        fixtures.publish(ready.tenant(), event);
        fixtures.publish(ready.tenant(), event);

        assertThat(rows(ready.tenant(), chat, null)).hasSize(3);
        await("the confirmation", () -> status(ready.tenant(), chat, "appointment-booked")
                .equals("SENT"));
        assertThat(telegram.delivered(chat)).singleElement().satisfies(call -> assertThat(call.text())
                .contains("вы записаны"));
    }

    @Test
    void aRescheduledAppointmentCancelsWhatWasPendingAndSaysSoWithNewReminders() {
        Ready ready = fixtures.clinicAtEight();
        long chat = fixtures.link(ready, "en");
        Instant first = fixtures.now().plus(Duration.ofHours(30));
        Instant later = first.plus(Duration.ofHours(24));
        AppointmentId appointment = new AppointmentId(UUID.randomUUID());
        fixtures.publish(
                ready.tenant(),
                new AppointmentBooked(
                        ready.tenant(),
                        appointment,
                        ready.clinic().branchId(),
                        new PatientId(ready.patientId()),
                        ready.doctor().userId(),
                        ready.serviceId(),
                        first,
                        first.plus(Duration.ofMinutes(30))));
        await("the confirmation", () -> status(ready.tenant(), chat, "appointment-booked")
                .equals("SENT"));

        fixtures.publish(
                ready.tenant(),
                new AppointmentRescheduled(
                        ready.tenant(),
                        appointment,
                        ready.clinic().branchId(),
                        new PatientId(ready.patientId()),
                        ready.doctor().userId(),
                        first,
                        later,
                        later.plus(Duration.ofMinutes(30))));

        // the first start's two reminders are cancelled, the new start's two are pending
        assertThat(rows(ready.tenant(), chat, "appointment-reminder"))
                .extracting(row -> row.get("status"))
                .containsExactlyInAnyOrder("CANCELLED", "CANCELLED", "PENDING", "PENDING");
        await("the rescheduling notice", () -> status(ready.tenant(), chat, "appointment-rescheduled")
                .equals("SENT"));
        assertThat(telegram.delivered(chat)).hasSize(2);
    }

    @Test
    void aCancelledAppointmentCancelsItsRemindersAndSaysSo() {
        Ready ready = fixtures.clinicAtEight();
        long chat = fixtures.link(ready, "en");
        UUID appointment =
                fixtures.book(ready, fixtures.localNow().toLocalDate().atTime(16, 0));
        await("the confirmation", () -> status(ready.tenant(), chat, "appointment-booked")
                .equals("SENT"));

        fixtures.cancel(ready, appointment);

        assertThat(status(ready.tenant(), chat, "appointment-reminder")).isEqualTo("CANCELLED");
        await("the cancellation", () -> status(ready.tenant(), chat, "appointment-cancelled")
                .equals("SENT"));
        fixtures.moveTo(LocalTime.of(14, 30));
        assertThat(telegram.delivered(chat))
                .extracting(FakeTelegramServer.Call::text)
                .hasSize(2)
                .noneMatch(text -> text.startsWith("Reminder"));
    }

    @Test
    void aQueueCallIsSentAtOnceEvenInQuietHours() {
        Ready ready = fixtures.clinicAtEight();
        long chat = fixtures.link(ready, "en");
        fixtures.moveTo(LocalTime.of(23, 0));

        fixtures.publish(ready.tenant(), ticketCalled(ready, "A-012", "5"));

        await("the call", () -> telegram.delivered(chat).size() == 1);
        assertThat(telegram.delivered(chat).getFirst().text()).contains("ticket A-012: please come to room 5");
    }

    @Test
    void quietHoursHoldOrdinaryMessagesUntilMorning() {
        Ready ready = fixtures.clinicAtEight();
        long chat = fixtures.link(ready, "uz");
        fixtures.moveTo(LocalTime.of(22, 30));

        fixtures.publish(ready.tenant(), invoicePaid(ready, 15_000_000));

        await(
                "the row held",
                () -> !rows(ready.tenant(), chat, "invoice-paid").isEmpty()
                        && rows(ready.tenant(), chat, "invoice-paid").getFirst().get("next_attempt_at")
                                instanceof java.sql.Timestamp next
                        && next.toInstant().isAfter(fixtures.now().plus(Duration.ofHours(9))));
        assertThat(telegram.delivered(chat)).isEmpty();

        fixtures.moveTo(LocalTime.of(8, 0));

        await("the morning's message", () -> telegram.delivered(chat).size() == 1);
        assertThat(telegram.delivered(chat).getFirst().text()).contains("150\u00a0000\u00a0soʻm");
    }

    @Test
    void aBlockedBotUnlinksTheChatAndTheRowIsDead() {
        Ready ready = fixtures.clinicAtEight();
        long chat = fixtures.link(ready, "uz");
        telegram.always(chat, Answer.blocked());

        fixtures.publish(ready.tenant(), ticketCalled(ready, "B-001", "3"));

        await("the dead letter", () -> status(ready.tenant(), chat, "queue-called")
                .equals("DEAD"));
        assertThat(rows(ready.tenant(), chat, "queue-called").getFirst().get("last_error"))
                .isEqualTo("TELEGRAM_BLOCKED");
        assertThat((String) TenantContext.callAs(
                        ready.tenant(),
                        () -> transactions.execute(status -> jdbc.sql(
                                        "SELECT unlink_reason FROM notifications.telegram_links WHERE chat_id = :chat")
                                .param("chat", chat)
                                .query(String.class)
                                .single())))
                .isEqualTo("BLOCKED");
        assertThat(TenantContext.callAs(ready.tenant(), () -> statistics.deadLetters(ready.tenant(), 10)))
                .singleElement()
                .satisfies(dead -> assertThat(dead.lastError()).isEqualTo("TELEGRAM_BLOCKED"));
    }

    @Test
    void aTooManyRequestsStormIsDeliveredNeverEarlierThanRetryAfter() {
        Ready ready = fixtures.clinicAtEight();
        List<Long> chats = List.of(fixtures.link(ready, "uz"), fixtures.link(ready, "ru"), fixtures.link(ready, "en"));
        chats.forEach(chat -> telegram.script(chat, Answer.tooManyRequests(2), Answer.tooManyRequests(1)));

        fixtures.publish(ready.tenant(), ticketCalled(ready, "C-007", "1"));

        for (long chat : chats) {
            await("the call to " + chat, () -> telegram.delivered(chat).size() == 1);
            List<FakeTelegramServer.Call> calls = telegram.calls(call -> call.chatId() == chat);
            assertThat(calls).extracting(FakeTelegramServer.Call::status).containsExactly(429, 429, 200);
            assertThat(calls.get(1).nanos() - calls.get(0).nanos())
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2).toNanos());
            assertThat(calls.get(2).nanos() - calls.get(1).nanos())
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
        }
        assertThat(telegram.limitRefusals()).isZero();
    }

    @Test
    void aServerErrorIsRetriedAfterABackOff() {
        Ready ready = fixtures.clinicAtEight();
        long chat = fixtures.link(ready, "en");
        telegram.script(chat, Answer.serverError(502));

        fixtures.publish(ready.tenant(), ticketCalled(ready, "D-100", "2"));

        await(
                "the back-off",
                () -> rows(ready.tenant(), chat, "queue-called").getFirst().get("last_error") != null);
        Map<String, Object> failed = rows(ready.tenant(), chat, "queue-called").getFirst();
        assertThat(failed.get("status")).isEqualTo("PENDING");
        assertThat(failed.get("attempts")).isEqualTo(1);
        assertThat(failed.get("last_error")).isEqualTo("TELEGRAM_5XX");
        assertThat(((java.sql.Timestamp) failed.get("next_attempt_at")).toInstant())
                .isAfter(fixtures.now().plus(Duration.ofSeconds(2)));

        fixtures.advance(Duration.ofSeconds(10));

        await("the retry", () -> telegram.delivered(chat).size() == 1);
        assertThat(telegram.calls(call -> call.chatId() == chat))
                .extracting(FakeTelegramServer.Call::status)
                .containsExactly(502, 200);
    }

    private TicketCalled ticketCalled(Ready ready, String number, String room) {
        return new TicketCalled(
                ready.tenant(),
                ready.clinic().branchId(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                number,
                new PatientId(ready.patientId()),
                room,
                1,
                fixtures.now());
    }

    private InvoicePaid invoicePaid(Ready ready, long tiyin) {
        return new InvoicePaid(
                ready.tenant(),
                UUID.randomUUID(),
                "1000001",
                new PatientId(ready.patientId()),
                ready.clinic().branchId(),
                tiyin,
                UUID.randomUUID(),
                "CASH",
                fixtures.now());
    }

    private String status(TenantId tenant, long chat, String template) {
        List<Map<String, Object>> found = rows(tenant, chat, template);
        return found.isEmpty() ? "" : (String) found.getFirst().get("status");
    }

    private List<Map<String, Object>> rows(
            TenantId tenant, long chat, @org.jspecify.annotations.Nullable String template) {
        return TenantContext.callAs(
                tenant,
                () -> transactions.execute(status -> jdbc.sql(
                                """
                        SELECT status, template, attempts, last_error, next_attempt_at, sent_at
                          FROM notifications.notifications
                         WHERE tenant_id = :tenant AND channel = 'TELEGRAM' AND address = :chat
                           AND (CAST(:template AS text) IS NULL OR template = :template)
                         ORDER BY created_at, next_attempt_at
                        """)
                        .param("tenant", tenant.value())
                        .param("chat", Long.toString(chat))
                        .param("template", template)
                        .query()
                        .listOfRows()));
    }
}
