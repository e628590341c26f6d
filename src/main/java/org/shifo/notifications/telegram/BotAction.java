package org.shifo.notifications.telegram;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the bot says in answer to an update, decided inside the update's transaction and sent after it committed.
 * Texts are HTML with every inserted value escaped.
 */
sealed interface BotAction {

    /** A message to the chat. */
    record Send(long chatId, String html, List<List<TelegramClient.Button>> keyboard) implements BotAction {}

    /** The answer to a pressed button (the small notice Telegram shows); text may be empty. */
    record AnswerCallback(String callbackQueryId, @Nullable String text) implements BotAction {}

    /** Replaces the text and buttons of a message the bot sent (the reminder whose button was pressed). */
    record Edit(long chatId, long messageId, String html, List<List<TelegramClient.Button>> keyboard)
            implements BotAction {}
}
