package org.shifo.billing;

/**
 * Who may do what in billing, in one place (docs/security.md has the matrix, docs/billing.md the discount
 * rules). Used in method security on the API and page controllers.
 */
public final class BillingRoles {

    /** The price list: everyone who builds or takes payment for invoices. */
    public static final String SEE_PRICES = "hasAnyRole('ADMIN', 'CASHIER', 'RECEPTIONIST')";

    /** Set prices: administrators. */
    public static final String SET_PRICES = "hasRole('ADMIN')";

    /** Invoices (patient data): the cash desk, reception and administrators. */
    public static final String SEE_INVOICES = "hasAnyRole('ADMIN', 'CASHIER', 'RECEPTIONIST')";

    /**
     * Create, edit, issue and cancel invoices. Discounts: a cashier up to {@code CASHIER_DISCOUNT_PERCENT} of a
     * line, an administrator any; a receptionist none.
     */
    public static final String WRITE_INVOICES = "hasAnyRole('ADMIN', 'CASHIER', 'RECEPTIONIST')";

    /** Record cash and card-terminal payments: cashiers. */
    public static final String TAKE_PAYMENTS = "hasRole('CASHIER')";

    /** Refund a payment (with a reason): administrators. */
    public static final String REFUND = "hasRole('ADMIN')";

    /** The daily cash report of a branch (payments and refunds by method and cashier): cashiers, administrators. */
    public static final String CASH_REPORT = "hasAnyRole('ADMIN', 'CASHIER')";

    /** Payment providers' settings (PayMe, Click): administrators. */
    public static final String PROVIDER_SETTINGS = "hasRole('ADMIN')";

    /** Reconciliation reports of the payment providers (read, CSV, run now): administrators. */
    public static final String RECONCILIATION = "hasRole('ADMIN')";

    /** The largest discount a cashier may give on a line, in percent of the line (an administrator: any). */
    public static final int CASHIER_DISCOUNT_PERCENT = 10;

    private BillingRoles() {}
}
