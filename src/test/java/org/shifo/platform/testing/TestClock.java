package org.shifo.platform.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in tests: real time plus an offset that a test may move forward, reset before every
 * test class. Moving time never goes backwards, so tokens and rows made earlier stay consistent.
 */
public final class TestClock extends Clock {

    private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock's time seen in {@code zone}: {@code ZonedDateTime.now(clock.withZone(zone))} is local there. */
    @Override
    public Clock withZone(ZoneId zone) {
        TestClock base = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return base.withZone(other);
            }

            @Override
            public Instant instant() {
                return base.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(OFFSET.get());
    }

    /** Back to real time; only between test classes, whose data is gone with the clean database. */
    static void reset() {
        OFFSET.set(Duration.ZERO);
    }

    public void advance(Duration duration) {
        OFFSET.accumulateAndGet(duration, Duration::plus);
    }
}
