package org.shifo.patients.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Folds a name to one Latin "skeleton" so that the ways one person's name is written here compare equal, for
 * example "Oʻtkir Xoʻjayev", "O'tkir Xojayev", "Уткир Хужаев" and "Utkir Khujaev" all become {@code utkir
 * xujaev}. The key is only for search and matching; the record keeps the name as it was written.
 *
 * <p>Steps: lower case; every apostrophe-like character (ʻ ʼ ‘ ’ ` ´ ′) is one apostrophe; Uzbek Latin
 * {@code oʻ} becomes {@code u} (it is Cyrillic ў, which Russian spelling writes у) and {@code gʻ} becomes
 * {@code g}; Uzbek and Russian Cyrillic are transliterated; then spellings that differ between Uzbek Latin,
 * Russian and English transcriptions are folded ({@code kh/h/x → x}, {@code zh/dzh/dj → j}, {@code q → k},
 * {@code ye → e}, {@code ts → s}, {@code w → v}, {@code o → u}, a final {@code iy → i}), feminine
 * endings {@code -ova/-eva} become {@code -ov/-ev}, patronymic forms ({@code -ovich/-evich/-ovna/-evna} and
 * the words {@code oʻgʻli/qizi}) are reduced to the father's name ({@code akmal}), and doubled letters are single.
 */
public final class NameKey {

    /**
     * The longest key stored ({@code patients_name_key_length}). Folding can double a name's length (ё → yo,
     * щ → sh), so three names of 100 letters may give more; the key is cut there, which only drops the end of
     * such names from matching.
     */
    public static final int MAX_LENGTH = 400;

    private static final Map<Character, String> CYRILLIC = cyrillic();

    private NameKey() {}

    /** The key of a whole name: the parts' keys joined by single spaces. */
    public static String of(String familyName, String givenName, @Nullable String patronymic) {
        String key =
                (fold(familyName) + " " + fold(givenName) + " " + (patronymic == null ? "" : fold(patronymic))).trim();
        if (key.length() > MAX_LENGTH) {
            key = key.substring(0, MAX_LENGTH).strip();
        }
        return key.isEmpty() ? "?" : key;
    }

    /** The key of free text a user typed into a search box; may be empty. */
    public static String fold(String text) {
        String lower = unifyApostrophes(text.toLowerCase(Locale.ROOT));
        lower = lower.replace("o'", "u").replace("g'", "g");
        StringBuilder latin = new StringBuilder(lower.length() + 8);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            String mapped = CYRILLIC.get(c);
            if (mapped != null) {
                latin.append(mapped);
            } else if (c >= 'a' && c <= 'z') {
                latin.append(c);
            } else if (c == ' ' || c == '-' || Character.isWhitespace(c)) {
                latin.append(' ');
            } else if (Character.isLetter(c)) {
                latin.append(stripAccent(c));
            }
            // apostrophes and everything else vanish
        }
        List<String> words = new ArrayList<>();
        for (String word : latin.toString().split(" +")) {
            if (word.isEmpty()
                    || word.equals("ugli")
                    || word.equals("ogli")
                    || word.equals("kizi")
                    || word.equals("qizi")) {
                continue;
            }
            words.add(foldWord(word));
        }
        return String.join(" ", words).trim();
    }

    private static String foldWord(String word) {
        String w = word;
        w = stripEnding(w, "ovich", "");
        w = stripEnding(w, "evich", "");
        w = stripEnding(w, "ovna", "");
        w = stripEnding(w, "evna", "");
        w = stripEnding(w, "ova", "ov");
        w = stripEnding(w, "eva", "ev");
        w = stripEnding(w, "yeva", "yev");
        w = w.replace("sh", "S").replace("ch", "C");
        w = w.replace("dzh", "j").replace("dj", "j").replace("zh", "j").replace("kh", "x");
        w = w.replace('h', 'x').replace('q', 'k').replace('w', 'v');
        w = w.replace("ts", "s").replace("ye", "e");
        if (w.endsWith("iy") && w.length() > 3) {
            w = w.substring(0, w.length() - 1);
        }
        w = w.replace('o', 'u');
        w = w.replace("S", "sh").replace("C", "ch");
        StringBuilder single = new StringBuilder(w.length());
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (i == 0 || c != w.charAt(i - 1)) {
                single.append(c);
            }
        }
        return single.toString();
    }

    private static String stripEnding(String word, String ending, String replacement) {
        if (word.length() > ending.length() + 1 && word.endsWith(ending)) {
            return word.substring(0, word.length() - ending.length()) + replacement;
        }
        return word;
    }

    static String unifyApostrophes(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(isApostrophe(c) ? '\'' : c);
        }
        return out.toString();
    }

    /** The apostrophe-like characters people type for Uzbek oʻ, gʻ and the tutuq belgisi. */
    public static boolean isApostrophe(char c) {
        return c == '\'' || c == 'ʻ' || c == 'ʼ' || c == '‘' || c == '’' || c == '`' || c == '´' || c == '′'
                || c == 'ʹ';
    }

    private static String stripAccent(char c) {
        String decomposed = java.text.Normalizer.normalize(String.valueOf(c), java.text.Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < decomposed.length(); i++) {
            char d = decomposed.charAt(i);
            if (d >= 'a' && d <= 'z') {
                out.append(d);
            }
        }
        return out.toString();
    }

    private static Map<Character, String> cyrillic() {
        String[][] pairs = {
            {"а", "a"}, {"б", "b"}, {"в", "v"}, {"г", "g"}, {"д", "d"}, {"е", "e"}, {"ё", "yo"}, {"ж", "j"},
            {"з", "z"}, {"и", "i"}, {"й", "y"}, {"к", "k"}, {"л", "l"}, {"м", "m"}, {"н", "n"}, {"о", "o"},
            {"п", "p"}, {"р", "r"}, {"с", "s"}, {"т", "t"}, {"у", "u"}, {"ф", "f"}, {"х", "x"}, {"ц", "ts"},
            {"ч", "ch"}, {"ш", "sh"}, {"щ", "sh"}, {"ъ", ""}, {"ы", "i"}, {"ь", ""}, {"э", "e"}, {"ю", "yu"},
            {"я", "ya"}, {"ў", "u"}, {"қ", "q"}, {"ғ", "g"}, {"ҳ", "h"}, {"і", "i"}, {"ї", "i"}, {"є", "e"},
            {"ә", "a"}, {"ө", "o"}, {"ү", "u"}, {"ң", "n"}, {"ұ", "u"}, {"һ", "h"}
        };
        Map<Character, String> map = new java.util.HashMap<>();
        for (String[] pair : pairs) {
            map.put(pair[0].charAt(0), pair[1]);
        }
        return Map.copyOf(map);
    }
}
