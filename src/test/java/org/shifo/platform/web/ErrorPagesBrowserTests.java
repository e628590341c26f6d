package org.shifo.platform.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IntegrationTest;

@IntegrationTest
@ExtendWith(BrowserSupport.class)
class ErrorPagesBrowserTests {

    @ParameterizedTest
    @CsvSource({
        "uz, Sahifa topilmadi, Bosh sahifaga qaytish",
        "ru, Страница не найдена, Вернуться на главную",
        "en, Page not found, Back to the home page"
    })
    void explainsAnUnknownAddressInTheChosenLanguage(String language, String heading, String homeLink, Page page) {
        page.navigate("/?lang=" + language);

        Response response = page.navigate("/test-support/no-such-page/anywhere");

        Assertions.assertThat(response.status()).isEqualTo(404);
        assertThat(page.locator("html")).hasAttribute("lang", language);
        assertThat(page).hasTitle(heading + " · Shifo");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText(heading);
        assertThat(page.getByRole(AriaRole.MAIN)
                        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(homeLink)))
                .hasAttribute("href", "/");
    }

    @Test
    void switchesTheLanguageOfAnErrorPageInPlace(Page page) {
        page.navigate("/test-support/no-such-page");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("English"))
                .click();

        Assertions.assertThat(page.url()).endsWith("/test-support/no-such-page?lang=en");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Page not found");
    }

    @ParameterizedTest
    @CsvSource({"uz, Kirish taqiqlangan", "ru, Доступ запрещён", "en, Access denied"})
    void explainsAnAccessDenial(String language, String heading, Page page) {
        page.navigate("/?lang=" + language);

        Response response = page.navigate("/test-support/errors/403");

        Assertions.assertThat(response.status()).isEqualTo(403);
        assertThat(page.locator("html")).hasAttribute("lang", language);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText(heading);
    }

    @ParameterizedTest
    @CsvSource({"uz, Ichki xatolik", "ru, Внутренняя ошибка", "en, Internal error"})
    void explainsAFailureWithoutRevealingIt(String language, String heading, Page page) {
        page.navigate("/?lang=" + language);

        Response response = page.navigate("/test-support/errors/500");

        Assertions.assertThat(response.status()).isEqualTo(500);
        assertThat(page.locator("html")).hasAttribute("lang", language);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText(heading);
        Assertions.assertThat(page.content())
                .doesNotContain("failing on purpose")
                .doesNotContain("IllegalStateException")
                .doesNotContain("org.shifo");
    }

    @Test
    void namesTheStatusAndTheSupportReferenceOnTheGenericPage(Page page) {
        Response response = page.navigate("/test-support/errors/generic?status=409&requestId=0f3a9c7d2b&lang=ru");

        Assertions.assertThat(response.status()).isEqualTo(409);
        assertThat(page).hasTitle("Ошибка 409 · Shifo");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Ошибка 409");
        assertThat(page.locator(".error-reference dt")).hasText("Номер обращения");
        assertThat(page.locator(".error-reference dd")).hasText("0f3a9c7d2b");
        assertThat(page.getByText("Назовите этот номер")).isVisible();
    }

    @Test
    void showsTheGenericPageWithoutStatusOrReference(Page page) {
        page.navigate("/test-support/errors/generic?requestId=&lang=en");

        assertThat(page).hasTitle("Something went wrong · Shifo");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Something went wrong");
        assertThat(page.getByText("Error ")).hasCount(0);
        assertThat(page.locator(".error-reference")).hasCount(0);
    }
}
