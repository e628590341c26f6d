package org.shifo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HomePageControllerTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "uz | Dushanba, 14-sentabr, 2026",
                "ru | Понедельник, 14 сентября 2026\u202Fг.",
                "en | Monday, September 14, 2026"
            })
    void writesTheDateAsTheLanguageDoes(String language, String expected) {
        assertThat(HomePageController.longDate(LocalDate.of(2026, 9, 14), Locale.of(language)))
                .isEqualTo(expected);
    }
}
