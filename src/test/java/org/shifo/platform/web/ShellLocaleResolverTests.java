package org.shifo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.DispatcherServlet;

class ShellLocaleResolverTests {

    private final ShellLocaleResolver resolver = new ShellLocaleResolver(false);

    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");

    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void usesUzbekWithoutCookieOrAcceptLanguage() {
        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.of("uz"));
    }

    @Test
    void usesTheBrowsersLanguageWithoutCookie() {
        request.addHeader("Accept-Language", "ru-RU,ru;q=0.9");

        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.of("ru"));
    }

    @Test
    void prefersTheCookieToTheBrowsersLanguage() {
        request.addHeader("Accept-Language", "ru-RU");
        request.setCookies(new Cookie("shifo-lang", "en"));

        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void ignoresACookieNamingAnotherLanguage() {
        request.addHeader("Accept-Language", "ru");
        request.setCookies(new Cookie("shifo-lang", "fr"));

        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.of("ru"));
    }

    @Test
    void ignoresAMalformedCookie() {
        request.setCookies(new Cookie("shifo-lang", "%%%"));

        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.of("uz"));
    }

    @Test
    void remembersTheChoiceForAYearInAnHttpOnlyLaxCookie() {
        resolver.setLocale(request, response, Locale.of("ru"));

        String cookie = response.getHeader("Set-Cookie");
        assertThat(cookie)
                .startsWith("shifo-lang=ru;")
                .contains("Path=/")
                .contains("Max-Age=31536000")
                .contains("HttpOnly")
                .contains("SameSite=Lax")
                .doesNotContain("Secure");
    }

    @Test
    void marksTheCookieSecureWhenTheSessionCookieIs() {
        new ShellLocaleResolver(true).setLocale(request, response, Locale.of("ru"));

        assertThat(response.getHeader("Set-Cookie")).contains("Secure");
    }

    @Test
    void switchesOnTheLangParameter() throws Exception {
        request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, resolver);
        request.setParameter("lang", "en");

        new ShellLocaleChangeInterceptor().preHandle(request, response, new Object());

        assertThat(response.getHeader("Set-Cookie")).startsWith("shifo-lang=en;");
        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void keepsTheLanguageWhenTheLangParameterNamesAnotherOne() throws Exception {
        request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, resolver);
        request.setCookies(new Cookie("shifo-lang", "ru"));
        request.setParameter("lang", "de");

        new ShellLocaleChangeInterceptor().preHandle(request, response, new Object());

        assertThat(response.getHeader("Set-Cookie")).isNull();
        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.of("ru"));
    }
}
