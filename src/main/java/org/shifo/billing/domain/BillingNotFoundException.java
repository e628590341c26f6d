package org.shifo.billing.domain;

/** The invoice, payment or service does not exist in the caller's organization (or branch): 404. */
public final class BillingNotFoundException extends RuntimeException {

    private final String what;

    public BillingNotFoundException(String what) {
        super(what + " not found");
        this.what = what;
    }

    /** What was not found: invoice, payment, service. */
    public String what() {
        return what;
    }
}
