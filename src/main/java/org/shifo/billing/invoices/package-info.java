/**
 * The price list, invoices (lines, discounts, totals computed by the server), payments at the cash desk and
 * refunds, and the payment step shared by the providers (a provider payment and the invoice update in the
 * provider's transaction).
 */
@NullMarked
package org.shifo.billing.invoices;

import org.jspecify.annotations.NullMarked;
