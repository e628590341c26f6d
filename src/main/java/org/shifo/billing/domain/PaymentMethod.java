package org.shifo.billing.domain;

/** How money came in: at the cash desk (CASH, CARD terminal) or through a provider (PAYME, CLICK). */
public enum PaymentMethod {
    CASH,
    CARD,
    PAYME,
    CLICK;

    public boolean atDesk() {
        return this == CASH || this == CARD;
    }
}
