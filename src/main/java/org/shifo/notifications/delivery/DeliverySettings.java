package org.shifo.notifications.delivery;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the delivery engine ({@code SHIFO_NOTIFICATIONS_DELIVERY_*}, docs/configuration.md).
 *
 * @param enabled whether this node runs delivery workers (every node may; a row is claimed by one)
 * @param pollInterval how long an idle worker waits before looking for due rows again
 * @param batchSize how many due rows one claim takes at most
 * @param lease how long a claimed row may stay SENDING before recovery examines it
 * @param maxHold a claimed row waits at most this long for its rate-limit slot; later slots go back to PENDING
 * @param maxAttempts transient failures before a row goes DEAD
 * @param backoffBase the first back-off after a transient failure (doubled per attempt, with jitter)
 * @param backoffMax the longest back-off
 * @param rateHeadroom the share of the configured Telegram rates this node uses (spec 1.4 advises headroom)
 */
@ConfigurationProperties("shifo.notifications.delivery")
@Validated
public record DeliverySettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200ms") @NotNull Duration pollInterval,
        @DefaultValue("50") @Min(1) @Max(500) int batchSize,
        @DefaultValue("2m") @NotNull Duration lease,
        @DefaultValue("2s") @NotNull Duration maxHold,
        @DefaultValue("8") @Min(1) @Max(50) int maxAttempts,
        @DefaultValue("5s") @NotNull Duration backoffBase,
        @DefaultValue("15m") @NotNull Duration backoffMax,
        @DefaultValue("0.8") @DecimalMin("0.1") @DecimalMax("1.0") double rateHeadroom) {}
