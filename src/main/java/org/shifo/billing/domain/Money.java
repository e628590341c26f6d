package org.shifo.billing.domain;

/**
 * Limits and arithmetic of amounts in tiyin. The limits keep every sum far inside {@code long}: a unit price at
 * most 10^12 tiyin (10 billion so'm), a quantity at most 1000, at most 200 lines, so an invoice total is below
 * 2 x 10^17; the database checks the same limits.
 */
public final class Money {

    public static final long MAX_PRICE = 1_000_000_000_000L;
    public static final int MAX_QUANTITY = 1000;
    public static final int MAX_LINES = 200;

    private Money() {}

    /** The discount in tiyin of a line of {@code gross} tiyin: percent rounded half up to the tiyin, or fixed. */
    public static long discount(long gross, DiscountKind kind, long value) {
        return switch (kind) {
            case PERCENT -> Math.addExact(Math.multiplyExact(gross, value), 50) / 100;
            case FIXED -> value;
        };
    }
}
