package org.shifo.audit.jobs;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditCheckpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Runs the audit trail's background jobs on two threads of its own: sealing every {@code seal-interval} and
 * the daily checkpoint. It starts with the application context and stops after the web server (a lower
 * phase), so the last requests' entries get a final sealing pass before the database pool closes.
 *
 * <p>Failures are logged by type and SQL state only: an exception's message can quote a row, and the trail's
 * content never goes to the log.
 */
@Component
class AuditScheduler implements SmartLifecycle {

    /** Stops after the web server (graceful shutdown at DEFAULT_PHASE - 1024, the server at - 2048). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(AuditScheduler.class);

    private final AuditSealer sealer;
    private final AuditCheckpoints checkpoints;
    private final AuditSettings settings;
    private final Clock clock;

    private volatile @Nullable ScheduledThreadPoolExecutor executor;
    private volatile @Nullable ScheduledFuture<?> sealing;
    private volatile @Nullable ScheduledFuture<?> nextCheckpoint;
    private volatile boolean running;
    private volatile boolean sealingFailing;

    AuditScheduler(
            AuditSealer sealer, AuditCheckpoints checkpoints, AuditSettings settings, ObjectProvider<Clock> clock) {
        this.sealer = sealer;
        this.checkpoints = checkpoints;
        this.settings = settings;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        if (settings.verifyAndExit()) {
            return; // a verification run only reads
        }
        ScheduledThreadPoolExecutor jobs = new ScheduledThreadPoolExecutor(
                2, Thread.ofPlatform().name("audit-jobs-", 1).daemon(true).factory());
        jobs.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        jobs.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        jobs.setRemoveOnCancelPolicy(true);
        long interval = settings.sealInterval().toMillis();
        // the task never throws (sealSafely catches), so the future has nothing to report
        sealing = jobs.scheduleWithFixedDelay(this::sealSafely, interval, interval, TimeUnit.MILLISECONDS);
        executor = jobs;
        scheduleNextCheckpoint();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        ScheduledThreadPoolExecutor jobs = executor;
        executor = null;
        if (jobs == null) {
            return;
        }
        cancel(sealing);
        cancel(nextCheckpoint);
        jobs.shutdown(); // a pass already running finishes
        try {
            if (!jobs.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Audit jobs did not finish within {}; interrupting them", STOP_TIMEOUT);
                jobs.shutdownNow();
            }
        } catch (InterruptedException e) {
            jobs.shutdownNow();
            Thread.currentThread().interrupt();
            return;
        }
        sealSafely(); // the final pass: entries of the last requests, before the pool closes
    }

    private static void cancel(@Nullable ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    void sealSafely() {
        try {
            sealer.sealPending();
            if (sealingFailing) {
                sealingFailing = false;
                log.info("Audit sealing works again");
            }
        } catch (RuntimeException e) {
            if (!sealingFailing) {
                sealingFailing = true;
                log.warn(
                        "Audit sealing failed ({}); retrying every {} (further failures at debug level)",
                        describe(e),
                        settings.sealInterval());
            } else {
                log.debug("Audit sealing failed again ({})", describe(e));
            }
        }
    }

    private void scheduleNextCheckpoint() {
        ScheduledThreadPoolExecutor jobs = executor;
        if (jobs == null || !settings.isCheckpointScheduled()) {
            return;
        }
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(settings.checkpointZone());
        ZonedDateTime next = CronExpression.parse(settings.checkpointCron()).next(now);
        if (next == null) {
            return;
        }
        long delay = Math.max(0, Duration.between(now, next).toMillis());
        try {
            nextCheckpoint = jobs.schedule(this::checkpointSafely, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping: no next checkpoint on this node
        }
    }

    private void checkpointSafely() {
        try {
            checkpoints.take();
        } catch (RuntimeException e) {
            log.error("Taking the audit checkpoints failed ({}); next attempt at the next scheduled time", describe(e));
        } finally {
            scheduleNextCheckpoint();
        }
    }

    /** The exception's type and SQL state: never its message, which may quote an entry. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.getClass().getSimpleName());
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                text.append(", SQL state ").append(sql.getSQLState());
                break;
            }
        }
        return text.toString();
    }
}
