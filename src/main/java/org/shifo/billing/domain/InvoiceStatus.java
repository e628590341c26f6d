package org.shifo.billing.domain;

/** Where an invoice is: DRAFT → ISSUED → PARTIALLY_PAID → PAID; CANCELLED (unpaid); REFUNDED (all refunded). */
public enum InvoiceStatus {
    DRAFT,
    ISSUED,
    PARTIALLY_PAID,
    PAID,
    CANCELLED,
    REFUNDED;

    /** Money may be taken against it (at the desk or through a provider). */
    public boolean payable() {
        return this == ISSUED || this == PARTIALLY_PAID;
    }

    /** Its lines may change: before it is paid in full, cancelled or refunded. */
    public boolean editable() {
        return this == DRAFT || this == ISSUED || this == PARTIALLY_PAID;
    }

    /** The status for {@code paid} of {@code total} once it has been issued. */
    public static InvoiceStatus forPaid(long paid, long total) {
        if (paid == 0) {
            return ISSUED;
        }
        return paid >= total ? PAID : PARTIALLY_PAID;
    }
}
