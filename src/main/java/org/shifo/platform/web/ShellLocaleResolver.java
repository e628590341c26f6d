package org.shifo.platform.web;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * Resolves the UI language from the {@value #COOKIE_NAME} cookie, else from {@code Accept-Language}, else Uzbek.
 * A cookie naming a language Shifo does not speak is ignored, as if absent.
 */
final class ShellLocaleResolver extends CookieLocaleResolver {

    static final String COOKIE_NAME = "shifo-lang";

    static final Duration COOKIE_MAX_AGE = Duration.ofDays(365);

    ShellLocaleResolver(boolean secureCookie) {
        super(COOKIE_NAME);
        setCookieMaxAge(COOKIE_MAX_AGE);
        setCookieHttpOnly(true);
        setCookieSameSite("Lax");
        setCookieSecure(secureCookie);
        setRejectInvalidCookies(false);
        setDefaultLocaleFunction(request -> ShellLanguage.negotiate(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE))
                .locale());
    }

    @Override
    protected @Nullable Locale parseLocaleValue(String value) {
        return ShellLanguage.fromTag(value).map(ShellLanguage::locale).orElse(null);
    }
}
