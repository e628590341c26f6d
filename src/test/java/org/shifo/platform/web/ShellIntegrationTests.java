package org.shifo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class ShellIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    MessageSource messages;

    @Test
    void servesHtmxFromItsWebJarWithoutAVersionInTheAddress() {
        assertThat(mvc.get().uri("/webjars/htmx.org/dist/htmx.min.js"))
                .hasStatusOk()
                .bodyText()
                .contains("htmx");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/css/shifo.css", "/js/shifo.js", "/favicon.svg"})
    void servesTheShellsOwnFiles(String path) {
        assertThat(mvc.get().uri(path)).hasStatusOk();
    }

    @Test
    void readsTheMessageBundlesAsUtf8() {
        assertThat(messages.getMessage("nav.home", null, Locale.of("ru"))).isEqualTo("Главная");
        assertThat(messages.getMessage("shell.skipToContent", null, Locale.of("uz")))
                .isEqualTo("Asosiy mazmunga oʻtish");
        assertThat(messages.getMessage("error.code", new Object[] {404}, Locale.ENGLISH))
                .isEqualTo("Error code: 404");
    }

    @Test
    void fallsBackToUzbekForALocaleWithoutBundle() {
        assertThat(messages.getMessage("nav.home", null, Locale.GERMAN)).isEqualTo("Bosh sahifa");
    }

    @Test
    void rendersTheHomePageInUzbekForABrowserThatStatesNoLanguage() {
        assertThat(mvc.get().uri("/").accept(MediaType.TEXT_HTML))
                .hasStatusOk()
                .bodyText()
                .contains("<html lang=\"uz\">")
                .contains("Bosh sahifa · Shifo");
    }

    @Test
    void setsTheLanguageCookieWhenAskedToSwitch() {
        assertThat(mvc.get().uri("/?lang=ru").accept(MediaType.TEXT_HTML))
                .hasStatusOk()
                .hasHeader("Content-Language", "ru")
                .cookies()
                .hasValue("shifo-lang", "ru");
    }

    @Test
    void answersABrowserAskingForAnUnknownPageWithTheErrorPageStatus() {
        assertThat(mvc.get().uri("/test-support/no-such-page").accept(MediaType.TEXT_HTML))
                .hasStatus(HttpStatus.NOT_FOUND)
                .headers()
                .doesNotContainHeader("Content-Type");
    }

    @Test
    void answersAnApiClientAskingForAnUnknownPageWithProblemDetails() {
        assertThat(mvc.get().uri("/test-support/no-such-page").accept(MediaType.APPLICATION_JSON))
                .hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
