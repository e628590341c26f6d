package org.shifo.terminology.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How titles and searches are cut into words, the same way for both: lower case (by the application, whatever the
 * database's locale), split at everything that is not a letter or a digit of any script (so the Uzbek ʻ and ʼ,
 * which are letters, stay inside a word), duplicates removed, in order.
 */
public final class TitleWords {

    /** Longer words are cut to this length (the table's limit); no real title has one. */
    public static final int MAX_LENGTH = 200;

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private TitleWords() {}

    public static List<String> of(String text) {
        return Arrays.stream(NOT_WORD.split(text.toLowerCase(Locale.ROOT)))
                .filter(word -> !word.isEmpty())
                .map(word -> word.length() > MAX_LENGTH ? word.substring(0, MAX_LENGTH) : word)
                .distinct()
                .toList();
    }

    /**
     * The smallest text after every text starting with {@code prefix} in byte order (PostgreSQL's {@code "C"}
     * collation, which for UTF-8 is code point order): {@code prefix <= x < after(prefix)} is a prefix search an
     * index can answer.
     */
    public static String after(String prefix) {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("an empty prefix has no end");
        }
        int last = prefix.codePointBefore(prefix.length());
        int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
        if (next > Character.MAX_CODE_POINT) {
            throw new IllegalArgumentException("the prefix ends with the last code point");
        }
        return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(next);
    }
}
