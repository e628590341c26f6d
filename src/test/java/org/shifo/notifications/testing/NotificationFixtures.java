package org.shifo.notifications.testing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.notifications.telegram.BotTokens;
import org.shifo.patients.domain.PatientForm;
import org.shifo.patients.registry.PatientRegistry;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.TestClock;
import org.shifo.scheduling.AppointmentFixtures;
import org.shifo.scheduling.booking.AppointmentBook;
import org.shifo.scheduling.booking.ScheduleSetup;
import org.shifo.scheduling.booking.ServiceCatalogue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A clinic whose patient is linked to Telegram, for the notification tests: a doctor who works around the clock,
 * a 30-minute service, a patient, the organization's bot
 * (its token sealed as the bot settings store it) and the clock moved to the next 08:00 in Tashkent.
 */
@Component
public class NotificationFixtures {

    public static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    private final IdentityFixtures identity;
    private final PatientRegistry registry;
    private final ServiceCatalogue catalogue;
    private final ScheduleSetup setup;
    private final AppointmentBook book;
    private final ObjectProvider<TestClock> testClock;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final BotTokens tokens;
    private final ApplicationEventPublisher events;

    NotificationFixtures(
            IdentityFixtures identity,
            PatientRegistry registry,
            ServiceCatalogue catalogue,
            ScheduleSetup setup,
            AppointmentBook book,
            ObjectProvider<TestClock> testClock,
            Clock clock,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            BotTokens tokens,
            ApplicationEventPublisher events) {
        this.identity = identity;
        this.registry = registry;
        this.catalogue = catalogue;
        this.setup = setup;
        this.book = book;
        this.testClock = testClock;
        this.clock = clock;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tokens = tokens;
        this.events = events;
    }

    /** The clinic, its doctor, service, patient and bot token. */
    public record Ready(IdentityFixtures.Clinic clinic, Staff doctor, UUID serviceId, UUID patientId, String token) {

        public TenantId tenant() {
            return clinic.tenantId();
        }
    }

    /** Moves the clock to the next 08:00 in Tashkent, then makes a clinic. */
    public Ready clinicAtEight() {
        moveTo(LocalTime.of(8, 0));
        return clinic();
    }

    /** A clinic ready to book, with a bot. */
    public Ready clinic() {
        IdentityFixtures.Clinic clinic = identity.clinic();
        Staff doctor = identity.staff(clinic, Role.DOCTOR);
        String token = ThreadLocalRandom.current().nextLong(100_000, 999_999_999) + ":test-"
                + UUID.randomUUID().toString().replace("-", "");
        return TenantContext.callAs(clinic.tenantId(), () -> {
            UUID service = AppointmentFixtures.roundTheClock(catalogue, setup, doctor, clinic.branchId());
            UUID patient = registry.register(
                            new PatientForm(
                                    "O'Brien",
                                    "Dilnoza",
                                    null,
                                    "FEMALE",
                                    java.time.LocalDate.of(1990, 1, 2),
                                    List.of(new PatientForm.Phone(
                                            "+99890"
                                                    + (1_000_000
                                                            + ThreadLocalRandom.current()
                                                                    .nextInt(8_000_000)),
                                            true)),
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null),
                            true)
                    .id()
                    .value();
            transactions.executeWithoutResult(status -> jdbc.sql(
                            """
                            INSERT INTO notifications.telegram_bots
                                (tenant_id, bot_username, token_encrypted, webhook_secret, mode, updated_at)
                            VALUES (:tenant, 'clinic_test_bot', :token, 'secret_0123456789abcdef', 'POLLING', now())
                            """)
                    .param("tenant", clinic.tenantId().value())
                    .param("token", tokens.seal(token))
                    .update());
            return new Ready(clinic, doctor, service, patient, token);
        });
    }

    /** Links a new chat to the patient in {@code language}; returns the chat id. */
    public long link(Ready ready, String language) {
        long chat = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        TenantContext.runAs(
                ready.tenant(),
                () -> transactions.executeWithoutResult(status -> jdbc.sql(
                                """
                        INSERT INTO notifications.telegram_links
                            (id, tenant_id, patient_id, chat_id, telegram_user_id, language, consent_at, linked_at)
                        VALUES (:id, :tenant, :patient, :chat, :chat, :language, :now, :now)
                        """)
                        .param("id", UUID.randomUUID())
                        .param("tenant", ready.tenant().value())
                        .param("patient", ready.patientId())
                        .param("chat", chat)
                        .param("language", language)
                        .param("now", Timestamp.from(clock.instant()))
                        .update()));
        return chat;
    }

    /** Books the patient with the doctor at a local time in Tashkent; returns the appointment's id. */
    public UUID book(Ready ready, LocalDateTime local) {
        return TenantContext.callAs(
                ready.tenant(),
                () -> UUID.fromString(book.book(new AppointmentBook.BookingInput(
                                ready.patientId().toString(),
                                ready.doctor().userId().value().toString(),
                                ready.serviceId().toString(),
                                local.atZone(TASHKENT).toOffsetDateTime().toString(),
                                null,
                                null))
                        .appointment()
                        .id()
                        .toString()));
    }

    public void cancel(Ready ready, UUID appointment) {
        TenantContext.runAs(ready.tenant(), () -> book.cancel(appointment, "changed plans"));
    }

    /** Publishes an event in a transaction of the tenant, as its module would. */
    public void publish(TenantId tenant, Object event) {
        TenantContext.runAs(tenant, () -> transactions.executeWithoutResult(status -> events.publishEvent(event)));
    }

    /** Now, local to Tashkent. */
    public LocalDateTime localNow() {
        return LocalDateTime.ofInstant(clock.instant(), TASHKENT);
    }

    /** Moves the clock forward to the next {@code time} in Tashkent. */
    public void moveTo(LocalTime time) {
        ZonedDateTime now = clock.instant().atZone(TASHKENT);
        ZonedDateTime next = now.toLocalDate().atTime(time).atZone(TASHKENT);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        advance(Duration.between(now, next));
    }

    public void advance(Duration duration) {
        testClock.getObject().advance(duration);
    }

    public Instant now() {
        return clock.instant();
    }

    /** Waits until {@code condition} holds (the workers run on their own threads); fails after 60 s. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for: " + what);
            }
        }
    }
}
