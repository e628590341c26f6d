package org.shifo.platform.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.platform.ShellContext;
import org.shifo.platform.testing.BrowserLocale;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IntegrationTest;

@IntegrationTest
@ExtendWith(BrowserSupport.class)
class HomePageBrowserTests {

    @org.springframework.beans.factory.annotation.Autowired
    org.shifo.platform.testing.TestClock clock;

    @Test
    @BrowserLocale("de-DE")
    void showsTheHomePageInUzbekByDefault(Page page) {
        Response response = page.navigate("/");

        Assertions.assertThat(response.status()).isEqualTo(200);
        assertThat(page.locator("html")).hasAttribute("lang", "uz");
        assertThat(page).hasTitle("Bosh sahifa · Shifo");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText(Pattern.compile("^Xayrli (tong|kun|kech)!$"));
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Asosiy menyu"))
                        .getByRole(AriaRole.LINK))
                .hasText(new String[] {"Bosh sahifa"});
        assertThat(page.getByText("Hozircha boʻlimlar yoʻq")).isVisible();
    }

    @Test
    void showsTodaysDateInTheBranchTimeZone(Page page) {
        // the application's clock, which other tests move forward, not the wall clock
        LocalDate before = LocalDate.ofInstant(clock.instant(), ShellContext.DEFAULT_TIME_ZONE);

        page.navigate("/?lang=en");

        LocalDate after = LocalDate.ofInstant(clock.instant(), ShellContext.DEFAULT_TIME_ZONE);
        assertThat(page.locator(".home-date time"))
                .hasAttribute("datetime", Pattern.compile("^(" + before + "|" + after + ")$"));
    }

    @Test
    @BrowserLocale("ru-RU")
    void followsTheBrowsersLanguageWhenNoneWasChosen(Page page) {
        page.navigate("/");

        assertThat(page.locator("html")).hasAttribute("lang", "ru");
        assertThat(page).hasTitle("Главная · Shifo");
    }

    @Test
    void switchesLanguageAndRemembersItAcrossPages(Page page, BrowserContext context) {
        page.navigate("/");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Русский"))
                .click();

        assertThat(page.locator("html")).hasAttribute("lang", "ru");
        assertThat(page).hasTitle("Главная · Shifo");
        assertThat(page.getByText("Разделов пока нет")).isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Русский")))
                .hasAttribute("aria-current", "true");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Oʻzbekcha")))
                .not()
                .hasAttribute("aria-current", "true");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Главная"))
                .click();

        Assertions.assertThat(page.url()).doesNotContain("lang=");
        assertThat(page.locator("html")).hasAttribute("lang", "ru");
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Основное меню")))
                .isVisible();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("English"))
                .click();
        page.navigate("/");

        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(page).hasTitle("Home · Shifo");
        assertThat(page.getByText("No sections yet")).isVisible();
        Assertions.assertThat(context.cookies()).anySatisfy(cookie -> {
            Assertions.assertThat(cookie.name).isEqualTo("shifo-lang");
            Assertions.assertThat(cookie.value).isEqualTo("en");
            Assertions.assertThat(cookie.httpOnly).isTrue();
        });
    }

    @Test
    void labelsEachLanguageInItself(Page page) {
        page.navigate("/?lang=en");

        var switcher = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Interface language"));
        assertThat(switcher.getByRole(AriaRole.LINK)).hasText(new String[] {"Oʻzbekcha", "Русский", "English"});
        assertThat(switcher.locator("a[lang=uz]")).hasText("Oʻzbekcha");
        assertThat(switcher.locator("a[lang=ru]")).hasText("Русский");
        assertThat(switcher.locator("a[lang=en]")).hasAttribute("aria-current", "true");
    }

    @Test
    void ignoresALanguageShifoDoesNotSpeak(Page page) {
        page.navigate("/?lang=ru");

        page.navigate("/?lang=fr");

        assertThat(page.locator("html")).hasAttribute("lang", "ru");
    }

    @Test
    void letsKeyboardUsersSkipToTheContent(Page page) {
        page.navigate("/");

        page.keyboard().press("Tab");

        var skipLink = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Asosiy mazmunga oʻtish"));
        assertThat(skipLink).isFocused();
        assertThat(skipLink).isInViewport();
        page.keyboard().press("Enter");
        assertThat(page.locator("main#main")).isFocused();
    }

    @Test
    void sendsTheCsrfTokenWithHtmxRequests(Page page) {
        page.navigate("/test-support/htmx");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                .click();

        assertThat(page.locator("#htmx-result")).hasText("Accepted with a CSRF token");
    }
}
