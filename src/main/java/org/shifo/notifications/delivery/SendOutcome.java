package org.shifo.notifications.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link ChannelSender} reports for one attempt. Reasons are short codes ({@code TELEGRAM_429}, {@code
 * TELEGRAM_5XX}, {@code FCM_UNREGISTERED}, ...) that end up in the row's {@code last_error} and in metrics: never a
 * message text, a token or a provider's free-text description.
 */
public sealed interface SendOutcome {

    /** Delivered to the provider; {@code providerMessageId} is what it answered (a Telegram message id, an FCM name). */
    record Sent(String providerMessageId) implements SendOutcome {
        public Sent {
            Objects.requireNonNull(providerMessageId, "providerMessageId");
        }
    }

    /** The provider said when to try again (Telegram 429 {@code retry_after}, FCM {@code Retry-After}): never earlier. */
    record RetryAfter(Duration delay, String reason) implements SendOutcome {
        public RetryAfter {
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(reason, "reason");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative");
            }
        }
    }

    /** A failure that may pass (5xx, timeout, malformed answer): retried with exponential back-off and jitter. */
    record Transient(String reason) implements SendOutcome {
        public Transient {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A failure that will not pass by retrying: the row goes DEAD. With {@code unlinkAddress} the address itself is
     * dead (Telegram 403 blocked or deactivated, 400 chat not found; FCM UNREGISTERED or an invalid token): the
     * engine unlinks the Telegram chat or deletes the device.
     */
    record Permanent(String reason, boolean unlinkAddress) implements SendOutcome {
        public Permanent {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
