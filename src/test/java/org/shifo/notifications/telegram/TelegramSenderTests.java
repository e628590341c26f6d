package org.shifo.notifications.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.shifo.notifications.delivery.SendOutcome;
import tools.jackson.databind.node.JsonNodeFactory;

/** Spec 1.3: the Bot API's answers and what the engine does with each. */
class TelegramSenderTests {

    @Test
    void classifiesTheAnswersOfSpecOnePointThree() {
        assertThat(TelegramSender.classify(ok(42))).isEqualTo(new SendOutcome.Sent("42"));
        assertThat(TelegramSender.classify(error(429, "Too Many Requests: retry after 7", Duration.ofSeconds(7))))
                .isEqualTo(new SendOutcome.RetryAfter(Duration.ofSeconds(7), "TELEGRAM_429"));
        assertThat(TelegramSender.classify(error(403, "Forbidden: bot was blocked by the user", null)))
                .isEqualTo(new SendOutcome.Permanent("TELEGRAM_BLOCKED", true));
        assertThat(TelegramSender.classify(error(403, "Forbidden: user is deactivated", null)))
                .isEqualTo(new SendOutcome.Permanent("TELEGRAM_DEACTIVATED", true));
        assertThat(TelegramSender.classify(error(400, "Bad Request: chat not found", null)))
                .isEqualTo(new SendOutcome.Permanent("TELEGRAM_CHAT_NOT_FOUND", true));
        assertThat(TelegramSender.classify(error(400, "Bad Request: can't parse entities: x", null)))
                .isEqualTo(new SendOutcome.Permanent("TELEGRAM_BAD_MARKUP", false));
        assertThat(TelegramSender.classify(error(401, "Unauthorized", null)))
                .isEqualTo(new SendOutcome.Permanent("TELEGRAM_UNAUTHORIZED", false));
        assertThat(TelegramSender.classify(error(502, "Bad Gateway", null)))
                .isEqualTo(new SendOutcome.Transient("TELEGRAM_5XX"));
    }

    private static TelegramResult ok(long messageId) {
        return new TelegramResult(
                true, JsonNodeFactory.instance.objectNode().put("message_id", messageId), 0, null, null, null);
    }

    private static TelegramResult error(int code, String description, @Nullable Duration retryAfter) {
        return new TelegramResult(false, null, code, description, retryAfter, null);
    }
}
