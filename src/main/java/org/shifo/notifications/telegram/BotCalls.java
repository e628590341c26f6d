package org.shifo.notifications.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.shifo.identity.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The bot's calls to Telegram over {@link TelegramClient} (the module's one Bot API client): getMe, setWebhook,
 * deleteWebhook, getUpdates, and the answers of the update handler. Failures become short codes ({@code
 * TELEGRAM_401}, {@code TELEGRAM_TRANSPORT}), never texts, tokens or chat ids.
 */
@Component
class BotCalls {

    /** The update kinds the bot asks for: messages (/start, /stop) and button presses. */
    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query");

    private static final Logger log = LoggerFactory.getLogger(BotCalls.class);

    private final TelegramClient client;

    BotCalls(TelegramClient client) {
        this.client = client;
    }

    /** The bot as getMe describes it. */
    record Me(long id, String username) {}

    /** Telegram refused the call or could not be reached; {@code code} is short ({@code TELEGRAM_401}, ...). */
    static final class CallFailedException extends RuntimeException {

        private final String code;

        CallFailedException(String code) {
            super(code);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    Me getMe(String token) {
        TelegramResult result = checked(() -> client.getMe(token));
        JsonNode user = result.result();
        if (user == null
                || !user.path("id").canConvertToLong()
                || !user.path("username").isString()
                || !user.path("is_bot").asBoolean(false)) {
            throw new CallFailedException("TELEGRAM_MALFORMED");
        }
        return new Me(user.path("id").asLong(), user.path("username").asString());
    }

    void setWebhook(String token, String url, String secret) {
        checked(() -> client.setWebhook(token, url, secret, ALLOWED_UPDATES));
    }

    void deleteWebhook(String token) {
        checked(() -> client.deleteWebhook(token, false));
    }

    /** Updates from {@code offset} on (at most 100), waiting up to {@code timeoutSeconds} for the first. */
    List<JsonNode> getUpdates(String token, long offset, int timeoutSeconds) {
        TelegramResult result = checked(
                () -> client.getUpdates(token, offset, 100, Duration.ofSeconds(timeoutSeconds), ALLOWED_UPDATES));
        JsonNode updates = result.result();
        if (updates == null || !updates.isArray()) {
            throw new CallFailedException("TELEGRAM_MALFORMED");
        }
        List<JsonNode> list = new ArrayList<>();
        updates.forEach(list::add);
        return list;
    }

    /** Sends the answers in order; a failed one is logged (by code) and the others still go. */
    void perform(TenantId tenant, String token, List<BotAction> actions) {
        for (BotAction action : actions) {
            try {
                TelegramResult result =
                        switch (action) {
                            case BotAction.Send send ->
                                client.sendMessage(token, send.chatId(), send.html(), send.keyboard());
                            case BotAction.AnswerCallback answer ->
                                client.answerCallbackQuery(token, answer.callbackQueryId(), answer.text());
                            case BotAction.Edit edit ->
                                client.editMessageText(
                                        token, edit.chatId(), edit.messageId(), edit.html(), edit.keyboard());
                        };
                if (!result.ok()) {
                    log.warn(
                            "The bot of organization {} could not answer ({}): TELEGRAM_{}",
                            tenant.value(),
                            action.getClass().getSimpleName(),
                            result.errorCode());
                }
            } catch (TelegramTransportException e) {
                log.warn(
                        "The bot of organization {} could not answer ({}): TELEGRAM_TRANSPORT",
                        tenant.value(),
                        action.getClass().getSimpleName());
            }
        }
    }

    private static TelegramResult checked(java.util.function.Supplier<TelegramResult> call) {
        TelegramResult result;
        try {
            result = call.get();
        } catch (TelegramTransportException e) {
            throw new CallFailedException("TELEGRAM_TRANSPORT");
        }
        if (!result.ok()) {
            throw new CallFailedException("TELEGRAM_" + result.errorCode());
        }
        return result;
    }
}
