package org.shifo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellLanguageTests {

    @ParameterizedTest
    @CsvSource({"uz, UZBEK", "ru, RUSSIAN", "en, ENGLISH", "ru-RU, RUSSIAN", "en_GB, ENGLISH", "UZ, UZBEK"})
    void recognisesItsLanguagesInAnyRegion(String tag, ShellLanguage expected) {
        assertThat(ShellLanguage.fromTag(tag)).contains(expected);
    }

    @Test
    void givesUzbekInAnyScriptTheLatinUi() {
        assertThat(ShellLanguage.fromTag("uz-Cyrl-UZ")).contains(ShellLanguage.UZBEK);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"fr", "de-DE", "xx", "<script>", "ru;q=1", "english"})
    void recognisesNothingElse(String tag) {
        assertThat(ShellLanguage.fromTag(tag)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ru-RU,ru;q=0.9,en-US;q=0.8 | RUSSIAN",
                "de-DE,en;q=0.5,ru;q=0.4 | ENGLISH",
                "ru;q=0,en;q=0.5 | ENGLISH",
                "uz-Latn-UZ | UZBEK",
                "fr-FR,de;q=0.8 | UZBEK",
                "* | UZBEK",
                "en;q=not-a-number | UZBEK"
            })
    void negotiatesTheBestLanguageFromTheBrowser(String acceptLanguage, ShellLanguage expected) {
        assertThat(ShellLanguage.negotiate(acceptLanguage)).isEqualTo(expected);
    }

    @Test
    void speaksUzbekWhenTheBrowserSaysNothing() {
        assertThat(ShellLanguage.negotiate(null)).isEqualTo(ShellLanguage.UZBEK);
        assertThat(ShellLanguage.negotiate(" ")).isEqualTo(ShellLanguage.UZBEK);
    }

    @Test
    void fallsBackToUzbekForALocaleItDoesNotSpeak() {
        assertThat(ShellLanguage.of(Locale.GERMAN)).isEqualTo(ShellLanguage.UZBEK);
        assertThat(ShellLanguage.of(Locale.of("ru", "KZ"))).isEqualTo(ShellLanguage.RUSSIAN);
    }
}
