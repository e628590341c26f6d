package org.shifo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DayPartTests {

    @ParameterizedTest
    @CsvSource({
        "04:59, EVENING",
        "05:00, MORNING",
        "11:59, MORNING",
        "12:00, AFTERNOON",
        "17:59, AFTERNOON",
        "18:00, EVENING",
        "23:30, EVENING"
    })
    void greetsForThePartOfTheDay(LocalTime time, DayPart expected) {
        assertThat(DayPart.at(time)).isEqualTo(expected);
    }
}
