package org.shifo.audit.jobs;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the audit trail's background jobs, bound from {@code SHIFO_AUDIT_*} (see
 * docs/configuration.md).
 *
 * @param sealInterval pause between two sealing passes on each node (10 ms to 1 day)
 * @param sealBatchSize entries sealed per transaction; a pass continues while batches come back full
 * @param checkpointCron when to take the daily checkpoints (Spring cron, six fields), or {@code -} for never
 * @param checkpointZone the time zone of {@code checkpointCron}
 * @param verifyAndExit start, verify every chain, print the result and exit (0 intact, 1 broken, 2 failed)
 * @param readBatchLinger how long, at most, the read-entry writer waits to gather more entries after a batch of
 *     several (0 to 100 ms; 0: never waits), see {@link ReadEntryBatcher}
 * @param readBatchTarget how many waiting entries end that wait early (1 to 500)
 */
@ConfigurationProperties("shifo.audit")
@Validated
public record AuditSettings(
        @DefaultValue("1s") @NotNull Duration sealInterval,
        @DefaultValue("5000") @Min(1) @Max(100_000) int sealBatchSize,
        @DefaultValue("0 30 0 * * *") @NotBlank String checkpointCron,
        @DefaultValue("Asia/Tashkent") @NotNull ZoneId checkpointZone,
        @DefaultValue("false") boolean verifyAndExit,
        @DefaultValue("10ms") @NotNull Duration readBatchLinger,
        @DefaultValue("16") @Min(1) @Max(500) int readBatchTarget) {

    /** The {@code checkpointCron} value that turns the daily checkpoint off. */
    public static final String DISABLED = "-";

    public AuditSettings {
        if (sealInterval.compareTo(Duration.ofMillis(10)) < 0 || sealInterval.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("shifo.audit.seal-interval must be between 10ms and 1d");
        }
        if (readBatchLinger.isNegative() || readBatchLinger.compareTo(Duration.ofMillis(100)) > 0) {
            throw new IllegalArgumentException("shifo.audit.read-batch-linger must be between 0 and 100ms");
        }
        if (!DISABLED.equals(checkpointCron) && !CronExpression.isValidExpression(checkpointCron)) {
            throw new IllegalArgumentException("shifo.audit.checkpoint-cron must be a six-field cron expression"
                    + " (second minute hour day month weekday) or '-'");
        }
    }

    public boolean isCheckpointScheduled() {
        return !DISABLED.equals(checkpointCron);
    }
}
