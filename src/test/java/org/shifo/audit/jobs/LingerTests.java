package org.shifo.audit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The read-entry writer's wait for company. The waits here are an hour long: a test that passes has seen the
 * wait end early (the preemptive timeouts only keep a broken wake-up from hanging the build).
 */
class LingerTests {

    private static final long AN_HOUR = TimeUnit.HOURS.toNanos(1);
    private static final Duration GUARD = Duration.ofSeconds(30);

    private final Linger linger = new Linger();
    private final AtomicInteger queued = new AtomicInteger();

    @Test
    void endsTheWaitWhenTheArrivalThatMakesItEnoughComes() {
        assertTimeoutPreemptively(GUARD, () -> {
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> awaitQuietly(3, AN_HOUR));
            awaitWaiting();

            arrive(); // 1 of 3
            arrive(); // 2 of 3
            assertThat(waiting).isNotDone();
            assertThat(linger.isWaiting()).isTrue();
            arrive(); // 3 of 3: wakes the waiting thread

            waiting.join();
            assertThat(linger.isWaiting()).isFalse();
        });
    }

    @Test
    void doesNotWaitWhenEnoughAreQueuedAlready() {
        queued.set(5);

        assertTimeoutPreemptively(GUARD, () -> linger.await(queued::get, 5, AN_HOUR));
        assertThat(linger.isWaiting()).isFalse();
    }

    @Test
    void doesNotWaitForNothingOrWithoutTime() {
        assertTimeoutPreemptively(GUARD, () -> {
            linger.await(queued::get, 0, AN_HOUR);
            linger.await(queued::get, 3, 0);
        });
    }

    @Test
    void endsTheWaitWhenItsTimeIsUpThoughNobodyCame() throws InterruptedException {
        linger.await(queued::get, 3, TimeUnit.MILLISECONDS.toNanos(5));

        assertThat(linger.isWaiting()).isFalse();
        assertThat(queued).hasValue(0);
    }

    @Test
    void ignoresArrivalsWhileNobodyWaits() {
        linger.arrived(100); // no thread to wake, nothing remembered

        assertThat(linger.isWaiting()).isFalse();
    }

    @Test
    void endsTheWaitWithAnInterruption() {
        assertTimeoutPreemptively(GUARD, () -> {
            Thread.currentThread().interrupt();

            assertThatExceptionOfType(InterruptedException.class)
                    .isThrownBy(() -> linger.await(queued::get, 3, AN_HOUR));
            assertThat(linger.isWaiting()).isFalse();
        });
    }

    private void arrive() {
        linger.arrived(queued.incrementAndGet());
    }

    private void awaitWaiting() throws InterruptedException {
        while (!linger.isWaiting()) {
            Thread.sleep(1);
        }
    }

    private void awaitQuietly(int enough, long nanos) {
        try {
            linger.await(queued::get, enough, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
