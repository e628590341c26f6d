package org.shifo.billing.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reconciliation: the providers' transactions of a period with their invoice and payment, and the stored runs and
 * discrepancies ({@code billing.reconciliation_runs}, {@code billing.reconciliation_items}).
 */
@Repository
public class ReconciliationStore {

    private final JdbcClient jdbc;

    ReconciliationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A provider transaction (in PayMe's GetStatement terms: {@code time} is the provider's time, else our
     * creation time) with what Shifo's books say of its invoice and of the payment made from it.
     */
    public record Checked(
            UUID id,
            long number,
            String provider,
            String providerTransactionId,
            long time,
            long amount,
            long createTime,
            long performTime,
            long cancelTime,
            int state,
            @Nullable Integer reason,
            @Nullable String problem,
            UUID invoiceId,
            String paymentReference,
            String invoiceStatus,
            long invoiceTotal,
            long invoicePaid,
            @Nullable UUID paymentId,
            @Nullable Long paymentAmount,
            boolean paymentRefunded) {}

    /** A stored run. */
    public record RunRow(
            UUID id,
            LocalDate day,
            long periodFrom,
            long periodTo,
            Instant ranAt,
            String trigger,
            @Nullable UUID requestedBy,
            int transactionsChecked,
            int discrepancies) {}

    /** A stored discrepancy: its kind and detail code, and the transaction as checked. */
    public record ItemRow(String kind, String detail, Checked transaction) {}

    /** The organization's provider transactions whose time lies in [from, to] (epoch ms), by time. */
    public List<Checked> transactions(UUID tenant, long from, long to) {
        return jdbc.sql(
                        """
                        SELECT t.id, t.number, t.provider, t.provider_transaction_id,
                            COALESCE(t.provider_time, t.create_time) AS time, t.amount, t.create_time, t.perform_time,
                            t.cancel_time, t.state, t.reason, t.details->>'problem' AS problem,
                            t.invoice_id, i.payment_reference, i.status AS invoice_status, i.total AS invoice_total,
                            i.paid AS invoice_paid, p.id AS payment_id, p.amount AS payment_amount,
                            p.refunded_at IS NOT NULL AS payment_refunded
                        FROM billing.provider_transactions t
                        JOIN billing.invoices i ON i.id = t.invoice_id AND i.tenant_id = t.tenant_id
                        LEFT JOIN billing.payments p ON p.provider_transaction_id = t.id AND p.tenant_id = t.tenant_id
                        WHERE t.tenant_id = :tenant AND COALESCE(t.provider_time, t.create_time) BETWEEN :from AND :to
                        ORDER BY time, t.number
                        """)
                .param("tenant", tenant)
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> checked(rs))
                .list();
    }

    /**
     * The organizations with provider transactions in [from, to]; run in the system scope (the one cross-tenant
     * read of the daily job, which then works in each organization's scope).
     */
    public List<UUID> tenantsWithTransactions(long from, long to) {
        return jdbc.sql(
                        """
                        SELECT DISTINCT tenant_id FROM billing.provider_transactions
                        WHERE COALESCE(provider_time, create_time) BETWEEN :from AND :to
                        """)
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
    }

    public void insertRun(UUID tenant, RunRow run, List<ItemRow> items) {
        jdbc.sql(
                        """
                        INSERT INTO billing.reconciliation_runs (id, tenant_id, day, period_from, period_to, ran_at,
                            trigger, requested_by, transactions_checked, discrepancies)
                        VALUES (:id, :tenant, :day, :from, :to, :ranAt, :trigger, :by, :checked, :discrepancies)
                        """)
                .param("id", run.id())
                .param("tenant", tenant)
                .param("day", run.day())
                .param("from", run.periodFrom())
                .param("to", run.periodTo())
                .param("ranAt", Sql.time(run.ranAt()))
                .param("trigger", run.trigger())
                .param("by", run.requestedBy())
                .param("checked", run.transactionsChecked())
                .param("discrepancies", run.discrepancies())
                .update();
        int position = 0;
        for (ItemRow item : items) {
            Checked t = item.transaction();
            jdbc.sql(
                            """
                            INSERT INTO billing.reconciliation_items (id, tenant_id, run_id, position, kind, detail,
                                provider, provider_transaction_id, transaction_number, time, amount, create_time,
                                perform_time, cancel_time, state, reason, invoice_id, payment_reference, invoice_status,
                                invoice_total, invoice_paid, payment_id, payment_amount, payment_refunded)
                            VALUES (:id, :tenant, :run, :position, :kind, :detail, :provider, :providerId, :number,
                                :time, :amount, :createTime, :performTime, :cancelTime, :state, :reason, :invoice,
                                :reference, :status, :total, :paid, :payment, :paymentAmount, :refunded)
                            """)
                    .param("id", UUID.randomUUID())
                    .param("tenant", tenant)
                    .param("run", run.id())
                    .param("position", position++)
                    .param("kind", item.kind())
                    .param("detail", item.detail())
                    .param("provider", t.provider())
                    .param("providerId", t.providerTransactionId())
                    .param("number", t.number())
                    .param("time", t.time())
                    .param("amount", t.amount())
                    .param("createTime", t.createTime())
                    .param("performTime", t.performTime())
                    .param("cancelTime", t.cancelTime())
                    .param("state", t.state())
                    .param("reason", t.reason())
                    .param("invoice", t.invoiceId())
                    .param("reference", t.paymentReference())
                    .param("status", t.invoiceStatus())
                    .param("total", t.invoiceTotal())
                    .param("paid", t.invoicePaid())
                    .param("payment", t.paymentId())
                    .param("paymentAmount", t.paymentAmount())
                    .param("refunded", t.paymentRefunded())
                    .update();
        }
    }

    /** The latest run of the day, if any. */
    public Optional<RunRow> latestRun(UUID tenant, LocalDate day) {
        return jdbc.sql(
                        """
                        SELECT id, day, period_from, period_to, ran_at, trigger, requested_by, transactions_checked,
                            discrepancies
                        FROM billing.reconciliation_runs WHERE tenant_id = :tenant AND day = :day
                        ORDER BY ran_at DESC, id LIMIT 1
                        """)
                .param("tenant", tenant)
                .param("day", day)
                .query((rs, n) -> new RunRow(
                        Sql.requiredUuid(rs, "id"),
                        rs.getObject("day", LocalDate.class),
                        rs.getLong("period_from"),
                        rs.getLong("period_to"),
                        Sql.requiredInstant(rs, "ran_at"),
                        rs.getString("trigger"),
                        Sql.uuid(rs, "requested_by"),
                        rs.getInt("transactions_checked"),
                        rs.getInt("discrepancies")))
                .optional();
    }

    public List<ItemRow> items(UUID tenant, UUID run) {
        return jdbc.sql(
                        """
                        SELECT kind, detail, id, transaction_number AS number, provider, provider_transaction_id, time,
                            amount, create_time, perform_time, cancel_time, state, reason, NULL AS problem, invoice_id,
                            payment_reference, invoice_status, invoice_total, invoice_paid, payment_id, payment_amount,
                            payment_refunded
                        FROM billing.reconciliation_items WHERE tenant_id = :tenant AND run_id = :run
                        ORDER BY position
                        """)
                .param("tenant", tenant)
                .param("run", run)
                .query((rs, n) -> new ItemRow(rs.getString("kind"), rs.getString("detail"), checked(rs)))
                .list();
    }

    private static Checked checked(ResultSet rs) throws SQLException {
        return new Checked(
                Sql.requiredUuid(rs, "id"),
                rs.getLong("number"),
                rs.getString("provider"),
                rs.getString("provider_transaction_id"),
                rs.getLong("time"),
                rs.getLong("amount"),
                rs.getLong("create_time"),
                rs.getLong("perform_time"),
                rs.getLong("cancel_time"),
                rs.getInt("state"),
                Sql.intOrNull(rs, "reason"),
                rs.getString("problem"),
                Sql.requiredUuid(rs, "invoice_id"),
                rs.getString("payment_reference"),
                rs.getString("invoice_status"),
                rs.getLong("invoice_total"),
                rs.getLong("invoice_paid"),
                Sql.uuid(rs, "payment_id"),
                Sql.longOrNull(rs, "payment_amount"),
                rs.getBoolean("payment_refunded"));
    }
}
