package org.shifo.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTests {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    private final QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0), TASHKENT);

    @Test
    void holdsTheEveningUntilTheNextMorning() {
        assertThat(night.endOf(at(2026, 11, 23, 22, 30))).contains(at(2026, 11, 24, 8, 0));
    }

    @Test
    void holdsTheSmallHoursUntilThatMorning() {
        assertThat(night.endOf(at(2026, 11, 24, 3, 0))).contains(at(2026, 11, 24, 8, 0));
    }

    @Test
    void letsTheDayThrough() {
        assertThat(night.endOf(at(2026, 11, 24, 8, 0))).isEmpty();
        assertThat(night.endOf(at(2026, 11, 24, 21, 59))).isEmpty();
    }

    @Test
    void aPeriodWithinOneDayWorksToo() {
        QuietHours lunch = new QuietHours(LocalTime.of(13, 0), LocalTime.of(14, 0), TASHKENT);

        assertThat(lunch.endOf(at(2026, 11, 24, 13, 30))).contains(at(2026, 11, 24, 14, 0));
        assertThat(lunch.endOf(at(2026, 11, 24, 12, 59))).isEmpty();
    }

    private static java.time.Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(TASHKENT).toInstant();
    }
}
