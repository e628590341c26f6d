/**
 * Billing: the price list (per service and branch, in tiyin), invoices with lines and discounts, cash and card
 * payments at the cash desk, refunds, and the payment providers PayMe and Click (their callbacks, with the
 * organization found by the provider's credential and every provider transaction recorded exactly once).
 * Publishes {@link org.shifo.billing.InvoicePaid} and {@link org.shifo.billing.PaymentRefunded} in the
 * transaction that pays or refunds (persisted by Spring Modulith for receipts and notifications).
 */
@ApplicationModule(
        displayName = "Billing",
        allowedDependencies = {"platform", "identity", "audit", "patients", "scheduling"})
@NullMarked
package org.shifo.billing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
