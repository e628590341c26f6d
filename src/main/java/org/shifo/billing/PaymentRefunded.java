package org.shifo.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.shifo.identity.TenantId;
import org.shifo.patients.PatientId;

/**
 * A payment was refunded (by an administrator at the cash desk, or by the provider cancelling a performed
 * transaction), published in the refunding transaction. No reason text: it may name the patient's situation.
 *
 * @param amount the refunded amount in tiyin
 * @param method CASH, CARD, PAYME or CLICK
 * @param invoiceStatus the invoice's status after the refund (PARTIALLY_PAID or REFUNDED)
 */
public record PaymentRefunded(
        TenantId tenant,
        UUID invoiceId,
        UUID paymentId,
        PatientId patient,
        long amount,
        String method,
        String invoiceStatus,
        Instant refundedAt) {

    public PaymentRefunded {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(invoiceStatus, "invoiceStatus");
        Objects.requireNonNull(refundedAt, "refundedAt");
    }
}
