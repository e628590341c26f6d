package org.shifo.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;
import org.shifo.patients.PatientId;

/**
 * An invoice was issued: it is payable now (published in the issuing transaction). Notifications send the patient
 * the payment link ({@link PaymentLinkLookup}). Ids and amounts only.
 *
 * @param total the invoice's total in tiyin (nothing is paid at issue)
 */
public record InvoiceIssued(
        TenantId tenant,
        UUID invoiceId,
        String paymentReference,
        PatientId patient,
        BranchId branch,
        long total,
        Instant issuedAt) {
    public InvoiceIssued {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(paymentReference, "paymentReference");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }
}
