package org.shifo.billing.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.domain.PaymentMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payments and their refunds, in {@code billing.payments}. */
@Repository
public class PaymentStore {

    private static final String COLUMNS =
            """
            id, invoice_id, method, amount, received_at, cashier_id, branch_id, provider_transaction_id, refunded_at,
            refunded_by, refund_reason
            """;

    private final JdbcClient jdbc;

    PaymentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A payment as stored. */
    public record PaymentRow(
            UUID id,
            UUID invoiceId,
            PaymentMethod method,
            long amount,
            Instant receivedAt,
            @Nullable UUID cashierId,
            UUID branchId,
            @Nullable UUID providerTransactionId,
            @Nullable Instant refundedAt,
            @Nullable UUID refundedBy,
            @Nullable String refundReason) {

        public boolean refunded() {
            return refundedAt != null;
        }
    }

    public void insert(UUID tenant, PaymentRow payment) {
        jdbc.sql(
                        """
                        INSERT INTO billing.payments (id, tenant_id, invoice_id, method, amount, received_at, cashier_id,
                            branch_id, provider_transaction_id)
                        VALUES (:id, :tenant, :invoice, :method, :amount, :at, :cashier, :branch, :transaction)
                        """)
                .param("id", payment.id())
                .param("tenant", tenant)
                .param("invoice", payment.invoiceId())
                .param("method", payment.method().name())
                .param("amount", payment.amount())
                .param("at", Sql.time(payment.receivedAt()))
                .param("cashier", payment.cashierId())
                .param("branch", payment.branchId())
                .param("transaction", payment.providerTransactionId())
                .update();
    }

    public Optional<PaymentRow> find(UUID tenant, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM billing.payments WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .query(PaymentStore::row)
                .optional();
    }

    /** The payment made through this provider transaction, if any. */
    public Optional<PaymentRow> findByProviderTransaction(UUID tenant, UUID transaction) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM billing.payments WHERE tenant_id = :tenant AND provider_transaction_id = :transaction")
                .param("tenant", tenant)
                .param("transaction", transaction)
                .query(PaymentStore::row)
                .optional();
    }

    public List<PaymentRow> forInvoice(UUID tenant, UUID invoice) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM billing.payments WHERE tenant_id = :tenant AND invoice_id = :invoice"
                        + " ORDER BY received_at, id")
                .param("tenant", tenant)
                .param("invoice", invoice)
                .query(PaymentStore::row)
                .list();
    }

    /** Marks the payment refunded unless it was already; answers whether this call did it. */
    public boolean markRefunded(UUID tenant, UUID id, @Nullable UUID by, String reason, Instant now) {
        return jdbc.sql(
                                """
                                UPDATE billing.payments SET refunded_at = :now, refunded_by = :by, refund_reason = :reason
                                WHERE tenant_id = :tenant AND id = :id AND refunded_at IS NULL
                                """)
                        .param("now", Sql.time(now))
                        .param("by", by)
                        .param("reason", reason)
                        .param("tenant", tenant)
                        .param("id", id)
                        .update()
                == 1;
    }

    private static PaymentRow row(ResultSet rs, int n) throws SQLException {
        return new PaymentRow(
                Sql.requiredUuid(rs, "id"),
                Sql.requiredUuid(rs, "invoice_id"),
                PaymentMethod.valueOf(rs.getString("method")),
                rs.getLong("amount"),
                Sql.requiredInstant(rs, "received_at"),
                Sql.uuid(rs, "cashier_id"),
                Sql.requiredUuid(rs, "branch_id"),
                Sql.uuid(rs, "provider_transaction_id"),
                Sql.instant(rs, "refunded_at"),
                Sql.uuid(rs, "refunded_by"),
                rs.getString("refund_reason"));
    }
}
