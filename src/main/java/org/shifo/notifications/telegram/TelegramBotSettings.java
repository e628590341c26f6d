package org.shifo.notifications.telegram;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Telegram bot's inbound side ({@code SHIFO_NOTIFICATIONS_TELEGRAM_BOT_*}, docs/configuration.md).
 *
 * @param publicBaseUrl this installation's public HTTPS address (for example {@code https://clinic.example.uz}); the
 *     webhook is {@code <publicBaseUrl>/api/v1/notifications/telegram/<organizationId>/webhook}. Empty: no public
 *     address, bots receive updates by long polling
 * @param pollingEnabled whether this node may run pollers (one node per bot at a time, by lease)
 * @param pollTimeout the long-polling {@code timeout} of getUpdates (0 = short polling, for tests)
 * @param pollIdle how long a node waits between looks for bots to poll, and after a failed poll
 * @param lease how long a node's claim on a bot's polling lasts without renewal
 * @param linkValidity how long a one-time link is valid
 */
@ConfigurationProperties("shifo.notifications.telegram.bot")
@Validated
public record TelegramBotSettings(
        @Nullable String publicBaseUrl,
        @DefaultValue("true") boolean pollingEnabled,
        @DefaultValue("25s") @NotNull Duration pollTimeout,
        @DefaultValue("2s") @NotNull Duration pollIdle,
        @DefaultValue("60s") @NotNull Duration lease,
        @DefaultValue("7d") @NotNull Duration linkValidity) {

    /** The public base URL without a trailing slash, or null when none is configured. */
    public @Nullable String baseUrl() {
        if (publicBaseUrl == null || publicBaseUrl.isBlank()) {
            return null;
        }
        String url = publicBaseUrl.strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The mode a bot gets when its administrator does not choose: a webhook when there is a public address. */
    public BotMode defaultMode() {
        return baseUrl() == null ? BotMode.POLLING : BotMode.WEBHOOK;
    }
}
