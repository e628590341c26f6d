package org.shifo.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;
import org.shifo.patients.PatientId;

/**
 * An invoice became fully paid (published in the transaction of the payment that completed it, whichever way it
 * came: cash, card, PayMe or Click). Published once per invoice and payment: a repeated provider call pays
 * nothing and publishes nothing. Ids and amounts only.
 *
 * @param paymentReference the invoice's public payment reference (digits)
 * @param total the invoice's total in tiyin
 * @param lastPaymentId the payment that completed it
 * @param method the method of that payment: CASH, CARD, PAYME or CLICK
 */
public record InvoicePaid(
        TenantId tenant,
        UUID invoiceId,
        String paymentReference,
        PatientId patient,
        BranchId branch,
        long total,
        UUID lastPaymentId,
        String method,
        Instant paidAt) {

    public InvoicePaid {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(paymentReference, "paymentReference");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(lastPaymentId, "lastPaymentId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(paidAt, "paidAt");
    }
}
