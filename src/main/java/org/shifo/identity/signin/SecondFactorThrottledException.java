package org.shifo.identity.signin;

import java.io.Serial;
import java.time.Duration;

/** Too many second-factor codes from this client address or for this account: try again after {@link #retryAfter}. */
public final class SecondFactorThrottledException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public SecondFactorThrottledException(Duration retryAfter) {
        super("second factor throttled");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The wait in whole seconds, at least one (for {@code Retry-After}). */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
