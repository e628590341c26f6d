package org.shifo.billing;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.shifo.identity.TenantId;

/**
 * A reconciliation run found discrepancies between the payment providers' transactions and the invoices and
 * payments of one organization's day (published in the run's transaction, for notifications). Nothing was
 * corrected: staff read the report ({@code GET /api/v1/billing/reconciliation?date=}) and act. Counts only.
 *
 * @param byKind the number of discrepancies of each kind (PAID_NOT_PERFORMED, PERFORMED_INVOICE_UNPAID,
 *     AMOUNT_MISMATCH, STALE_CREATED)
 */
public record ReconciliationFound(
        TenantId tenant, UUID runId, LocalDate day, int discrepancies, Map<String, Integer> byKind) {

    public ReconciliationFound {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(day, "day");
        byKind = Map.copyOf(byKind);
    }
}
