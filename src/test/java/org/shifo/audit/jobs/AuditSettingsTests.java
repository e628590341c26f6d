package org.shifo.audit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AuditSettingsTests {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    @Test
    void acceptsTheDefaults() {
        AuditSettings settings = new AuditSettings(Duration.ofSeconds(1), 5_000, "0 30 0 * * *", TASHKENT, false);

        assertThat(settings.isCheckpointScheduled()).isTrue();
    }

    @Test
    void turnsTheCheckpointOffWithADash() {
        assertThat(new AuditSettings(Duration.ofSeconds(1), 5_000, "-", TASHKENT, false).isCheckpointScheduled())
                .isFalse();
    }

    @Test
    void refusesAnIntervalShorterThanTenMilliseconds() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AuditSettings(Duration.ofMillis(5), 5_000, "-", TASHKENT, false));
    }

    @Test
    void refusesAFiveFieldCron() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AuditSettings(Duration.ofSeconds(1), 5_000, "30 0 * * *", TASHKENT, false));
    }
}
