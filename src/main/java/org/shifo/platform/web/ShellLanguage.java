package org.shifo.platform.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The languages of the staff UI. Uzbek (Latin script) is the default. */
enum ShellLanguage {
    UZBEK("uz", "Oʻzbekcha"),
    RUSSIAN("ru", "Русский"),
    ENGLISH("en", "English");

    static final ShellLanguage DEFAULT = UZBEK;

    private static final List<Locale> LOCALES =
            Arrays.stream(values()).map(ShellLanguage::locale).toList();

    private final String code;
    private final Locale locale;

    /** The language's name in the language itself, so a reader finds it whatever language the page is in. */
    private final String nativeName;

    ShellLanguage(String code, String nativeName) {
        this.code = code;
        this.locale = Locale.of(code);
        this.nativeName = nativeName;
    }

    String code() {
        return code;
    }

    Locale locale() {
        return locale;
    }

    String nativeName() {
        return nativeName;
    }

    /**
     * The language a tag such as {@code ru}, {@code ru-RU} or {@code en_GB} names, if Shifo speaks it. Only the
     * primary language subtag counts: Uzbek in any script gets the Latin UI.
     */
    static Optional<ShellLanguage> fromTag(@Nullable String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
        return Arrays.stream(values())
                .filter(candidate -> candidate.code.equals(language))
                .findFirst();
    }

    /** The language a locale names, or the default when Shifo does not speak it. */
    static ShellLanguage of(Locale locale) {
        return fromTag(locale.toLanguageTag()).orElse(DEFAULT);
    }

    /**
     * The best language for an {@code Accept-Language} header (RFC 4647 lookup, honouring quality values), or the
     * default when the header is absent, malformed or names none of Shifo's languages.
     */
    static ShellLanguage negotiate(@Nullable String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return DEFAULT;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), LOCALES);
            return best == null ? DEFAULT : of(best);
        } catch (IllegalArgumentException malformed) {
            return DEFAULT;
        }
    }
}
