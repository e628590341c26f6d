package org.shifo.notifications.telegram;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.shifo.notifications.delivery.ChannelSender;
import org.shifo.notifications.delivery.Outgoing;
import org.shifo.notifications.delivery.SendOutcome;
import org.springframework.stereotype.Component;

/**
 * The Telegram channel: one {@code sendMessage} per row to the chat of its address, with the organization's bot,
 * classified by spec 1.3. {@code error_code} decides the class and the description only picks the sub-case.
 *
 * <p>A timeout is the one uncertain answer: the request may have reached Telegram, which cannot be asked whether it
 * sent the message, so it is reported as {@code Permanent(TELEGRAM_TIMEOUT)} and goes to the administrators' dead
 * letters instead of risking a second message; a refused connection or a malformed answer is transient.
 */
@Component
class TelegramSender implements ChannelSender {

    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private final TelegramClient client;
    private final BotTokens tokens;

    TelegramSender(TelegramClient client, BotTokens tokens) {
        this.client = client;
        this.tokens = tokens;
    }

    @Override
    public String channel() {
        return "TELEGRAM";
    }

    @Override
    public SendOutcome send(Outgoing message) {
        Optional<String> token = tokens.find(message.tenant());
        if (token.isEmpty()) {
            return new SendOutcome.Permanent("TELEGRAM_NO_BOT", false);
        }
        long chatId;
        try {
            chatId = Long.parseLong(message.address());
        } catch (NumberFormatException e) {
            return new SendOutcome.Permanent("TELEGRAM_BAD_ADDRESS", false);
        }
        List<List<TelegramClient.Button>> keyboard = message.actions().isEmpty()
                ? List.of()
                : List.of(message.actions().stream()
                        .map(action -> new TelegramClient.Button(action.label(), action.data()))
                        .toList());
        TelegramResult result;
        try {
            result = client.sendMessage(token.get(), chatId, message.text(), keyboard);
        } catch (TelegramTransportException e) {
            return e.isTimeout()
                    ? new SendOutcome.Permanent("TELEGRAM_TIMEOUT", false)
                    : new SendOutcome.Transient("TELEGRAM_TRANSPORT");
        }
        return classify(result);
    }

    static SendOutcome classify(TelegramResult result) {
        if (result.ok()) {
            return result.messageId().isPresent()
                    ? new SendOutcome.Sent(Long.toString(result.messageId().getAsLong()))
                    : new SendOutcome.Transient("TELEGRAM_MALFORMED");
        }
        int code = result.errorCode();
        if (code == 429) {
            Duration retryAfter = result.retryAfter();
            return new SendOutcome.RetryAfter(retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter, "TELEGRAM_429");
        }
        if (code == 403) {
            if (result.describes("deactivated")) {
                return new SendOutcome.Permanent("TELEGRAM_DEACTIVATED", true);
            }
            if (result.describes("blocked") || result.describes("can't initiate") || result.describes("kicked")) {
                return new SendOutcome.Permanent("TELEGRAM_BLOCKED", true);
            }
            return new SendOutcome.Permanent("TELEGRAM_403", false);
        }
        if (code == 400) {
            if (result.describes("chat not found")) {
                return new SendOutcome.Permanent("TELEGRAM_CHAT_NOT_FOUND", true);
            }
            if (result.describes("too long")) {
                return new SendOutcome.Permanent("TELEGRAM_TOO_LONG", false);
            }
            if (result.describes("parse entities")) {
                return new SendOutcome.Permanent("TELEGRAM_BAD_MARKUP", false);
            }
            if (result.migrateToChatId() != null) {
                return new SendOutcome.Permanent("TELEGRAM_MIGRATED", false);
            }
            return new SendOutcome.Permanent("TELEGRAM_400", false);
        }
        if (code == 401 || code == 404) {
            return new SendOutcome.Permanent("TELEGRAM_UNAUTHORIZED", false);
        }
        if (code >= 500) {
            return new SendOutcome.Transient("TELEGRAM_5XX");
        }
        return new SendOutcome.Transient("TELEGRAM_" + code);
    }
}
