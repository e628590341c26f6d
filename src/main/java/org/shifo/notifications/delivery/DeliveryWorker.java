package org.shifo.notifications.delivery;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchTimeZones;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.notifications.delivery.NotificationRows.Preferences;
import org.shifo.notifications.delivery.NotificationRows.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The workers of this node (docs/notifications.md, "Engine"). One loop claims due rows of every organization with
 * {@code FOR UPDATE SKIP LOCKED} in a short transaction (SENDING, claimed_at, claimed_by), reserves each Telegram
 * row's slot under the rate limits, and hands it to a virtual thread that waits for the slot, commits {@code
 * send_started_at}, calls the channel's {@link ChannelSender} outside any transaction and records the outcome. An
 * idle loop looks again after {@code poll-interval} (200 ms): a row created by a queue call is picked up within that
 * interval plus one claim.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(2);
    private static final Duration PREFERENCES_TTL = Duration.ofSeconds(5);

    /** How long {@link #stop} lets the loop finish its pass before interrupting it. */
    private static final Duration PASS_GRACE = Duration.ofSeconds(5);

    private final NotificationRows rows;
    private final NotificationTemplates templates;
    private final MessageValues values;
    private final Map<String, ChannelSender> senders;
    private final DeliverySettings settings;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final SendLimiter limiter = new SendLimiter();
    private final String node;
    /** Runs the sends of claimed rows; shut down by {@link #stop}, a new one on each {@link #start}. */
    private volatile ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<TenantId, CachedPreferences> preferences = new ConcurrentHashMap<>();

    private volatile boolean running;
    private volatile @Nullable Thread loop;
    /** Counted down by {@link #stop}: ends the loop's pause between passes (a pass in progress is finished). */
    private volatile CountDownLatch stopping = new CountDownLatch(0);

    private long lastRecoveryNanos = System.nanoTime() - RECOVERY_INTERVAL.toNanos();

    private record CachedPreferences(Preferences preferences, long loadedNanos) {}

    DeliveryWorker(
            NotificationRows rows,
            NotificationTemplates templates,
            MessageValues values,
            List<ChannelSender> senders,
            DeliverySettings settings,
            DeliveryMetrics metrics,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.rows = rows;
        this.templates = templates;
        this.values = values;
        this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.node = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- lifecycle

    @Override
    public void start() {
        if (!settings.enabled() || running) {
            return;
        }
        if (sends.isShutdown()) {
            sends = Executors.newVirtualThreadPerTaskExecutor();
        }
        stopping = new CountDownLatch(1);
        running = true;
        loop = Thread.ofVirtual().name("notifications-worker").start(this::run);
    }

    /**
     * Lets the loop finish the pass it is in (an interrupt would break off its statement and the connection with
     * it, and the rollback would fail and be logged as an error), interrupting it only after {@link #PASS_GRACE}.
     */
    @Override
    public void stop() {
        running = false;
        stopping.countDown();
        Thread thread = loop;
        if (thread != null) {
            try {
                if (!thread.join(PASS_GRACE)) {
                    thread.interrupt();
                    thread.join(PASS_GRACE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ExecutorService sending = sends;
        sending.shutdown();
        try {
            sending.awaitTermination(settings.maxHold().toMillis() + 15_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            inSystem(() -> rows.releaseAll(node));
        } catch (RuntimeException e) {
            log.warn(
                    "Could not release this node's claimed notifications: {}",
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            int claimed = 0;
            try {
                claimed = pollOnce();
            } catch (RuntimeException e) {
                log.warn("Notification worker pass failed: {}", e.getClass().getSimpleName());
            }
            if (claimed == 0) {
                try {
                    if (stopping.await(settings.pollInterval().toNanos(), TimeUnit.NANOSECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** This node's name in claimed_by. */
    public String node() {
        return node;
    }

    // ---- one pass

    /**
     * One pass of the loop: the crash rule when due, then one claim of at most {@code batch-size} rows handed to
     * senders. Returns how many rows were claimed.
     */
    public int pollOnce() {
        long nowNanos = System.nanoTime();
        if (nowNanos - lastRecoveryNanos >= RECOVERY_INTERVAL.toNanos()) {
            lastRecoveryNanos = nowNanos;
            recover();
            metrics.due(inSystem(() -> rows.dueCount(clock.instant())));
        }
        if (inFlight.get() >= settings.batchSize() * 4) {
            return 0;
        }
        List<Row> claimed = claim(clock.instant());
        claimed.forEach(this::dispatch);
        return claimed.size();
    }

    /** Claims due rows as this node would (tests use it to stage a crash between claim and send). */
    public List<UUID> claimOnly(Instant now) {
        return claim(now).stream().map(Row::id).toList();
    }

    private List<Row> claim(Instant now) {
        Set<UUID> saturated = saturatedBots();
        return inSystem(() -> rows.claim(now, node, senders.keySet(), saturated, settings.batchSize()));
    }

    /**
     * The crash rule: SENDING rows whose lease ({@code lease}) expired go back to PENDING when their provider was
     * never called, or DEAD as UNCERTAIN when it may have been: never sent twice.
     */
    public void recover() {
        Instant cutoff = clock.instant().minus(settings.lease());
        int[] recovered = inSystem(() -> rows.recoverExpired(cutoff));
        if (recovered[0] > 0 || recovered[1] > 0) {
            log.info(
                    "Recovered notifications of expired claims: {} back to pending, {} uncertain",
                    recovered[0],
                    recovered[1]);
            for (int i = 0; i < recovered[1]; i++) {
                metrics.count("ANY", "uncertain", "UNCERTAIN");
            }
        }
    }

    private Set<UUID> saturatedBots() {
        long now = System.nanoTime();
        long horizon = now + settings.maxHold().toNanos();
        Set<UUID> saturated = new HashSet<>();
        preferences.forEach((tenant, cached) -> {
            if (limiter.nextFree(tenant.toString(), perBot(cached.preferences()), now) > horizon) {
                saturated.add(tenant.value());
            }
        });
        return saturated;
    }

    private void dispatch(Row row) {
        Instant now = clock.instant();
        try {
            if (row.expiresAt() != null && !now.isBefore(row.expiresAt())) {
                inSystemRun(() -> rows.cancel(row.id(), "EXPIRED"));
                metrics.count(row.channel(), "cancelled", "EXPIRED");
                return;
            }
            Optional<NotificationTemplate> template = NotificationTemplate.byKey(row.template());
            if (template.isEmpty()) {
                inSystemRun(() -> rows.dead(row.id(), "UNKNOWN_TEMPLATE"));
                metrics.count(row.channel(), "dead", "UNKNOWN_TEMPLATE");
                return;
            }
            Preferences prefs = preferencesOf(row.tenant());
            if (!row.urgent()) {
                Optional<Instant> quietEnd =
                        new QuietHours(prefs.quietFrom(), prefs.quietUntil(), zoneOf(row)).endOf(now);
                if (quietEnd.isPresent()) {
                    inSystemRun(() -> rows.release(row.id(), node, quietEnd.get()));
                    metrics.count(row.channel(), "released", "QUIET_HOURS");
                    return;
                }
            }
            SendLimiter.@Nullable Reservation reservation = null;
            long nowNanos = System.nanoTime();
            if (row.channel().equals("TELEGRAM")) {
                reservation = limiter.reserve(
                        row.tenant().toString(), row.address(), perBot(prefs), perChat(prefs), nowNanos);
                long wait = reservation.atNanos() - nowNanos;
                if (wait > settings.maxHold().toNanos()) {
                    limiter.cancel(reservation, perChat(prefs));
                    Instant next = now.plusNanos(wait);
                    inSystemRun(() -> rows.release(row.id(), node, next));
                    return;
                }
            }
            SendLimiter.@Nullable Reservation slot = reservation;
            inFlight.incrementAndGet();
            sends.execute(() -> {
                try {
                    if (slot != null) {
                        sleepUntil(slot.atNanos());
                    }
                    deliver(row, template.get(), prefs, slot);
                } catch (RuntimeException e) {
                    log.warn(
                            "Notification {} failed in the worker: {}",
                            row.id(),
                            e.getClass().getSimpleName());
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            log.warn(
                    "Notification {} could not be dispatched: {}",
                    row.id(),
                    e.getClass().getSimpleName());
        }
    }

    private void deliver(
            Row row, NotificationTemplate template, Preferences prefs, SendLimiter.@Nullable Reservation slot) {
        if (slot != null) {
            long paused = limiter.pausedUntil(slot.bot()) - System.nanoTime();
            if (paused > 0) {
                limiter.cancel(slot, perChat(prefs));
                Instant next = clock.instant().plusNanos(paused);
                inSystemRun(() -> rows.release(row.id(), node, next));
                return;
            }
        }
        ChannelSender sender = senders.get(row.channel());
        if (sender == null) {
            inSystemRun(() -> rows.release(row.id(), node, clock.instant()));
            return;
        }
        Outgoing outgoing;
        try {
            outgoing = outgoing(row, template);
        } catch (RuntimeException e) {
            inSystemRun(() -> rows.dead(row.id(), "RENDER_FAILED"));
            metrics.count(row.channel(), "dead", "RENDER_FAILED");
            return;
        }
        if (!inSystem(() -> rows.markStarted(row.id(), node, clock.instant()))) {
            return;
        }
        if (slot != null
                && !limiter.awaitDeparture(
                        slot.bot(),
                        slot.chat(),
                        perBot(prefs),
                        perChat(prefs),
                        settings.maxHold().toNanos())) {
            // Not handed to the provider: the row may go back as never started.
            inSystemRun(() -> rows.unstart(row.id(), node, clock.instant().plus(settings.maxHold())));
            return;
        }
        SendOutcome outcome;
        try {
            outcome = TenantContext.callAs(row.tenant(), () -> sender.send(outgoing));
        } catch (RuntimeException e) {
            // A sender must not throw; when one does, the message may have left: never send it again by itself.
            outcome = new SendOutcome.Permanent("UNCERTAIN", false);
        }
        record(row, outcome, slot);
    }

    private Outgoing outgoing(Row row, NotificationTemplate template) {
        Map<String, String> rendered = values.of(template, row.language(), row.payload());
        RenderedMessage message = inSystem(() -> templates.render(row.tenant(), template, row.language(), rendered));
        List<Outgoing.Action> actions = template == NotificationTemplate.APPOINTMENT_REMINDER
                        && row.payload().containsKey("appointmentId")
                ? List.of(
                        new Outgoing.Action(
                                templates.text("notifications.action.confirm", row.language()),
                                "appt:confirm:" + row.payload().get("appointmentId")),
                        new Outgoing.Action(
                                templates.text("notifications.action.cancel", row.language()),
                                "appt:cancel:" + row.payload().get("appointmentId")))
                : List.of();
        return new Outgoing(
                row.tenant(),
                row.id(),
                row.channel(),
                row.address(),
                row.recipientKind(),
                row.recipientId(),
                row.language(),
                row.channel().equals("TELEGRAM") ? message.html() : message.plain(),
                message.title(),
                template.key(),
                row.payload(),
                actions,
                row.urgent(),
                "notification:" + row.id());
    }

    private void record(Row row, SendOutcome outcome, SendLimiter.@Nullable Reservation slot) {
        Instant now = clock.instant();
        int attempts = row.attempts() + 1;
        switch (outcome) {
            case SendOutcome.Sent sent -> {
                inSystemRun(() -> {
                    rows.sent(row.id(), sent.providerMessageId(), now);
                });
                metrics.count(row.channel(), "sent", "OK");
            }
            case SendOutcome.RetryAfter retry -> {
                if (slot != null) {
                    limiter.pause(
                            slot.bot(),
                            slot.chat(),
                            System.nanoTime() + retry.delay().toNanos());
                }
                if (attempts >= 100) {
                    inSystemRun(() -> {
                        rows.dead(row.id(), retry.reason());
                    });
                    metrics.count(row.channel(), "dead", retry.reason());
                } else {
                    inSystemRun(() -> {
                        rows.retryAt(row.id(), now.plus(retry.delay()), retry.reason());
                    });
                    metrics.count(row.channel(), "retry_after", retry.reason());
                }
            }
            case SendOutcome.Transient failure -> {
                if (attempts >= settings.maxAttempts()) {
                    inSystemRun(() -> {
                        rows.dead(row.id(), failure.reason());
                    });
                    metrics.count(row.channel(), "dead", failure.reason());
                } else {
                    Instant next = now.plus(backoff(attempts));
                    inSystemRun(() -> {
                        rows.retryAt(row.id(), next, failure.reason());
                    });
                    metrics.count(row.channel(), "transient", failure.reason());
                }
            }
            case SendOutcome.Permanent failure -> {
                inSystemRun(() -> {
                    rows.dead(row.id(), failure.reason());
                    if (failure.unlinkAddress()) {
                        if (row.channel().equals("TELEGRAM")) {
                            rows.unlinkTelegram(row.tenant(), row.address(), unlinkReason(failure.reason()), now);
                        } else {
                            rows.deleteDevice(row.tenant(), row.address());
                        }
                    }
                });
                metrics.count(row.channel(), "dead", failure.reason());
            }
        }
    }

    /** Exponential back-off with jitter: base × 2^(attempt-1), capped, then between half and all of it. */
    Duration backoff(int attempt) {
        long base = settings.backoffBase().toMillis();
        long capped = Math.min(settings.backoffMax().toMillis(), base * (1L << Math.min(attempt - 1, 20)));
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private static String unlinkReason(String reason) {
        if (reason.contains("DEACTIVATED")) {
            return "DEACTIVATED";
        }
        if (reason.contains("CHAT_NOT_FOUND")) {
            return "CHAT_NOT_FOUND";
        }
        return "BLOCKED";
    }

    private Preferences preferencesOf(TenantId tenant) {
        long now = System.nanoTime();
        CachedPreferences cached = preferences.get(tenant);
        if (cached == null || now - cached.loadedNanos() > PREFERENCES_TTL.toNanos()) {
            cached = new CachedPreferences(inSystem(() -> rows.preferences(tenant)), now);
            preferences.put(tenant, cached);
        }
        return cached.preferences();
    }

    private double perBot(Preferences prefs) {
        return prefs.perBot() * settings.rateHeadroom();
    }

    private double perChat(Preferences prefs) {
        return prefs.perChat() * settings.rateHeadroom();
    }

    private static ZoneId zoneOf(Row row) {
        String zone = row.payload().get("zone");
        if (zone == null) {
            return BranchTimeZones.DEFAULT;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            return BranchTimeZones.DEFAULT;
        }
    }

    private static void sleepUntil(long atNanos) {
        long wait = atNanos - System.nanoTime();
        while (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = atNanos - System.nanoTime();
        }
    }

    private <T> T inSystem(Supplier<T> work) {
        return Objects.requireNonNull(TenantContext.callAsSystem(() -> transactions.execute(status -> work.get())));
    }

    private void inSystemRun(Runnable work) {
        TenantContext.runAsSystem(() -> transactions.executeWithoutResult(status -> work.run()));
    }
}
