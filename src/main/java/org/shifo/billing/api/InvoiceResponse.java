package org.shifo.billing.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.invoices.InvoiceBook;
import org.shifo.billing.persistence.InvoiceStore.InvoiceRow;
import org.shifo.billing.persistence.InvoiceStore.LineRow;
import org.shifo.billing.persistence.PaymentStore.PaymentRow;

/** An invoice as the API shows it; amounts in tiyin (1 so'm = 100 tiyin). */
record InvoiceResponse(
        UUID id,
        @Schema(description = "public digits: PayMe's account.invoice_id, Click's merchant_trans_id")
                String paymentReference,
        @Schema(allowableValues = {"DRAFT", "ISSUED", "PARTIALLY_PAID", "PAID", "CANCELLED", "REFUNDED"}) String status,
        String currency,
        long total,
        long paid,
        long outstanding,
        UUID patientId,
        UUID branchId,
        @Nullable UUID encounterId,
        @Nullable UUID appointmentId,
        @Schema(description = "a PayMe payment holds the invoice: the desk takes no other payment meanwhile")
                boolean providerPending,
        Instant createdAt,
        @Nullable Instant issuedAt,
        @Nullable Instant paidAt,
        @Nullable Instant cancelledAt,
        List<Line> lines,
        List<Payment> payments) {

    /** A line: the branch's price when it was written, the discount and the line total. */
    record Line(
            UUID id,
            int position,
            UUID serviceId,
            String serviceName,
            int quantity,
            long unitPrice,
            boolean vatIncluded,
            @Nullable Discount discount,
            long discountAmount,
            long lineTotal) {}

    /** A discount: PERCENT (whole percent) or FIXED (tiyin), its reason and who gave it. */
    record Discount(String kind, long value, String reason, @Nullable UUID givenBy) {}

    /** A payment and, when refunded, the refund. */
    record Payment(
            UUID id,
            String method,
            long amount,
            Instant receivedAt,
            @Nullable UUID cashierId,
            boolean refunded,
            @Nullable Instant refundedAt,
            @Nullable UUID refundedBy,
            @Nullable String refundReason) {}

    static InvoiceResponse from(InvoiceBook.InvoiceView view) {
        InvoiceRow invoice = view.invoice();
        return new InvoiceResponse(
                invoice.id(),
                invoice.paymentReference(),
                invoice.status().name(),
                "UZS",
                invoice.total(),
                invoice.paid(),
                view.outstanding(),
                invoice.patientId(),
                invoice.branchId(),
                invoice.encounterId(),
                invoice.appointmentId(),
                view.providerPending(),
                invoice.createdAt(),
                invoice.issuedAt(),
                invoice.paidAt(),
                invoice.cancelledAt(),
                view.lines().stream().map(InvoiceResponse::line).toList(),
                view.payments().stream().map(InvoiceResponse::payment).toList());
    }

    static Line line(LineRow line) {
        Discount discount = line.discountKind() == null
                ? null
                : new Discount(
                        line.discountKind().name(),
                        java.util.Objects.requireNonNullElse(line.discountValue(), 0L),
                        java.util.Objects.requireNonNullElse(line.discountReason(), ""),
                        line.discountBy());
        return new Line(
                line.id(),
                line.position(),
                line.serviceId(),
                line.serviceName(),
                line.quantity(),
                line.unitPrice(),
                line.vatIncluded(),
                discount,
                line.discountAmount(),
                line.lineTotal());
    }

    static Payment payment(PaymentRow payment) {
        return new Payment(
                payment.id(),
                payment.method().name(),
                payment.amount(),
                payment.receivedAt(),
                payment.cashierId(),
                payment.refunded(),
                payment.refundedAt(),
                payment.refundedBy(),
                payment.refundReason());
    }

    /** One invoice of the cash desk's list. */
    record Summary(
            UUID id,
            String paymentReference,
            String status,
            long total,
            long paid,
            long outstanding,
            UUID patientId,
            @Nullable String patientName,
            UUID branchId,
            Instant createdAt) {

        static Summary from(InvoiceRow row, @Nullable String patientName) {
            return new Summary(
                    row.id(),
                    row.paymentReference(),
                    row.status().name(),
                    row.total(),
                    row.paid(),
                    row.outstanding(),
                    row.patientId(),
                    patientName,
                    row.branchId(),
                    row.createdAt());
        }
    }
}
