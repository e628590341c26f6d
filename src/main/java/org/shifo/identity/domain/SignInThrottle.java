package org.shifo.identity.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When the next sign-in attempt is allowed after failures, for an account or a client address alike: the first
 * three failures cost nothing (typos happen), then each doubles a wait from 1 s up to 60 s; ten failures
 * within 15 minutes lock the account for 15 minutes (an admin may unlock it sooner). A window of 15 minutes
 * without failures forgets them.
 */
public final class SignInThrottle {

    public static final int FREE_FAILURES = 3;
    public static final int LOCK_AFTER = 10;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration LOCK = Duration.ofMinutes(15);
    static final Duration MAX_BACK_OFF = Duration.ofSeconds(60);

    private SignInThrottle() {}

    /** The wait that must pass after the last failure before another attempt. */
    public static Duration backOff(int failures) {
        if (failures <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        int exponent = Math.min(failures - FREE_FAILURES - 1, 10);
        Duration wait = Duration.ofSeconds(1L << exponent);
        return wait.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : wait;
    }

    /** How long the caller must still wait, if at all. */
    public static Optional<Duration> retryAfter(
            int failures, @Nullable Instant firstFailedAt, @Nullable Instant lastFailedAt, Instant now) {
        if (failures == 0 || lastFailedAt == null || isForgotten(firstFailedAt, now)) {
            return Optional.empty();
        }
        Instant allowed = lastFailedAt.plus(backOff(failures));
        return allowed.isAfter(now) ? Optional.of(Duration.between(now, allowed)) : Optional.empty();
    }

    /** True when the failures so far lie outside the window and no longer count. */
    public static boolean isForgotten(@Nullable Instant firstFailedAt, Instant now) {
        return firstFailedAt == null || !firstFailedAt.plus(WINDOW).isAfter(now);
    }
}
