package org.shifo.notifications.telegram;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Telegram Bot API client ({@code SHIFO_NOTIFICATIONS_TELEGRAM_*}, docs/configuration.md).
 *
 * @param apiUrl the Bot API's base URL; calls go to {@code {apiUrl}/bot{token}/{method}} (a self-hosted Bot API
 *     server, or the tests' local fake)
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer (a long-polling {@code getUpdates} waits its own timeout on top)
 */
@ConfigurationProperties("shifo.notifications.telegram")
@Validated
public record TelegramSettings(
        @DefaultValue("https://api.telegram.org") @NotNull URI apiUrl,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("10s") @NotNull Duration readTimeout) {}
