package org.shifo.platform.web;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IntegrationTest;

/** Every page of the shell, in every language: WCAG 2.1 AA as far as axe-core checks it, and no sideways scroll. */
@IntegrationTest
@ExtendWith(BrowserSupport.class)
class ShellAccessibilityBrowserTests {

    private static final List<String> PAGES = List.of(
            "/",
            "/test-support/shell",
            "/test-support/no-such-page",
            "/test-support/errors/403",
            "/test-support/errors/500",
            "/test-support/errors/generic?status=409&requestId=0f3a9c7d2b");

    static Stream<Arguments> pagesInEveryLanguage() {
        return PAGES.stream().flatMap(path -> Stream.of("uz", "ru", "en")
                .map(language -> Arguments.of(path + (path.contains("?") ? "&" : "?") + "lang=" + language)));
    }

    @ParameterizedTest
    @MethodSource("pagesInEveryLanguage")
    void meetsWcag21AA(String path, Page page) {
        page.navigate(path);

        Axe.assertNoViolations(page);
    }

    @ParameterizedTest
    @MethodSource("pagesInEveryLanguage")
    void fitsAPhoneAndAWideScreenWithoutScrollingSideways(String path, Page page) {
        page.setViewportSize(360, 740);

        page.navigate(path);

        Assertions.assertThat(horizontalOverflow(page))
                .as("pixels beyond a 360 px wide viewport")
                .isZero();
        page.setViewportSize(1920, 1080);
        Assertions.assertThat(horizontalOverflow(page))
                .as("pixels beyond a 1920 px wide viewport")
                .isZero();
    }

    private static int horizontalOverflow(Page page) {
        Object overflow =
                page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
                        + " - document.documentElement.clientWidth");
        return ((Number) overflow).intValue();
    }
}
