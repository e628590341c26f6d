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

/** Prices per service and branch, in {@code billing.prices}. */
@Repository
public class PriceStore {

    private final JdbcClient jdbc;

    PriceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A price: tiyin, and whether it includes VAT. */
    public record PriceRow(
            UUID serviceId,
            UUID branchId,
            long amount,
            boolean vatIncluded,
            Instant updatedAt,
            @Nullable UUID updatedBy) {}

    /** Sets the price (inserting or replacing it); answers the previous amount, if there was one. */
    public Optional<Long> upsert(UUID tenant, PriceRow price) {
        Optional<Long> previous =
                find(tenant, price.serviceId(), price.branchId()).map(PriceRow::amount);
        jdbc.sql(
                        """
                        INSERT INTO billing.prices (tenant_id, service_id, branch_id, amount, vat_included, updated_at,
                            updated_by)
                        VALUES (:tenant, :service, :branch, :amount, :vat, :at, :by)
                        ON CONFLICT (service_id, branch_id) DO UPDATE
                            SET amount = excluded.amount, vat_included = excluded.vat_included,
                                updated_at = excluded.updated_at, updated_by = excluded.updated_by
                            WHERE billing.prices.tenant_id = excluded.tenant_id
                        """)
                .param("tenant", tenant)
                .param("service", price.serviceId())
                .param("branch", price.branchId())
                .param("amount", price.amount())
                .param("vat", price.vatIncluded())
                .param("at", Sql.time(price.updatedAt()))
                .param("by", price.updatedBy())
                .update();
        return previous;
    }

    public Optional<PriceRow> find(UUID tenant, UUID service, UUID branch) {
        return jdbc.sql(
                        """
                        SELECT service_id, branch_id, amount, vat_included, updated_at, updated_by FROM billing.prices
                        WHERE tenant_id = :tenant AND service_id = :service AND branch_id = :branch
                        """)
                .param("tenant", tenant)
                .param("service", service)
                .param("branch", branch)
                .query(PriceStore::row)
                .optional();
    }

    public List<PriceRow> list(UUID tenant, UUID branch) {
        return jdbc.sql(
                        """
                        SELECT service_id, branch_id, amount, vat_included, updated_at, updated_by FROM billing.prices
                        WHERE tenant_id = :tenant AND branch_id = :branch ORDER BY service_id
                        """)
                .param("tenant", tenant)
                .param("branch", branch)
                .query(PriceStore::row)
                .list();
    }

    private static PriceRow row(ResultSet rs, int n) throws SQLException {
        return new PriceRow(
                Sql.requiredUuid(rs, "service_id"),
                Sql.requiredUuid(rs, "branch_id"),
                rs.getLong("amount"),
                rs.getBoolean("vat_included"),
                Sql.requiredInstant(rs, "updated_at"),
                Sql.uuid(rs, "updated_by"));
    }
}
