package org.shifo.terminology.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the codes of a system are written. ICD-10 codes are stored upper case and dotted ({@code A00.0}): a letter,
 * two digits, and optionally a dot and one to four more characters; ICD-10-CM allows a letter as the third
 * character ({@code C4A}), up to seven characters in all and the placeholder {@code X} ({@code T36.0X1A}). Blocks
 * are ranges ({@code A00-A09}); chapters Roman or Arabic numerals.
 */
public enum CodeFormat {
    /** WHO ICD-10 and its Russian edition МКБ-10. */
    ICD10(Pattern.compile("[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?")),
    /** The US ICD-10-CM. */
    ICD10_CM(Pattern.compile("[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?")),
    /** A clinic's own list: any code of letters, digits, dots and dashes. */
    LOCAL(Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,19}"));

    /** What the database accepts as a code of any system. */
    public static final Pattern ANY = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,19}");

    private static final Pattern BLOCK =
            Pattern.compile("[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?-[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?");
    private static final Pattern CHAPTER = Pattern.compile("[IVXLC]{1,7}|[0-9]{1,2}");
    private static final Pattern UNDOTTED = Pattern.compile("([A-Z][0-9][0-9A-Z])([0-9A-Z]{1,4})");

    private final Pattern category;

    CodeFormat(Pattern category) {
        this.category = category;
    }

    /**
     * The code as stored: blanks removed, upper case, the dagger and asterisk marks of dual classification
     * dropped, and for ICD-10 systems the dot inserted after the third character when it is missing ({@code a000}
     * → {@code A00.0}).
     */
    public String normalize(String raw) {
        String code = raw.strip().replace(" ", "").toUpperCase(Locale.ROOT);
        while (!code.isEmpty() && "+*†".indexOf(code.charAt(code.length() - 1)) >= 0) {
            code = code.substring(0, code.length() - 1);
        }
        if (this != LOCAL) {
            var undotted = UNDOTTED.matcher(code);
            if (undotted.matches()) {
                code = undotted.group(1) + "." + undotted.group(2);
            }
        }
        return code;
    }

    /** Whether {@code code} (normalized) is shaped like a category or subcategory of the system. */
    public boolean isCategory(String code) {
        if (!category.matcher(code).matches()) {
            return false;
        }
        return this != ICD10_CM || code.replace(".", "").length() <= 7;
    }

    /** Whether {@code code} is a block ({@code A00-A09}) or a chapter ({@code I}, {@code XXI}, {@code 21}). */
    public static boolean isGroup(String code) {
        return BLOCK.matcher(code).matches() || CHAPTER.matcher(code).matches();
    }

    public static boolean isBlock(String code) {
        return BLOCK.matcher(code).matches();
    }

    /** Whether {@code code} may be stored as a code of this system: a category, or a block or chapter. */
    public boolean isStorable(String code) {
        return ANY.matcher(code).matches() && (this == LOCAL || isCategory(code) || isGroup(code));
    }

    /** The format of a canonical system URI; a local list for any other system. */
    public static CodeFormat of(String system) {
        return switch (system) {
            case org.shifo.terminology.Terminology.ICD10 -> ICD10;
            case org.shifo.terminology.Terminology.ICD10_CM -> ICD10_CM;
            default -> LOCAL;
        };
    }

    /** The short name of a system as the import form and audit trail spell it ({@code ICD10}, {@code ICD10_CM}). */
    public static String shortName(String system) {
        return switch (system) {
            case org.shifo.terminology.Terminology.ICD10 -> "ICD10";
            case org.shifo.terminology.Terminology.ICD10_CM -> "ICD10_CM";
            default -> system.startsWith(LOCAL_PREFIX) ? system.substring(LOCAL_PREFIX.length()) : system;
        };
    }

    /** The URI prefix of a clinic's own code lists ({@code urn:shifo:code-system:<name>}). */
    public static final String LOCAL_PREFIX = "urn:shifo:code-system:";

    private static final Pattern LOCAL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");

    /**
     * The canonical system for a URI or a short name: {@code ICD10}, {@code ICD-10}, {@code icd10} or the FHIR URI
     * for WHO ICD-10; {@code ICD10_CM}, {@code ICD-10-CM} or its URI for ICD-10-CM; a local list's name (letters,
     * digits, {@code _}, {@code -}) for {@code urn:shifo:code-system:<name>}. Empty for anything else.
     */
    public static Optional<String> canonicalSystem(String systemOrAlias) {
        String value = systemOrAlias.strip();
        if (value.equals(org.shifo.terminology.Terminology.ICD10)
                || value.equals(org.shifo.terminology.Terminology.ICD10_CM)) {
            return Optional.of(value);
        }
        String squeezed =
                value.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", "");
        if (squeezed.equals("ICD10") || squeezed.equals("MKB10") || squeezed.equals("МКБ10")) {
            return Optional.of(org.shifo.terminology.Terminology.ICD10);
        }
        if (squeezed.equals("ICD10CM")) {
            return Optional.of(org.shifo.terminology.Terminology.ICD10_CM);
        }
        if (value.startsWith(LOCAL_PREFIX)
                && LOCAL_NAME.matcher(value.substring(LOCAL_PREFIX.length())).matches()) {
            return Optional.of(value.toLowerCase(Locale.ROOT));
        }
        if (LOCAL_NAME.matcher(value).matches()) {
            return Optional.of(LOCAL_PREFIX + value.toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }
}
