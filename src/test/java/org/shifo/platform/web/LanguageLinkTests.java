package org.shifo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageLinkTests {

    @Test
    void offersEveryLanguageMarkingTheCurrentOne() {
        List<LanguageLink> links = LanguageLink.forPage(ShellLanguage.RUSSIAN, null);

        assertThat(links)
                .containsExactly(
                        new LanguageLink("uz", "Oʻzbekcha", "?lang=uz", false),
                        new LanguageLink("ru", "Русский", "?lang=ru", true),
                        new LanguageLink("en", "English", "?lang=en", false));
    }

    @Test
    void keepsThePagesOtherParametersAndReplacesTheLanguage() {
        List<LanguageLink> links = LanguageLink.forPage(ShellLanguage.UZBEK, "q=Karimov%20A&lang=uz&page=2&");

        assertThat(links)
                .extracting(LanguageLink::href)
                .containsExactly(
                        "?q=Karimov%20A&page=2&lang=uz",
                        "?q=Karimov%20A&page=2&lang=ru", "?q=Karimov%20A&page=2&lang=en");
    }
}
