package org.shifo.platform.jobs;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the cluster-wide job scheduler ({@code SHIFO_JOBS_*}, docs/configuration.md).
 *
 * @param enabled whether this node runs jobs at all (every node may; each execution runs on one)
 * @param pollingInterval how often a node looks for due executions
 * @param threads how many jobs a node runs at once
 */
@ConfigurationProperties("shifo.jobs")
@Validated
public record JobSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") @NotNull Duration pollingInterval,
        @DefaultValue("2") @Min(1) @Max(32) int threads) {}
