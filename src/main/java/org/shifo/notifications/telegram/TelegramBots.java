package org.shifo.notifications.telegram;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.notifications.telegram.BotStore.BotRow;
import org.shifo.platform.SecretKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The organization's Telegram bot: its token (sealed by {@link BotTokens}, write-only: never returned, never logged), checked with getMe when saved, and how it receives
 * updates, webhook or polling, never both: saving in WEBHOOK mode registers the webhook with the bot's stable secret
 * token, saving in POLLING mode deletes any webhook. What the setup checklist shows comes from {@link #status()}.
 */
@Service
public class TelegramBots {

    /** The webhook's path; {@code {organizationId}} is the organization's id. */
    public static final String WEBHOOK_PATH = "/api/v1/notifications/telegram/{organizationId}/webhook";

    private static final Logger log = LoggerFactory.getLogger(TelegramBots.class);
    private static final Pattern TOKEN = Pattern.compile("[0-9]{3,20}:[A-Za-z0-9_-]{20,100}");
    private static final String SECRET_PURPOSE = "telegram-webhook-secret";

    private final BotStore store;
    private final BotCalls calls;
    private final TelegramBotSettings settings;
    private final SecretKeys keys;
    private final BotTokens tokens;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;

    TelegramBots(
            BotStore store,
            BotCalls calls,
            TelegramBotSettings settings,
            SecretKeys keys,
            BotTokens tokens,
            AuditLog audit,
            Clock clock,
            TransactionTemplate transactions) {
        this.store = store;
        this.calls = calls;
        this.settings = settings;
        this.keys = keys;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * What the settings page and API show: never the token. {@code pollerRunning}: a node polled within the last
     * lease; {@code webhookRegistered}: the webhook was set when the bot was saved in WEBHOOK mode.
     */
    public record Status(
            boolean configured,
            @Nullable String botUsername,
            @Nullable BotMode mode,
            boolean tokenSet,
            boolean publicAddressConfigured,
            BotMode defaultMode,
            @Nullable String webhookUrl,
            boolean webhookRegistered,
            boolean pollerRunning,
            @Nullable Instant lastPollAt,
            @Nullable Instant lastUpdateAt,
            long linkedPatients,
            @Nullable String lastError) {}

    /** A bot with its token decrypted, for the bot's own calls. */
    record ActiveBot(TenantId tenant, String token, BotMode mode, @Nullable Long lastUpdateId) {}

    /** The caller's organization's bot as the checklist shows it. */
    public Status status() {
        TenantId tenant = TenantContext.require();
        return TenantContext.callAs(tenant, () -> Objects.requireNonNull(transactions.execute(tx -> status(tenant))));
    }

    private Status status(TenantId tenant) {
        Optional<BotRow> row = store.find(tenant.value());
        long linked = store.linkedPatients(tenant.value());
        boolean publicAddress = settings.baseUrl() != null;
        if (row.isEmpty()) {
            return new Status(
                    false,
                    null,
                    null,
                    false,
                    publicAddress,
                    settings.defaultMode(),
                    null,
                    false,
                    false,
                    null,
                    null,
                    linked,
                    null);
        }
        BotRow bot = row.get();
        Instant now = clock.instant();
        boolean polling = bot.mode() == BotMode.POLLING
                && bot.pollerSeenAt() != null
                && bot.pollerSeenAt().isAfter(now.minus(settings.lease().plus(settings.pollTimeout())));
        return new Status(
                true,
                bot.username(),
                bot.mode(),
                !bot.tokenEncrypted().isEmpty(),
                publicAddress,
                settings.defaultMode(),
                bot.webhookUrl(),
                bot.mode() == BotMode.WEBHOOK && bot.webhookSetAt() != null,
                polling,
                bot.pollerSeenAt(),
                bot.lastUpdateAt(),
                linked,
                bot.lastError());
    }

    /**
     * Sets or replaces the bot (a new {@code token}; absent keeps the stored one) and its mode (absent: the stored
     * one, else WEBHOOK when a public address is configured, else POLLING). Checks the token with getMe, then
     * registers or deletes the webhook; only then stores anything. Audited as {@code notifications.telegram_bot}.
     */
    public Status save(@Nullable String token, @Nullable String mode) {
        Staff staff = CurrentUser.get();
        TenantId tenant = staff.tenantId();
        Optional<BotRow> existing = TenantContext.callAs(
                tenant, () -> Objects.requireNonNull(transactions.execute(tx -> store.find(tenant.value()))));
        String newToken = token == null || token.isEmpty() ? null : token;
        if (newToken == null && existing.isEmpty()) {
            throw TelegramRefusedException.invalid("token", "required", "is required");
        }
        if (newToken != null && !TOKEN.matcher(newToken).matches()) {
            throw TelegramRefusedException.invalid(
                    "token",
                    "token-format",
                    "must be a bot token as BotFather gives it (digits, a colon, 20-100 of" + " A-Z a-z 0-9 _ -)");
        }
        BotMode chosen =
                Objects.requireNonNullElse(mode(mode, existing.map(BotRow::mode).orElse(null)), settings.defaultMode());
        String baseUrl = settings.baseUrl();
        if (chosen == BotMode.WEBHOOK && baseUrl == null) {
            throw TelegramRefusedException.refused(
                    "mode",
                    "no-public-address",
                    "WEBHOOK needs this installation's public address"
                            + " (SHIFO_NOTIFICATIONS_TELEGRAM_BOT_PUBLIC_BASE_URL); choose POLLING");
        }
        String plainToken =
                newToken != null ? newToken : tokens.open(existing.orElseThrow().tokenEncrypted());
        BotCalls.Me me = call(() -> calls.getMe(plainToken));
        String secret = keys.mac(SECRET_PURPOSE, tenant.value() + ":" + me.id());
        String webhookUrl = null;
        if (chosen == BotMode.WEBHOOK) {
            webhookUrl = baseUrl
                    + WEBHOOK_PATH.replace("{organizationId}", tenant.value().toString());
            String url = webhookUrl;
            call(() -> {
                calls.setWebhook(plainToken, url, secret);
                return me;
            });
        } else {
            call(() -> {
                calls.deleteWebhook(plainToken);
                return me;
            });
        }
        // the replaced bot of a webhook must stop posting here: best effort, the new one is set already
        if (newToken != null && existing.isPresent() && existing.get().mode() == BotMode.WEBHOOK) {
            String old = tokens.open(existing.get().tokenEncrypted());
            if (!old.equals(plainToken)) {
                try {
                    calls.deleteWebhook(old);
                } catch (BotCalls.CallFailedException e) {
                    log.warn("The replaced Telegram bot's webhook could not be deleted: {}", e.code());
                }
            }
        }
        String encrypted =
                newToken != null ? tokens.seal(newToken) : existing.get().tokenEncrypted();
        String registered = webhookUrl;
        return TenantContext.callAs(
                tenant,
                () -> Objects.requireNonNull(transactions.execute(tx -> {
                    Instant now = clock.instant();
                    store.save(
                            tenant.value(),
                            me.username(),
                            me.id(),
                            encrypted,
                            secret,
                            chosen,
                            registered,
                            now,
                            staff.userId().value());
                    audit.record(AuditEvent.of(
                                    tenant.value(),
                                    staff.auditActor(),
                                    "notifications.telegram_bot",
                                    "organization",
                                    tenant.value().toString(),
                                    AuditOutcome.SUCCESS)
                            .withDetail("mode", chosen.name())
                            .withDetail("tokenChanged", Boolean.toString(newToken != null)));
                    return status(tenant);
                })));
    }

    /** The organization's bot with its token, if one is set and enabled (joins or opens a transaction). */
    Optional<ActiveBot> active(TenantId tenant) {
        return TenantContext.callAs(
                tenant,
                () -> Objects.requireNonNull(transactions.execute(tx -> store.find(tenant.value())
                        .filter(BotRow::enabled)
                        .map(row -> new ActiveBot(
                                tenant, tokens.open(row.tokenEncrypted()), row.mode(), row.lastUpdateId())))));
    }

    /** Notes a failure talking to Telegram on the checklist (a short code), or clears it. */
    void noteError(TenantId tenant, @Nullable String code) {
        TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(tx -> {
                    store.noteError(tenant.value(), code);
                }));
    }

    private static @Nullable BotMode mode(@Nullable String requested, @Nullable BotMode stored) {
        if (requested == null || requested.isBlank()) {
            return stored;
        }
        try {
            return BotMode.valueOf(requested.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TelegramRefusedException.invalid("mode", "mode", "must be WEBHOOK or POLLING");
        }
    }

    private static <T> T call(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (BotCalls.CallFailedException e) {
            if ("TELEGRAM_401".equals(e.code()) || "TELEGRAM_404".equals(e.code())) {
                throw TelegramRefusedException.refused("token", "token-refused", "Telegram does not know this token");
            }
            log.warn("A Telegram call for the bot's settings failed: {}", e.code());
            throw TelegramRefusedException.unreachable("telegram-unavailable");
        }
    }
}
