package org.shifo.billing.invoices;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditActor;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.billing.InvoicePaid;
import org.shifo.billing.PaymentRefunded;
import org.shifo.billing.domain.BillingConflictException;
import org.shifo.billing.domain.InvoiceStatus;
import org.shifo.billing.domain.PaymentMethod;
import org.shifo.billing.persistence.InvoiceStore;
import org.shifo.billing.persistence.InvoiceStore.InvoiceRow;
import org.shifo.billing.persistence.PaymentStore;
import org.shifo.billing.persistence.PaymentStore.PaymentRow;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;
import org.shifo.patients.PatientId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place money changes an invoice: a payment row, the invoice's paid amount and status, the audit entry
 * and the event, in the caller's transaction (which has locked the invoice row). Used by the cash desk and by
 * the providers' callbacks (PayMe, Click), which call it with their transaction row's id and the system as
 * actor.
 */
@Component
public class InvoicePayments {

    private final InvoiceStore invoices;
    private final PaymentStore payments;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    InvoicePayments(InvoiceStore invoices, PaymentStore payments, AuditLog audit, ApplicationEventPublisher events) {
        this.invoices = invoices;
        this.payments = payments;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Records {@code amount} against the locked, payable {@code invoice} (0 < amount ≤ outstanding, checked by
     * the caller), moves it to PARTIALLY_PAID or PAID and, when paid in full, publishes {@link InvoicePaid}.
     *
     * @param cashier the cashier for CASH and CARD, null for providers
     * @param providerTransaction the provider transaction row for PAYME and CLICK, null at the desk
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public PaymentRow record(
            UUID tenant,
            InvoiceRow invoice,
            PaymentMethod method,
            long amount,
            @Nullable UUID cashier,
            @Nullable UUID providerTransaction,
            AuditActor actor,
            Instant now) {
        if (!invoice.status().payable() || amount <= 0 || amount > invoice.total() - invoice.paid()) {
            throw new BillingConflictException(
                    "not-payable", "An invoice in status " + invoice.status() + " takes no payment of this amount.");
        }
        PaymentRow payment = new PaymentRow(
                UUID.randomUUID(),
                invoice.id(),
                method,
                amount,
                now,
                cashier,
                invoice.branchId(),
                providerTransaction,
                null,
                null,
                null);
        payments.insert(tenant, payment);
        long paid = invoice.paid() + amount;
        InvoiceStatus status = InvoiceStatus.forPaid(paid, invoice.total());
        invoices.updateState(tenant, invoice.id(), status, paid, now);
        audit.record(AuditEvent.of(
                        tenant, actor, "payment.record", "invoice", invoice.id().toString(), AuditOutcome.SUCCESS)
                .withDetails(Map.of(
                        "payment", payment.id().toString(),
                        "method", method.name(),
                        "amount", Long.toString(amount),
                        "status", status.name(),
                        "patient", invoice.patientId().toString())));
        if (status == InvoiceStatus.PAID) {
            events.publishEvent(new InvoicePaid(
                    new TenantId(tenant),
                    invoice.id(),
                    invoice.paymentReference(),
                    new PatientId(invoice.patientId()),
                    new BranchId(invoice.branchId()),
                    invoice.total(),
                    payment.id(),
                    method.name(),
                    now));
        }
        return payment;
    }

    /**
     * Refunds a payment of the locked {@code invoice}: marks it, lowers the paid amount (REFUNDED when nothing
     * stays paid, else PARTIALLY_PAID) and publishes {@link PaymentRefunded}. A payment refunded already is a 409.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public InvoiceStatus refund(
            UUID tenant,
            InvoiceRow invoice,
            PaymentRow payment,
            @Nullable UUID by,
            String reason,
            AuditActor actor,
            Instant now) {
        if (!payments.markRefunded(tenant, payment.id(), by, reason, now)) {
            throw new BillingConflictException("already-refunded", "This payment has been refunded already.");
        }
        long paid = invoice.paid() - payment.amount();
        if (paid < 0) {
            throw new IllegalStateException("invoice paid below zero");
        }
        InvoiceStatus status = paid == 0 ? InvoiceStatus.REFUNDED : InvoiceStatus.PARTIALLY_PAID;
        invoices.updateState(tenant, invoice.id(), status, paid, now);
        audit.record(AuditEvent.of(
                        tenant, actor, "payment.refund", "invoice", invoice.id().toString(), AuditOutcome.SUCCESS)
                .withDetails(Map.of(
                        "payment", payment.id().toString(),
                        "method", payment.method().name(),
                        "amount", Long.toString(payment.amount()),
                        "status", status.name(),
                        "patient", invoice.patientId().toString())));
        events.publishEvent(new PaymentRefunded(
                new TenantId(tenant),
                invoice.id(),
                payment.id(),
                new PatientId(invoice.patientId()),
                payment.amount(),
                payment.method().name(),
                status.name(),
                now));
        return status;
    }
}
