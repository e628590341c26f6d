package org.shifo.notifications.telegram;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Long polling for bots in POLLING mode (installations without a public address). At most one node polls a bot at a
 * time: it holds the bot's lease in {@code telegram_bots} ({@code poller_node}, {@code poller_lease_until}), renewed
 * by every poll; another node takes over only after the lease ran out. Each poll asks getUpdates with {@code offset}
 * = the last processed {@code update_id} + 1 (which acknowledges everything before it) and hands every update to the
 * same handler as the webhook. A node looks for bots to poll every {@code poll-idle}; with {@code polling-enabled=false}
 * it polls none.
 */
@Component
class TelegramPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TelegramPoller.class);

    private final BotStore store;
    private final TelegramBots bots;
    private final BotUpdates updates;
    private final BotCalls calls;
    private final TelegramBotSettings settings;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final String node;
    private final Map<UUID, Thread> workers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile @Nullable Thread supervisor;

    TelegramPoller(
            BotStore store,
            TelegramBots bots,
            BotUpdates updates,
            BotCalls calls,
            TelegramBotSettings settings,
            Clock clock,
            TransactionTemplate transactions) {
        this.store = store;
        this.bots = bots;
        this.updates = updates;
        this.calls = calls;
        this.settings = settings;
        this.clock = clock;
        this.transactions = transactions;
        this.node = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public synchronized void start() {
        if (running || !settings.pollingEnabled()) {
            return;
        }
        running = true;
        supervisor = Thread.ofVirtual().name("telegram-poller").start(this::supervise);
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread looking = supervisor;
        if (looking != null) {
            looking.interrupt();
        }
        workers.values().forEach(Thread::interrupt);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void supervise() {
        while (running) {
            try {
                List<UUID> polling = TenantContext.callAsSystem(
                        () -> Objects.requireNonNull(transactions.execute(tx -> store.pollingBots())));
                for (UUID tenant : polling) {
                    workers.computeIfAbsent(
                            tenant,
                            t -> Thread.ofVirtual().name("telegram-poller-" + t).start(() -> work(new TenantId(t))));
                }
            } catch (RuntimeException e) {
                log.warn("Looking for Telegram bots to poll failed", e);
            }
            if (!pause()) {
                return;
            }
        }
    }

    /** Polls one bot for as long as this node holds its lease. */
    private void work(TenantId tenant) {
        try {
            while (running) {
                int polled = pollOnce(tenant);
                if (polled < 0) {
                    return; // another node polls it, or it no longer polls
                }
                if (polled == 0 && settings.pollTimeout().isZero() && !pause()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Polling the Telegram bot of organization {} failed", tenant.value(), e);
            pause();
        } finally {
            workers.remove(tenant.value());
            try {
                TenantContext.runAs(
                        tenant,
                        () -> transactions.executeWithoutResult(tx -> {
                            store.releasePolling(tenant.value(), node);
                        }));
            } catch (RuntimeException e) {
                log.debug("Releasing a Telegram polling lease failed", e);
            }
        }
    }

    /**
     * One poll of the organization's bot, if this node holds (or now takes) its lease: getUpdates from the last
     * processed update on, each update handled and answered. Returns how many updates came, or -1 when this node may
     * not poll the bot (another holds the lease, or the bot is not in POLLING mode).
     */
    int pollOnce(TenantId tenant) {
        Instant now = clock.instant();
        boolean claimed = Boolean.TRUE.equals(TenantContext.callAs(
                tenant,
                () -> transactions.execute(tx -> store.claimPolling(
                        tenant.value(), node, now, now.plus(settings.lease()).plus(settings.pollTimeout())))));
        if (!claimed) {
            return -1;
        }
        Optional<TelegramBots.ActiveBot> bot = bots.active(tenant).filter(b -> b.mode() == BotMode.POLLING);
        if (bot.isEmpty()) {
            return -1;
        }
        long offset = bot.get().lastUpdateId() == null ? 0 : bot.get().lastUpdateId() + 1;
        List<JsonNode> received;
        try {
            received = calls.getUpdates(
                    bot.get().token(), offset, (int) settings.pollTimeout().toSeconds());
        } catch (BotCalls.CallFailedException e) {
            log.warn("getUpdates failed for the bot of organization {}: {}", tenant.value(), e.code());
            bots.noteError(tenant, e.code());
            pause();
            return 0;
        }
        for (JsonNode update : received) {
            try {
                List<BotAction> actions = updates.handle(tenant, update);
                if (!actions.isEmpty()) {
                    calls.perform(tenant, bot.get().token(), actions);
                }
            } catch (RuntimeException e) {
                // never stuck on one update: it is marked processed and the offset moves past it
                log.error("A polled Telegram update of organization {} could not be handled", tenant.value(), e);
                JsonNode id = update.path("update_id");
                if (id.canConvertToLong()) {
                    updates.skip(tenant, id.asLong());
                }
            }
        }
        return received.size();
    }

    private boolean pause() {
        try {
            Thread.sleep(settings.pollIdle());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
