package org.shifo.notifications.delivery;

/**
 * A template rendered for one recipient.
 *
 * @param html the text as Telegram HTML: the whole template escaped, so a template cannot carry markup, and every
 *     inserted value escaped ({@code & < > "})
 * @param plain the same text unescaped, for push notifications and previews
 * @param title the built-in short title in the same language (push notifications)
 */
public record RenderedMessage(String html, String plain, String title) {}
