package org.shifo.audit.jobs;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The read-entry writer's wait for company ({@link ReadEntryBatcher}): one thread waits until enough entries
 * are queued or its time is up; the recording thread whose entry makes it enough wakes it, once. The writer is
 * not woken for every entry that arrives, as a wait on the queue itself would do (a system call on the
 * recording request's thread, a context switch and, with the writer on the other core, an interrupt there).
 */
final class Linger {

    private static final int NOBODY_WAITING = Integer.MAX_VALUE;

    /** While a thread waits: the queue length that ends its wait. Otherwise {@link #NOBODY_WAITING}. */
    private final AtomicInteger wakeAt = new AtomicInteger(NOBODY_WAITING);

    private volatile @Nullable Thread waiting;

    /**
     * Returns once {@code queued} reports at least {@code enough}, or after {@code nanos}, whichever comes first.
     * One thread at a time.
     */
    void await(IntSupplier queued, int enough, long nanos) throws InterruptedException {
        if (queued.getAsInt() >= enough || nanos <= 0) {
            return;
        }
        long deadline = System.nanoTime() + nanos;
        waiting = Thread.currentThread();
        wakeAt.set(enough);
        try {
            // checked after publishing wakeAt: an entry queued meanwhile has seen it, or is counted here
            while (queued.getAsInt() < enough) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            wakeAt.set(NOBODY_WAITING);
            waiting = null;
        }
    }

    /** Called after an entry was queued, with the queue's length then: wakes the waiting thread if it is enough. */
    void arrived(int queued) {
        int at = wakeAt.get();
        if (at != NOBODY_WAITING && queued >= at && wakeAt.compareAndSet(at, NOBODY_WAITING)) {
            Thread thread = waiting;
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        }
    }

    /** Whether a thread is waiting and has not been woken yet. */
    boolean isWaiting() {
        return wakeAt.get() != NOBODY_WAITING;
    }
}
