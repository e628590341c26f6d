package org.shifo.audit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class AuditSettingsTests {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    private static Binder binder(SystemEnvironmentPropertySource environment) {
        return new Binder(Objects.requireNonNull(ConfigurationPropertySource.from(environment)));
    }

    @Test
    void acceptsTheDefaults() {
        AuditSettings settings = new AuditSettings(
                Duration.ofSeconds(1), 5_000, "0 30 0 * * *", TASHKENT, false, Duration.ofMillis(10), 16);

        assertThat(settings.isCheckpointScheduled()).isTrue();
    }

    @Test
    void turnsTheCheckpointOffWithADash() {
        assertThat(new AuditSettings(Duration.ofSeconds(1), 5_000, "-", TASHKENT, false, Duration.ofMillis(3), 16)
                        .isCheckpointScheduled())
                .isFalse();
    }

    @Test
    void bindsTheEnvironmentVariablesDocumentedInConfigurationMd() {
        var environment = new SystemEnvironmentPropertySource(
                "environment",
                Map.of(
                        "SHIFO_AUDIT_SEAL_INTERVAL", "250ms",
                        "SHIFO_AUDIT_SEAL_BATCH_SIZE", "1000",
                        "SHIFO_AUDIT_CHECKPOINT_CRON", "0 0 3 * * *",
                        "SHIFO_AUDIT_CHECKPOINT_ZONE", "Asia/Samarkand",
                        "SHIFO_AUDIT_VERIFY_AND_EXIT", "true",
                        "SHIFO_AUDIT_READ_BATCH_LINGER", "0",
                        "SHIFO_AUDIT_READ_BATCH_TARGET", "32"));

        AuditSettings settings =
                binder(environment).bind("shifo.audit", AuditSettings.class).get();

        assertThat(settings)
                .isEqualTo(new AuditSettings(
                        Duration.ofMillis(250),
                        1_000,
                        "0 0 3 * * *",
                        ZoneId.of("Asia/Samarkand"),
                        true,
                        Duration.ZERO,
                        32));
    }

    @Test
    void defaultsToSealingEverySecondAndACheckpointAtHalfPastMidnightInTashkent() {
        AuditSettings settings = binder(new SystemEnvironmentPropertySource(
                        "environment", Map.of("SHIFO_AUDIT_SEAL_BATCH_SIZE", "5000")))
                .bindOrCreate("shifo.audit", AuditSettings.class);

        assertThat(settings)
                .isEqualTo(new AuditSettings(
                        Duration.ofSeconds(1), 5_000, "0 30 0 * * *", TASHKENT, false, Duration.ofMillis(10), 16));
    }

    @Test
    void refusesAnIntervalShorterThanTenMilliseconds() {
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        new AuditSettings(Duration.ofMillis(5), 5_000, "-", TASHKENT, false, Duration.ofMillis(3), 16));
    }

    @Test
    void refusesANegativeOrLongReadBatchLinger() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AuditSettings(
                        Duration.ofSeconds(1), 5_000, "-", TASHKENT, false, Duration.ofMillis(-1), 16));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AuditSettings(
                        Duration.ofSeconds(1), 5_000, "-", TASHKENT, false, Duration.ofMillis(101), 16));
    }

    @Test
    void refusesAFiveFieldCron() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AuditSettings(
                        Duration.ofSeconds(1), 5_000, "30 0 * * *", TASHKENT, false, Duration.ofMillis(3), 16));
    }
}
