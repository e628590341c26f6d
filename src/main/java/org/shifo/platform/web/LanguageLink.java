package org.shifo.platform.web;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the language switcher: a link to the current page in another language.
 *
 * @param code the language's tag, for the link's {@code lang} and {@code hreflang}
 * @param label the language's name in itself
 * @param href a query-only reference ({@code ?…&lang=ru}): the browser resolves it against the address it shows,
 *     which on an error page is the address that failed, not {@code /error}
 * @param current whether the page is in this language
 */
record LanguageLink(String code, String label, String href, boolean current) {

    static List<LanguageLink> forPage(ShellLanguage pageLanguage, @Nullable String queryString) {
        String otherParameters = withoutLanguageParameter(queryString);
        return Arrays.stream(ShellLanguage.values())
                .map(language -> new LanguageLink(
                        language.code(),
                        language.nativeName(),
                        "?" + otherParameters + ShellLocaleChangeInterceptor.PARAMETER + "=" + language.code(),
                        language == pageLanguage))
                .toList();
    }

    /** The query's other parameters, kept as sent (already encoded), each followed by {@code &}. */
    private static String withoutLanguageParameter(@Nullable String queryString) {
        if (queryString == null || queryString.isEmpty()) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String parameter : queryString.split("&")) {
            String name = parameter.split("=", 2)[0];
            if (!parameter.isEmpty() && !name.equals(ShellLocaleChangeInterceptor.PARAMETER)) {
                kept.append(parameter).append('&');
            }
        }
        return kept.toString();
    }
}
