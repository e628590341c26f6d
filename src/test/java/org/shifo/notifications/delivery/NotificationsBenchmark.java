package org.shifo.notifications.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.notifications.telegram.BotTokens;
import org.shifo.notifications.testing.FakeTelegramServer;
import org.shifo.platform.testing.BenchmarkSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How fast a burst of reminders drains through Telegram's limits: a program run on demand (not a test), see {@code
 * bench/README.md} and {@code bench/notifications.sh}.
 *
 * <p>It starts the whole application as development does (embedded PostgreSQL in a temporary directory) pointed at
 * the local {@link FakeTelegramServer} with its real limits (1 message per chat per second, 30 per bot in any
 * second, 100 ms of tolerance), creates the organizations, each with its bot and quiet hours off, and writes the
 * reminders (two per chat, the 24-hour and the 2-hour one of an appointment, as a day's bookings would) in one
 * transaction, all due at its commit. Then it waits until no row is PENDING or SENDING and reports the time to drain,
 * the fake's limit refusals (429s it had to give), the limits measured on the arrival times (the most messages of
 * one bot in any second, the shortest gap between two messages to one chat), and duplicates (a reminder delivered
 * more than once).
 *
 * <p>Arguments: {@code [reminders=10000] [chats=5000] [organizations=1]}.
 */
public final class NotificationsBenchmark {

    private static final long SECOND = 1_000_000_000L;

    public static void main(String[] args) throws Exception {
        int reminders = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int chats = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int organizations = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path out = Path.of("target/bench/notifications");
        Files.createDirectories(out);
        FakeTelegramServer telegram = FakeTelegramServer.get();
        try (BenchmarkSupport.Running running = BenchmarkSupport.start(
                "shifo-notifications-bench",
                "--shifo.notifications.telegram.api-url=" + telegram.url(),
                "--logging.level.org.shifo.notifications=WARN")) {
            run(running.context(), telegram, reminders, chats, organizations, out);
        }
        System.exit(0);
    }

    private static void run(
            ConfigurableApplicationContext app,
            FakeTelegramServer telegram,
            int reminders,
            int chats,
            int organizations,
            Path out)
            throws Exception {
        System.out.printf(
                Locale.ROOT,
                "Notifications benchmark: %d reminders across %d chats of %d organization(s), %d cores, load average"
                        + " %s%n",
                reminders,
                chats,
                organizations,
                Runtime.getRuntime().availableProcessors(),
                BenchmarkSupport.load());
        IdentityFixtures fixtures = app.getBean(IdentityFixtures.class);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        TransactionTemplate transactions = app.getBean(TransactionTemplate.class);
        BotTokens tokens = app.getBean(BotTokens.class);
        NotificationRows rows = app.getBean(NotificationRows.class);
        Clock clock = app.getBean(Clock.class);

        List<TenantId> tenants = new ArrayList<>();
        Map<TenantId, String> botTokens = new HashMap<>();
        for (int i = 0; i < organizations; i++) {
            TenantId tenant = fixtures.clinic().tenantId();
            String token =
                    (700_000 + i) + ":bench-" + UUID.randomUUID().toString().replace("-", "");
            TenantContext.runAs(
                    tenant,
                    () -> transactions.executeWithoutResult(status -> {
                        jdbc.sql(
                                        """
                                INSERT INTO notifications.telegram_bots
                                    (tenant_id, bot_username, token_encrypted, webhook_secret, mode, updated_at)
                                VALUES (:tenant, 'bench_bot', :token, 'bench_secret_0123456789', 'POLLING', now())
                                """)
                                .param("tenant", tenant.value())
                                .param("token", tokens.seal(token))
                                .update();
                        jdbc.sql(
                                        """
                                INSERT INTO notifications.settings (tenant_id, quiet_from, quiet_until, updated_at)
                                VALUES (:tenant, '00:00', '00:00', now())
                                """)
                                .param("tenant", tenant.value())
                                .update();
                    }));
            tenants.add(tenant);
            botTokens.put(tenant, token);
        }

        long insertStart = System.nanoTime();
        Instant due = clock.instant();
        TenantContext.runAsSystem(() -> transactions.executeWithoutResult(status -> {
            for (int i = 0; i < reminders; i++) {
                int chat = i % chats;
                TenantId tenant = tenants.get(chat % organizations);
                UUID appointment = UUID.nameUUIDFromBytes(("bench-" + chat + "-" + (i / chats)).getBytes());
                Map<String, String> payload = Map.of(
                        "appointmentId",
                        appointment.toString(),
                        "patient",
                        "Patient " + chat,
                        "doctor",
                        "Dr Karimov",
                        "branch",
                        "Chilonzor",
                        "startsAt",
                        due.plus(Duration.ofHours(26)).toString(),
                        "zone",
                        "Asia/Tashkent");
                rows.insert(
                        new NotificationRows.NewRow(
                                tenant,
                                "bench:" + appointment + ":reminder:" + (i / chats),
                                "PATIENT",
                                UUID.nameUUIDFromBytes(("patient-" + chat).getBytes()),
                                "TELEGRAM",
                                Long.toString(5_000_000_000L + chat),
                                NotificationTemplate.APPOINTMENT_REMINDER,
                                "uz",
                                payload,
                                false,
                                due,
                                null),
                        due);
            }
        }));
        long committed = System.nanoTime();
        System.out.printf(Locale.ROOT, "Rows written and committed in %.1f s%n", (committed - insertStart) / 1e9);

        long lastReport = committed;
        long remaining;
        do {
            Thread.sleep(500);
            remaining = TenantContext.callAsSystem(() -> transactions.execute(status -> jdbc.sql(
                            "SELECT count(*) FROM notifications.notifications WHERE status IN ('PENDING', 'SENDING')")
                    .query(Long.class)
                    .single()));
            if (System.nanoTime() - lastReport > 30 * SECOND) {
                lastReport = System.nanoTime();
                System.out.printf(
                        Locale.ROOT,
                        "  %.0f s: %d left, %d delivered, load average %s%n",
                        (lastReport - committed) / 1e9,
                        remaining,
                        telegram.delivered().size(),
                        BenchmarkSupport.load());
            }
        } while (remaining > 0);
        long drained = System.nanoTime();

        List<FakeTelegramServer.Call> delivered = telegram.delivered();
        Map<String, Long> byStatus = new HashMap<>();
        TenantContext.callAsSystem(() -> transactions.execute(
                status -> jdbc.sql("SELECT status, count(*) AS n FROM notifications.notifications GROUP BY status")
                        .query((rs, n) -> byStatus.put(rs.getString("status"), rs.getLong("n")))
                        .list()));
        Set<String> seen = new HashSet<>();
        long duplicates = 0;
        Map<Long, Long> lastPerChat = new HashMap<>();
        long shortestChatGap = Long.MAX_VALUE;
        Map<String, List<Long>> perBot = new HashMap<>();
        for (FakeTelegramServer.Call call : delivered) {
            String reminder = call.chatId() + "/" + String.join(",", call.callbackData());
            if (!seen.add(reminder)) {
                duplicates++;
            }
            Long last = lastPerChat.put(call.chatId(), call.nanos());
            if (last != null) {
                shortestChatGap = Math.min(shortestChatGap, call.nanos() - last);
            }
            perBot.computeIfAbsent(call.token(), t -> new ArrayList<>()).add(call.nanos());
        }
        int busiestSecond = 0;
        for (List<Long> times : perBot.values()) {
            times.sort(Long::compare);
            int from = 0;
            for (int to = 0; to < times.size(); to++) {
                while (times.get(to) - times.get(from) >= SECOND) {
                    from++;
                }
                busiestSecond = Math.max(busiestSecond, to - from + 1);
            }
        }
        double seconds = (drained - committed) / 1e9;
        List<String> lines = List.of(
                String.format(Locale.ROOT, "drain: %.1f s (%.1f messages/s)", seconds, delivered.size() / seconds),
                "rows: " + byStatus,
                "delivered: " + delivered.size() + " of " + reminders,
                "duplicates: " + duplicates,
                "limit refusals (429 from the fake's limits): " + telegram.limitRefusals(),
                "busiest second of one bot: " + busiestSecond + " messages (limit 30)",
                String.format(
                        Locale.ROOT,
                        "shortest gap between two messages to one chat: %.0f ms (limit 1000)",
                        shortestChatGap == Long.MAX_VALUE ? Double.NaN : shortestChatGap / 1e6),
                "load average after: " + BenchmarkSupport.load());
        lines.forEach(System.out::println);
        Files.write(out.resolve("result.txt"), lines);
        System.out.println("Bot tokens used: " + botTokens.size());
    }
}
