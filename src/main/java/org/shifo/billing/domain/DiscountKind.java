package org.shifo.billing.domain;

/** A discount on a line: a percentage of it (whole percent, 1–100) or a fixed amount in tiyin. */
public enum DiscountKind {
    PERCENT,
    FIXED
}
