package org.shifo.notifications.telegram;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.shifo.notifications.delivery.NotificationTemplates;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The bot's words in a chat's language (uz, ru, en), from the message bundles ({@code notifications.telegram.bot.*});
 * every inserted value is escaped ({@link NotificationTemplates#escape}), since messages go out with {@code parse_mode=HTML}.
 */
@Component
class BotTexts {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final MessageSource messages;

    BotTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** The text of {@code key} with the arguments escaped. */
    String html(String language, String key, Object... arguments) {
        Object[] escaped = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            escaped[i] = NotificationTemplates.escape(String.valueOf(arguments[i]));
        }
        return messages.getMessage("notifications.telegram.bot." + key, escaped, Locale.forLanguageTag(language));
    }

    /** A plain text (a button's label, a callback answer): nothing is parsed in it. */
    String plain(String language, String key) {
        return messages.getMessage("notifications.telegram.bot." + key, null, Locale.forLanguageTag(language));
    }

    /** Any text of the bundles by its full key (the engine's button labels, {@code notifications.action.*}). */
    String bundle(String language, String key) {
        return messages.getMessage(key, null, Locale.forLanguageTag(language));
    }

    /** A moment as the patient reads it: the branch's local date and time. */
    static String when(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }

    /** uz, ru or en from a Telegram {@code language_code} ("ru", "uz-Latn", ...), else uz. */
    static String language(@Nullable String code) {
        if (code == null || code.length() < 2) {
            return "uz";
        }
        String prefix = code.substring(0, 2).toLowerCase(Locale.ROOT);
        return switch (prefix) {
            case "ru", "en", "uz" -> prefix;
            default -> "uz";
        };
    }
}
