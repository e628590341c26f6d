package org.shifo.billing.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Amounts as pages show and read them: so'm with two digits of tiyin, thousands grouped by a no-break space and
 * a decimal comma ({@code 150 000,50}); the currency's name comes from the bundle ({@code billing.currency}).
 * Read back: digits with optional spaces, and at most two decimals after a comma or a point.
 */
public final class Amounts {

    /** Used by templates as {@code ${money.format(x)}}. */
    public static final Amounts INSTANCE = new Amounts();

    private static final Pattern INPUT = Pattern.compile("(\\d{1,16})(?:[.,](\\d{1,2}))?");

    private Amounts() {}

    /** {@code 15000050} → {@code "150 000,50"}. */
    public String format(long tiyin) {
        boolean negative = tiyin < 0;
        long value = Math.abs(tiyin);
        String soum = Long.toString(value / 100);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < soum.length(); i++) {
            if (i > 0 && (soum.length() - i) % 3 == 0) {
                grouped.append('\u00a0');
            }
            grouped.append(soum.charAt(i));
        }
        return (negative ? "−" : "") + grouped + "," + String.format("%02d", value % 100);
    }

    /** The so'm amount as a plain number for a form field: {@code 15000050} → {@code "150000.50"}. */
    public String plain(long tiyin) {
        return tiyin / 100 + (tiyin % 100 == 0 ? "" : "." + String.format("%02d", tiyin % 100));
    }

    /** An amount typed in so'm as tiyin, empty when it cannot be read. */
    public static Optional<Long> parse(@Nullable String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String compact = typed.replaceAll("[\\s\\u00a0\\u202f]", "");
        Matcher matcher = INPUT.matcher(compact);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long soum = Long.parseLong(matcher.group(1));
        String fraction = matcher.group(2);
        long tiyin = fraction == null ? 0 : Long.parseLong(fraction.length() == 1 ? fraction + "0" : fraction);
        try {
            return Optional.of(Math.addExact(Math.multiplyExact(soum, 100L), tiyin));
        } catch (ArithmeticException overflow) {
            return Optional.empty();
        }
    }
}
