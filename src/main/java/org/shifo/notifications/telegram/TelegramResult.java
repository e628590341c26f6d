package org.shifo.notifications.telegram;

import java.time.Duration;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The Bot API's answer to one call (spec 1.1), read from the body whatever the HTTP status.
 *
 * @param ok whether the call succeeded
 * @param result the {@code result} on success ({@code Message}, {@code true}, a list of updates, ...)
 * @param errorCode {@code error_code} on failure (the HTTP status when the body does not say), 0 on success
 * @param description {@code description} on failure: Telegram's human text, matched only to pick a sub-case of
 *     {@code errorCode}; never logged with user data
 * @param retryAfter {@code parameters.retry_after} (429 flood control)
 * @param migrateToChatId {@code parameters.migrate_to_chat_id} (a group became a supergroup)
 */
public record TelegramResult(
        boolean ok,
        @Nullable JsonNode result,
        int errorCode,
        @Nullable String description,
        @Nullable Duration retryAfter,
        @Nullable Long migrateToChatId) {

    /** The {@code message_id} of a {@code Message} result (sendMessage, editMessageText). */
    public OptionalLong messageId() {
        if (ok && result != null && result.path("message_id").isIntegralNumber()) {
            return OptionalLong.of(result.path("message_id").asLong());
        }
        return OptionalLong.empty();
    }

    /** Whether the description contains {@code fragment}, ignoring case. */
    public boolean describes(String fragment) {
        return description != null
                && description.toLowerCase(java.util.Locale.ROOT).contains(fragment.toLowerCase(java.util.Locale.ROOT));
    }
}
