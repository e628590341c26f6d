package org.shifo.billing.reconciliation;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the providers' reconciliation ({@code SHIFO_BILLING_RECONCILIATION_*}, docs/configuration.md).
 *
 * @param zone the time zone of a reconciled day and of {@code time}
 * @param time when the daily job runs; it reconciles the day before
 * @param clickPrepareTimeout how long a PREPARED Click payment may wait for its Complete before it is listed as
 *     stale (Click spec §9: 30 minutes)
 */
@ConfigurationProperties("shifo.billing.reconciliation")
@Validated
public record ReconciliationSettings(
        @DefaultValue("Asia/Tashkent") @NotNull ZoneId zone,
        @DefaultValue("01:00") @NotNull LocalTime time,
        @DefaultValue("30m") @NotNull Duration clickPrepareTimeout) {}
