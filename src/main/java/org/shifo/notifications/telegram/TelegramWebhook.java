package org.shifo.notifications.telegram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.notifications.telegram.BotStore.BotRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An update posted by Telegram to an organization's webhook. The {@code X-Telegram-Bot-Api-Secret-Token} header is
 * compared in constant time with the bot's secret before the body is read (spec 1.7); only then is the body parsed
 * and handled like a polled update, in the organization's scope.
 */
@Service
public class TelegramWebhook {

    /** The largest update read (Telegram's updates are a few kilobytes). */
    static final int MAX_BODY = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(TelegramWebhook.class);
    private static final byte[] NO_SECRET = "no-bot-has-this-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private final BotStore store;
    private final BotUpdates updates;
    private final BotCalls calls;
    private final TelegramBots bots;
    private final JsonMapper json;
    private final TransactionTemplate transactions;

    TelegramWebhook(
            BotStore store,
            BotUpdates updates,
            BotCalls calls,
            TelegramBots bots,
            JsonMapper json,
            TransactionTemplate transactions) {
        this.store = store;
        this.updates = updates;
        this.calls = calls;
        this.bots = bots;
        this.json = json;
        this.transactions = transactions;
    }

    /** The request body, opened only once the secret was accepted. */
    @FunctionalInterface
    public interface Body {
        InputStream open() throws IOException;
    }

    /** What became of a webhook call. */
    public enum Outcome {
        /** Handled (or a duplicate, or nothing to do): 200. */
        PROCESSED,
        /** No such bot, or the secret header is missing or wrong: 401, nothing read. */
        UNAUTHORIZED,
        /** The bot receives its updates by polling: 409, nothing read. */
        NOT_WEBHOOK,
        /** The body is not a JSON object (or too large): 400. */
        MALFORMED
    }

    public Outcome receive(String organizationId, @Nullable String secret, Body body) {
        UUID organization;
        try {
            organization = UUID.fromString(organizationId);
        } catch (IllegalArgumentException e) {
            return Outcome.UNAUTHORIZED;
        }
        TenantId tenant = new TenantId(organization);
        Optional<BotRow> bot = TenantContext.callAs(
                tenant,
                () -> Objects.requireNonNull(
                        transactions.execute(tx -> store.find(organization).filter(BotRow::enabled))));
        byte[] expected =
                bot.map(b -> b.webhookSecret().getBytes(StandardCharsets.UTF_8)).orElse(NO_SECRET);
        byte[] presented = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, presented) || bot.isEmpty() || secret == null) {
            log.warn("Telegram webhook refused: missing or wrong secret token for organization {}", organization);
            return Outcome.UNAUTHORIZED;
        }
        if (bot.get().mode() != BotMode.WEBHOOK) {
            return Outcome.NOT_WEBHOOK;
        }
        JsonNode update;
        try (InputStream in = body.open()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                return Outcome.MALFORMED;
            }
            update = json.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException | JacksonException e) {
            return Outcome.MALFORMED;
        }
        if (update == null || !update.isObject()) {
            return Outcome.MALFORMED;
        }
        List<BotAction> actions = updates.handle(tenant, update);
        if (!actions.isEmpty()) {
            bots.active(tenant).ifPresent(active -> calls.perform(tenant, active.token(), actions));
        }
        return Outcome.PROCESSED;
    }
}
