package org.shifo.billing.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.domain.DiscountKind;
import org.shifo.billing.domain.InvoiceStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Invoices and their lines, in {@code billing.invoices} and {@code billing.invoice_lines}. */
@Repository
public class InvoiceStore {

    private static final String COLUMNS =
            """
            id, branch_id, patient_id, encounter_id, appointment_id, payment_reference, status, total, paid,
            refund_allowed, created_at, created_by, issued_at, paid_at, cancelled_at, cancel_reason, updated_at, version
            """;

    /** The first payment reference of an organization (six digits; then 100001, 100002, ...). */
    static final long FIRST_REFERENCE = 100_000L;

    private final JdbcClient jdbc;

    InvoiceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An invoice as stored (without its lines). */
    public record InvoiceRow(
            UUID id,
            UUID branchId,
            UUID patientId,
            @Nullable UUID encounterId,
            @Nullable UUID appointmentId,
            String paymentReference,
            InvoiceStatus status,
            long total,
            long paid,
            boolean refundAllowed,
            Instant createdAt,
            @Nullable UUID createdBy,
            @Nullable Instant issuedAt,
            @Nullable Instant paidAt,
            @Nullable Instant cancelledAt,
            @Nullable String cancelReason,
            Instant updatedAt,
            int version) {

        public long outstanding() {
            return status.payable() || status == InvoiceStatus.DRAFT ? total - paid : 0;
        }
    }

    /** A line as stored. */
    public record LineRow(
            UUID id,
            int position,
            UUID serviceId,
            String serviceName,
            int quantity,
            long unitPrice,
            boolean vatIncluded,
            @Nullable DiscountKind discountKind,
            @Nullable Long discountValue,
            @Nullable String discountReason,
            @Nullable UUID discountBy,
            long discountAmount,
            long lineTotal) {}

    /**
     * The organization's next payment reference. The counter row stays locked until the transaction ends, so two
     * invoices never get one reference; a rolled-back invoice rolls the counter back too.
     */
    public String nextReference(UUID tenant) {
        long next = jdbc.sql(
                        """
                        INSERT INTO billing.reference_counters (tenant_id, last_value) VALUES (:tenant, :first)
                        ON CONFLICT (tenant_id) DO UPDATE SET last_value = billing.reference_counters.last_value + 1
                        RETURNING last_value
                        """)
                .param("tenant", tenant)
                .param("first", FIRST_REFERENCE + 1)
                .query(Long.class)
                .single();
        return Long.toString(next);
    }

    public void insert(UUID tenant, InvoiceRow invoice) {
        jdbc.sql(
                        """
                        INSERT INTO billing.invoices (id, tenant_id, branch_id, patient_id, encounter_id, appointment_id,
                            payment_reference, status, total, paid, refund_allowed, created_at, created_by, issued_at,
                            updated_at, version)
                        VALUES (:id, :tenant, :branch, :patient, :encounter, :appointment, :reference, :status, :total,
                            :paid, :refundAllowed, :createdAt, :createdBy, :issuedAt, :updatedAt, 0)
                        """)
                .param("id", invoice.id())
                .param("tenant", tenant)
                .param("branch", invoice.branchId())
                .param("patient", invoice.patientId())
                .param("encounter", invoice.encounterId())
                .param("appointment", invoice.appointmentId())
                .param("reference", invoice.paymentReference())
                .param("status", invoice.status().name())
                .param("total", invoice.total())
                .param("paid", invoice.paid())
                .param("refundAllowed", invoice.refundAllowed())
                .param("createdAt", Sql.time(invoice.createdAt()))
                .param("createdBy", invoice.createdBy())
                .param("issuedAt", Sql.timeOrNull(invoice.issuedAt()))
                .param("updatedAt", Sql.time(invoice.updatedAt()))
                .update();
    }

    public void insertLines(UUID tenant, UUID invoice, List<LineRow> lines) {
        for (LineRow line : lines) {
            jdbc.sql(
                            """
                            INSERT INTO billing.invoice_lines (id, tenant_id, invoice_id, position, service_id,
                                service_name, quantity, unit_price, vat_included, discount_kind, discount_value,
                                discount_reason, discount_by, discount_amount, line_total)
                            VALUES (:id, :tenant, :invoice, :position, :service, :name, :quantity, :price, :vat,
                                :kind, :value, :reason, :by, :discount, :total)
                            """)
                    .param("id", line.id())
                    .param("tenant", tenant)
                    .param("invoice", invoice)
                    .param("position", line.position())
                    .param("service", line.serviceId())
                    .param("name", line.serviceName())
                    .param("quantity", line.quantity())
                    .param("price", line.unitPrice())
                    .param("vat", line.vatIncluded())
                    .param(
                            "kind",
                            line.discountKind() == null
                                    ? null
                                    : line.discountKind().name())
                    .param("value", line.discountValue())
                    .param("reason", line.discountReason())
                    .param("by", line.discountBy())
                    .param("discount", line.discountAmount())
                    .param("total", line.lineTotal())
                    .update();
        }
    }

    /** Replaces the lines of an invoice (its row must be locked) and sets its total. */
    public void replaceLines(UUID tenant, UUID invoice, List<LineRow> lines, long total, Instant now) {
        jdbc.sql("DELETE FROM billing.invoice_lines WHERE tenant_id = :tenant AND invoice_id = :invoice")
                .param("tenant", tenant)
                .param("invoice", invoice)
                .update();
        insertLines(tenant, invoice, lines);
        jdbc.sql(
                        """
                        UPDATE billing.invoices SET total = :total, updated_at = :now, version = version + 1
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("total", total)
                .param("now", Sql.time(now))
                .param("tenant", tenant)
                .param("id", invoice)
                .update();
    }

    public Optional<InvoiceRow> find(UUID tenant, UUID id) {
        return one(tenant, "id = :key", id, false);
    }

    /** The invoice, its row locked until the transaction ends: every change of an invoice takes this first. */
    public Optional<InvoiceRow> lock(UUID tenant, UUID id) {
        return one(tenant, "id = :key", id, true);
    }

    /** The invoice with this payment reference, locked (how PayMe and Click name an invoice). */
    public Optional<InvoiceRow> lockByReference(UUID tenant, String reference) {
        return one(tenant, "payment_reference = :key", reference, true);
    }

    /** The invoice with this payment reference, not locked. */
    public Optional<InvoiceRow> findByReference(UUID tenant, String reference) {
        return one(tenant, "payment_reference = :key", reference, false);
    }

    private Optional<InvoiceRow> one(UUID tenant, String condition, Object key, boolean lock) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM billing.invoices WHERE tenant_id = :tenant AND " + condition
                        + " AND deleted_at IS NULL" + (lock ? " FOR UPDATE" : ""))
                .param("tenant", tenant)
                .param("key", key)
                .query(InvoiceStore::row)
                .optional();
    }

    public List<LineRow> lines(UUID tenant, UUID invoice) {
        return jdbc.sql(
                        """
                        SELECT id, position, service_id, service_name, quantity, unit_price, vat_included, discount_kind,
                            discount_value, discount_reason, discount_by, discount_amount, line_total
                        FROM billing.invoice_lines WHERE tenant_id = :tenant AND invoice_id = :invoice ORDER BY position
                        """)
                .param("tenant", tenant)
                .param("invoice", invoice)
                .query(InvoiceStore::line)
                .list();
    }

    /** Sets status and paid amount (and the times that go with them) of a locked invoice. */
    public void updateState(UUID tenant, UUID id, InvoiceStatus status, long paid, Instant now) {
        jdbc.sql(
                        """
                        UPDATE billing.invoices SET status = :status, paid = :paid, updated_at = :now,
                            version = version + 1,
                            issued_at = CASE WHEN :status <> 'DRAFT' AND issued_at IS NULL THEN :now ELSE issued_at END,
                            paid_at = CASE WHEN :status = 'PAID' THEN :now ELSE paid_at END
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("status", status.name())
                .param("paid", paid)
                .param("now", Sql.time(now))
                .param("tenant", tenant)
                .param("id", id)
                .update();
    }

    public void issue(UUID tenant, UUID id, @Nullable UUID by, Instant now) {
        jdbc.sql(
                        """
                        UPDATE billing.invoices SET status = 'ISSUED', issued_at = :now, issued_by = :by,
                            updated_at = :now, version = version + 1
                        WHERE tenant_id = :tenant AND id = :id AND status = 'DRAFT'
                        """)
                .param("now", Sql.time(now))
                .param("by", by)
                .param("tenant", tenant)
                .param("id", id)
                .update();
    }

    public void cancel(UUID tenant, UUID id, @Nullable UUID by, String reason, Instant now) {
        jdbc.sql(
                        """
                        UPDATE billing.invoices SET status = 'CANCELLED', cancelled_at = :now, cancelled_by = :by,
                            cancel_reason = :reason, updated_at = :now, version = version + 1
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("now", Sql.time(now))
                .param("by", by)
                .param("reason", reason)
                .param("tenant", tenant)
                .param("id", id)
                .update();
    }

    /**
     * A branch's invoices created in [{@code from}, {@code to}), newest first, of one status when given: the cash
     * desk's list of the day.
     */
    public List<InvoiceRow> list(
            UUID tenant, UUID branch, Instant from, Instant to, @Nullable InvoiceStatus status, int limit) {
        return jdbc.sql(
                        "SELECT " + COLUMNS
                                + """
                         FROM billing.invoices
                        WHERE tenant_id = :tenant AND branch_id = :branch AND created_at >= :from AND created_at < :to
                          AND deleted_at IS NULL AND (CAST(:status AS TEXT) IS NULL OR status = :status)
                        ORDER BY created_at DESC, id LIMIT :limit
                        """)
                .param("tenant", tenant)
                .param("branch", branch)
                .param("from", Sql.time(from))
                .param("to", Sql.time(to))
                .param("status", status == null ? null : status.name())
                .param("limit", limit)
                .query(InvoiceStore::row)
                .list();
    }

    private static InvoiceRow row(ResultSet rs, int n) throws SQLException {
        return new InvoiceRow(
                Sql.requiredUuid(rs, "id"),
                Sql.requiredUuid(rs, "branch_id"),
                Sql.requiredUuid(rs, "patient_id"),
                Sql.uuid(rs, "encounter_id"),
                Sql.uuid(rs, "appointment_id"),
                rs.getString("payment_reference"),
                InvoiceStatus.valueOf(rs.getString("status")),
                rs.getLong("total"),
                rs.getLong("paid"),
                rs.getBoolean("refund_allowed"),
                Sql.requiredInstant(rs, "created_at"),
                Sql.uuid(rs, "created_by"),
                Sql.instant(rs, "issued_at"),
                Sql.instant(rs, "paid_at"),
                Sql.instant(rs, "cancelled_at"),
                rs.getString("cancel_reason"),
                Sql.requiredInstant(rs, "updated_at"),
                rs.getInt("version"));
    }

    private static LineRow line(ResultSet rs, int n) throws SQLException {
        String kind = rs.getString("discount_kind");
        return new LineRow(
                Sql.requiredUuid(rs, "id"),
                rs.getInt("position"),
                Sql.requiredUuid(rs, "service_id"),
                rs.getString("service_name"),
                rs.getInt("quantity"),
                rs.getLong("unit_price"),
                rs.getBoolean("vat_included"),
                kind == null ? null : DiscountKind.valueOf(kind),
                Sql.longOrNull(rs, "discount_value"),
                rs.getString("discount_reason"),
                Sql.uuid(rs, "discount_by"),
                rs.getLong("discount_amount"),
                rs.getLong("line_total"));
    }
}
