package org.shifo.platform.web;

import java.util.Locale;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Switches the UI language when a request carries {@code ?lang=uz|ru|en}; any other value is ignored, so the
 * current language stays.
 */
final class ShellLocaleChangeInterceptor extends LocaleChangeInterceptor {

    static final String PARAMETER = "lang";

    ShellLocaleChangeInterceptor() {
        setParamName(PARAMETER);
        setHttpMethods("GET", "HEAD");
        setIgnoreInvalidLocale(true);
    }

    @Override
    protected Locale parseLocaleValue(String value) {
        return ShellLanguage.fromTag(value)
                .map(ShellLanguage::locale)
                .orElseThrow(() -> new IllegalArgumentException("Not a language of Shifo's UI"));
    }
}
