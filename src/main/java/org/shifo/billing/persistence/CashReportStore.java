package org.shifo.billing.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.domain.PaymentMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The money movements of a branch in a period, for the daily cash report: payments received and refunds made. */
@Repository
public class CashReportStore {

    private final JdbcClient jdbc;

    CashReportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One movement: a payment received ({@code refund} false, at {@code receivedAt}, by {@code cashierId}) or the
     * refund of one ({@code refund} true, at {@code refundedAt}, by {@code refundedBy}).
     */
    public record Movement(
            UUID paymentId,
            UUID invoiceId,
            String paymentReference,
            PaymentMethod method,
            long amount,
            boolean refund,
            Instant at,
            @Nullable UUID by) {}

    /** Payments received and refunds made in the branch in [from, to), in time order. */
    public List<Movement> movements(UUID tenant, UUID branch, Instant from, Instant to) {
        return jdbc.sql(
                        """
                        SELECT p.id, p.invoice_id, i.payment_reference, p.method, p.amount, FALSE AS refund,
                               p.received_at AS at, p.cashier_id AS by_user
                        FROM billing.payments p
                        JOIN billing.invoices i ON i.id = p.invoice_id AND i.tenant_id = p.tenant_id
                        WHERE p.tenant_id = :tenant AND p.branch_id = :branch
                          AND p.received_at >= :from AND p.received_at < :to
                        UNION ALL
                        SELECT p.id, p.invoice_id, i.payment_reference, p.method, p.amount, TRUE AS refund,
                               p.refunded_at AS at, p.refunded_by AS by_user
                        FROM billing.payments p
                        JOIN billing.invoices i ON i.id = p.invoice_id AND i.tenant_id = p.tenant_id
                        WHERE p.tenant_id = :tenant AND p.branch_id = :branch
                          AND p.refunded_at >= :from AND p.refunded_at < :to
                        ORDER BY at, id
                        """)
                .param("tenant", tenant)
                .param("branch", branch)
                .param("from", Sql.time(from))
                .param("to", Sql.time(to))
                .query((rs, n) -> new Movement(
                        Sql.requiredUuid(rs, "id"),
                        Sql.requiredUuid(rs, "invoice_id"),
                        rs.getString("payment_reference"),
                        PaymentMethod.valueOf(rs.getString("method")),
                        rs.getLong("amount"),
                        rs.getBoolean("refund"),
                        Sql.requiredInstant(rs, "at"),
                        Sql.uuid(rs, "by_user")))
                .list();
    }
}
