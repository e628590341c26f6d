package org.shifo.billing.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Payment providers' transactions, in {@code billing.provider_transactions}: one row per (provider, provider's
 * transaction id), states in PayMe's numbers (1 created/prepared, 2 performed/confirmed, -1 cancelled, -2
 * cancelled after performing), times in epoch milliseconds with 0 for "not set".
 */
@Repository
public class ProviderTransactionStore {

    public static final int CREATED = 1;
    public static final int PERFORMED = 2;
    public static final int CANCELLED = -1;
    public static final int CANCELLED_AFTER_PERFORM = -2;

    private static final String COLUMNS =
            """
            id, number, provider, provider_transaction_id, invoice_id, amount, account::text AS account, provider_time,
            create_time, perform_time, cancel_time, state, reason, provider_payment_id, complete_reference,
            details::text AS details
            """;

    private final JdbcClient jdbc;

    ProviderTransactionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A provider transaction as stored. {@code number} is the merchant-side integer id (PayMe's {@code
     * transaction}, Click's {@code merchant_prepare_id}); {@code account} and {@code details} are JSON text.
     */
    public record TransactionRow(
            UUID id,
            long number,
            String provider,
            String providerTransactionId,
            UUID invoiceId,
            long amount,
            @Nullable String account,
            @Nullable Long providerTime,
            long createTime,
            long performTime,
            long cancelTime,
            int state,
            @Nullable Integer reason,
            @Nullable String providerPaymentId,
            @Nullable String completeReference,
            String details) {}

    /** What a new transaction row holds; the store adds the id, the number and the timestamps. */
    public record NewTransaction(
            UUID id,
            String provider,
            String providerTransactionId,
            UUID invoiceId,
            long amount,
            @Nullable String accountJson,
            @Nullable Long providerTime,
            long createTime,
            int state,
            @Nullable String providerPaymentId,
            String detailsJson) {}

    /**
     * Inserts the transaction unless one with the same provider and provider id exists (in any organization);
     * answers whether this call inserted it. A concurrent insert of the same id waits for the other transaction
     * and then answers false.
     */
    public boolean insertIfAbsent(UUID tenant, NewTransaction row, Instant now) {
        return jdbc.sql(
                                """
                                INSERT INTO billing.provider_transactions (id, tenant_id, provider, provider_transaction_id,
                                    invoice_id, amount, account, provider_time, create_time, state, provider_payment_id,
                                    details, created_at, updated_at)
                                VALUES (:id, :tenant, :provider, :providerId, :invoice, :amount, CAST(:account AS jsonb),
                                    :providerTime, :createTime, :state, :paymentId, CAST(:details AS jsonb), :now, :now)
                                ON CONFLICT (provider, provider_transaction_id) DO NOTHING
                                """)
                        .param("id", row.id())
                        .param("tenant", tenant)
                        .param("provider", row.provider())
                        .param("providerId", row.providerTransactionId())
                        .param("invoice", row.invoiceId())
                        .param("amount", row.amount())
                        .param("account", row.accountJson())
                        .param("providerTime", row.providerTime())
                        .param("createTime", row.createTime())
                        .param("state", row.state())
                        .param("paymentId", row.providerPaymentId())
                        .param("details", row.detailsJson())
                        .param("now", Sql.time(now))
                        .update()
                == 1;
    }

    public Optional<TransactionRow> find(UUID tenant, String provider, String providerTransactionId) {
        return jdbc.sql(
                        "SELECT " + COLUMNS
                                + """
                         FROM billing.provider_transactions
                        WHERE tenant_id = :tenant AND provider = :provider AND provider_transaction_id = :providerId
                        """)
                .param("tenant", tenant)
                .param("provider", provider)
                .param("providerId", providerTransactionId)
                .query(ProviderTransactionStore::row)
                .optional();
    }

    /** The transaction, its row locked until the transaction ends. */
    public Optional<TransactionRow> lock(UUID tenant, String provider, String providerTransactionId) {
        return jdbc.sql(
                        "SELECT " + COLUMNS
                                + """
                         FROM billing.provider_transactions
                        WHERE tenant_id = :tenant AND provider = :provider AND provider_transaction_id = :providerId
                        FOR UPDATE
                        """)
                .param("tenant", tenant)
                .param("provider", provider)
                .param("providerId", providerTransactionId)
                .query(ProviderTransactionStore::row)
                .optional();
    }

    /** By the merchant-side number (Click's merchant_prepare_id), locked. */
    public Optional<TransactionRow> lockByNumber(UUID tenant, String provider, long number) {
        return jdbc.sql(
                        "SELECT " + COLUMNS
                                + """
                         FROM billing.provider_transactions
                        WHERE tenant_id = :tenant AND provider = :provider AND number = :number
                        FOR UPDATE
                        """)
                .param("tenant", tenant)
                .param("provider", provider)
                .param("number", number)
                .query(ProviderTransactionStore::row)
                .optional();
    }

    /** A provider's transaction of this invoice in {@code state}, if any (PayMe: the one reserving it). */
    public Optional<TransactionRow> findInState(UUID tenant, String provider, UUID invoice, int state) {
        return jdbc.sql(
                        "SELECT " + COLUMNS
                                + """
                         FROM billing.provider_transactions
                        WHERE tenant_id = :tenant AND provider = :provider AND invoice_id = :invoice AND state = :state
                        ORDER BY created_at LIMIT 1
                        """)
                .param("tenant", tenant)
                .param("provider", provider)
                .param("invoice", invoice)
                .param("state", state)
                .query(ProviderTransactionStore::row)
                .optional();
    }

    /**
     * Whether a provider's payment in progress holds the invoice, so the desk waits for it: a PayMe transaction
     * in state 1 (PayMe spec §12) whose 12 hours have not passed ({@code provider_time} at or after {@code
     * expiredBefore}, epoch ms: an expired one can no longer be performed and the next call that meets it cancels
     * it), or a Click payment PREPARED less than 30 minutes ago (Click spec §9; an older one no longer blocks, and
     * a late Complete is still handled by the normal rules).
     */
    public boolean pendingFor(UUID tenant, UUID invoice, long expiredBefore) {
        return jdbc.sql(
                        """
                        SELECT EXISTS (SELECT 1 FROM billing.provider_transactions
                            WHERE tenant_id = :tenant AND invoice_id = :invoice AND state = 1
                              AND ((provider = 'PAYME' AND coalesce(provider_time, create_time) >= :expiredBefore)
                                OR (provider = 'CLICK' AND created_at > now() - INTERVAL '30 minutes'
                                    AND details->>'problem' IS NULL)))
                        """)
                .param("tenant", tenant)
                .param("invoice", invoice)
                .param("expiredBefore", expiredBefore)
                .query(Boolean.class)
                .single();
    }

    /** Adds (or replaces) one member of the row's {@code details} with a JSON document. */
    public void putDetail(UUID tenant, UUID id, String key, String jsonDocument) {
        jdbc.sql(
                        """
                        UPDATE billing.provider_transactions
                        SET details = details || jsonb_build_object(CAST(:key AS TEXT), CAST(:document AS jsonb))
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("key", key)
                .param("document", jsonDocument)
                .param("tenant", tenant)
                .param("id", id)
                .update();
    }

    /** Moves state 1 to 2 with its perform time (compare-and-set); answers whether it moved. */
    public boolean perform(UUID tenant, UUID id, long performTime, Instant now) {
        return jdbc.sql(
                                """
                                UPDATE billing.provider_transactions SET state = 2, perform_time = :time, updated_at = :now
                                WHERE tenant_id = :tenant AND id = :id AND state = 1
                                """)
                        .param("time", performTime)
                        .param("now", Sql.time(now))
                        .param("tenant", tenant)
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Cancels a transaction in state {@code from} (1 → -1, 2 → -2) with a reason; answers whether it moved. */
    public boolean cancel(UUID tenant, UUID id, int from, @Nullable Integer reason, long cancelTime, Instant now) {
        return jdbc.sql(
                                """
                                UPDATE billing.provider_transactions
                                SET state = CASE WHEN state = 1 THEN -1 ELSE -2 END, reason = :reason,
                                    cancel_time = :time, updated_at = :now
                                WHERE tenant_id = :tenant AND id = :id AND state = :from
                                """)
                        .param("reason", reason)
                        .param("time", cancelTime)
                        .param("now", Sql.time(now))
                        .param("tenant", tenant)
                        .param("id", id)
                        .param("from", from)
                        .update()
                == 1;
    }

    /** A provider's transactions whose provider time lies in [from, to], by that time (PayMe's GetStatement). */
    public List<TransactionRow> byProviderTime(UUID tenant, String provider, long from, long to) {
        return jdbc.sql(
                        "SELECT " + COLUMNS
                                + """
                         FROM billing.provider_transactions
                        WHERE tenant_id = :tenant AND provider = :provider AND provider_time BETWEEN :from AND :to
                        ORDER BY provider_time, number
                        """)
                .param("tenant", tenant)
                .param("provider", provider)
                .param("from", from)
                .param("to", to)
                .query(ProviderTransactionStore::row)
                .list();
    }

    /**
     * Click's Complete as received: its {@code click_trans_id} (Click's tester may send another one than the
     * Prepare's) and the members of {@code detailsJson} merged into the row's details.
     */
    public void noteCompletion(UUID tenant, UUID id, String completeReference, String detailsJson, Instant now) {
        jdbc.sql(
                        """
                        UPDATE billing.provider_transactions
                        SET complete_reference = :reference, details = details || CAST(:details AS jsonb),
                            updated_at = :now
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("reference", completeReference)
                .param("details", detailsJson)
                .param("now", Sql.time(now))
                .param("tenant", tenant)
                .param("id", id)
                .update();
    }

    private static TransactionRow row(ResultSet rs, int n) throws SQLException {
        return new TransactionRow(
                Sql.requiredUuid(rs, "id"),
                rs.getLong("number"),
                rs.getString("provider"),
                rs.getString("provider_transaction_id"),
                Sql.requiredUuid(rs, "invoice_id"),
                rs.getLong("amount"),
                rs.getString("account"),
                Sql.longOrNull(rs, "provider_time"),
                rs.getLong("create_time"),
                rs.getLong("perform_time"),
                rs.getLong("cancel_time"),
                rs.getInt("state"),
                Sql.intOrNull(rs, "reason"),
                rs.getString("provider_payment_id"),
                rs.getString("complete_reference"),
                rs.getString("details"));
    }
}
