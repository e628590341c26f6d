package org.shifo.queue.web;

import java.util.Locale;
import java.util.Set;
import org.shifo.queue.domain.QueueException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** A queue refusal in the page's language: {@code queue.error.<code>}, or a general sentence. */
@Component
class QueuePageText {

    private static final Set<String> KNOWN = Set.of(
            "required",
            "unknown-patient",
            "merged-patient",
            "already-in-queue",
            "queue-empty",
            "illegal-ticket-action",
            "malformed-room",
            "malformed-name",
            "one-owner",
            "not-found");

    private final MessageSource messages;

    QueuePageText(MessageSource messages) {
        this.messages = messages;
    }

    String refusal(QueueException e, Locale locale) {
        String code = KNOWN.contains(e.code()) ? e.code() : "other";
        return messages.getMessage("queue.error." + code, null, locale);
    }

    String text(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }
}
