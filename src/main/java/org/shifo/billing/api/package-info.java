/** Billing's JSON API: prices, invoices, desk payments, refunds, provider settings. */
@NullMarked
package org.shifo.billing.api;

import org.jspecify.annotations.NullMarked;
