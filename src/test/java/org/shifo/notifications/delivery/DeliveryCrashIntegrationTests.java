package org.shifo.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shifo.notifications.testing.NotificationFixtures.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.notifications.testing.FakeTelegramServer;
import org.shifo.notifications.testing.NotificationFixtures;
import org.shifo.notifications.testing.NotificationFixtures.Ready;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The crash rule: a node that dies after claiming rows but before calling Telegram leaves them SENDING; when the
 * lease expires they are sent exactly once. A node that dies while calling Telegram leaves a row that may have
 * been delivered: it goes DEAD as UNCERTAIN and is sent again only when an administrator says so. The crash is
 * staged by claiming rows the way a worker does (claimOnly, and markStarted for the second case) without sending.
 */
@IntegrationTest
class DeliveryCrashIntegrationTests {

    @Autowired
    NotificationFixtures fixtures;

    @Autowired
    NotificationRows rows;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    DeliverySettings settings;

    @Autowired
    DeliveryStatistics statistics;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private final FakeTelegramServer telegram = FakeTelegramServer.get();

    @Test
    void aClaimLostBeforeSendingIsSentExactlyOnceAfterTheLease() {
        Ready ready = fixtures.clinicAtEight();
        long chat = fixtures.link(ready, "en");
        Instant due = fixtures.now().plus(Duration.ofHours(1));
        UUID id = insert(ready, chat, "crash-before-send", due);

        assertThat(worker.claimOnly(due)).contains(id);
        assertThat(status(ready.tenant(), id)).isEqualTo("SENDING");

        fixtures.advance(Duration.ofHours(1).plus(settings.lease()).plusSeconds(1));

        await("the recovered row sent", () -> status(ready.tenant(), id).equals("SENT"));
        worker.recover();
        assertThat(telegram.delivered(chat)).hasSize(1);
        assertThat(status(ready.tenant(), id)).isEqualTo("SENT");
    }

    @Test
    void aClaimLostWhileSendingIsNeverSentAgainByItself() {
        Ready ready = fixtures.clinic();
        long chat = fixtures.link(ready, "ru");
        Instant due = fixtures.now().plus(Duration.ofHours(1));
        UUID id = insert(ready, chat, "crash-while-sending", due);
        assertThat(worker.claimOnly(due)).contains(id);
        Boolean started = TenantContext.callAsSystem(
                () -> transactions.execute(status -> rows.markStarted(id, worker.node(), fixtures.now())));
        assertThat(started).isTrue();

        fixtures.advance(Duration.ofHours(1).plus(settings.lease()).plusSeconds(1));
        worker.recover();

        assertThat(status(ready.tenant(), id)).isEqualTo("DEAD");
        assertThat(telegram.delivered(chat)).isEmpty();
        assertThat(TenantContext.callAs(ready.tenant(), () -> statistics.deadLetters(ready.tenant(), 10)))
                .extracting(DeliveryStatistics.DeadLetter::lastError)
                .contains("UNCERTAIN");

        boolean retried = TenantContext.callAs(ready.tenant(), () -> statistics.retry(ready.tenant(), id));

        assertThat(retried).isTrue();
        await("the administrator's retry", () -> status(ready.tenant(), id).equals("SENT"));
        assertThat(telegram.delivered(chat)).hasSize(1);
        LocalDate today = fixtures.localNow().toLocalDate();
        List<DeliveryStatistics.DailyCount> counts = TenantContext.callAs(
                ready.tenant(),
                () -> statistics.daily(ready.tenant(), today.minusDays(2), today, NotificationFixtures.TASHKENT));
        assertThat(counts).anySatisfy(count -> {
            assertThat(count.channel()).isEqualTo("TELEGRAM");
            assertThat(count.status()).isEqualTo("SENT");
        });
        assertThat(TenantContext.callAs(ready.tenant(), () -> statistics.retry(ready.tenant(), id)))
                .isFalse();
    }

    private UUID insert(Ready ready, long chat, String key, Instant due) {
        Instant now = fixtures.now();
        TenantContext.runAs(
                ready.tenant(),
                () -> transactions.executeWithoutResult(status -> rows.insert(
                        new NotificationRows.NewRow(
                                ready.tenant(),
                                key,
                                "PATIENT",
                                ready.patientId(),
                                "TELEGRAM",
                                Long.toString(chat),
                                NotificationTemplate.QUEUE_CALLED,
                                "en",
                                Map.of("patient", "Ali", "ticket", "A-001", "room", "7"),
                                true,
                                due,
                                null),
                        now)));
        return TenantContext.callAs(
                ready.tenant(),
                () -> transactions.execute(status -> jdbc.sql(
                                "SELECT id FROM notifications.notifications WHERE tenant_id = :tenant AND event_key = :key")
                        .param("tenant", ready.tenant().value())
                        .param("key", key)
                        .query(UUID.class)
                        .single()));
    }

    private String status(TenantId tenant, UUID id) {
        return TenantContext.callAs(
                tenant,
                () -> transactions.execute(status -> jdbc.sql(
                                "SELECT status FROM notifications.notifications WHERE tenant_id = :tenant AND id = :id")
                        .param("tenant", tenant.value())
                        .param("id", id)
                        .query(String.class)
                        .single()));
    }
}
