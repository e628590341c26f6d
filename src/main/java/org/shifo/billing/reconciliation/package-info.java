/**
 * Reconciliation of the payment providers' transactions with invoices and payments: the daily job (db-scheduler,
 * once across nodes), a run for a day on request, the stored report and its CSV. Discrepancies are reported,
 * never corrected.
 */
@NullMarked
package org.shifo.billing.reconciliation;

import org.jspecify.annotations.NullMarked;
