package org.shifo.identity.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.shifo.identity.BranchId;
import org.shifo.identity.Role;
import org.shifo.identity.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Organizations (tenants) and their branches, in {@code identity.organizations} and {@code identity.branches}. */
@Repository
public class Organizations {

    private final JdbcClient jdbc;

    Organizations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An organization as stored. */
    public record OrganizationRow(TenantId id, String name, Set<Role> mfaRequiredRoles) {}

    /** A branch as stored. */
    public record BranchRow(BranchId id, TenantId tenantId, String name, String address, ZoneId timeZone) {}

    public void insertOrganization(TenantId id, String name, Instant now) {
        jdbc.sql(
                        """
                        INSERT INTO identity.organizations (id, tenant_id, name, created_at)
                        VALUES (:id, :id, :name, :now)
                        """)
                .param("id", id.value())
                .param("name", name)
                .param("now", Timestamp.from(now))
                .update();
    }

    public Optional<OrganizationRow> findOrganization(TenantId id) {
        return jdbc.sql(
                        "SELECT id, name, mfa_required_roles FROM identity.organizations WHERE tenant_id = :id AND id = :id")
                .param("id", id.value())
                .query((rs, n) -> new OrganizationRow(
                        new TenantId(rs.getObject("id", UUID.class)), rs.getString("name"), roles((String[])
                                rs.getArray("mfa_required_roles").getArray())))
                .optional();
    }

    /** Counts organizations across the installation (the caller runs in the system scope). */
    public long countAll() {
        return jdbc.sql("SELECT count(*) FROM identity.organizations")
                .query(Long.class)
                .single();
    }

    public void insertBranch(BranchId id, TenantId tenant, String name, String address, ZoneId timeZone, Instant now) {
        jdbc.sql(
                        """
                        INSERT INTO identity.branches (id, tenant_id, name, address, time_zone, created_at)
                        VALUES (:id, :tenant, :name, :address, :timeZone, :now)
                        """)
                .param("id", id.value())
                .param("tenant", tenant.value())
                .param("name", name)
                .param("address", address)
                .param("timeZone", timeZone.getId())
                .param("now", Timestamp.from(now))
                .update();
    }

    public List<BranchRow> branches(TenantId tenant) {
        return jdbc.sql(
                        """
                        SELECT id, tenant_id, name, address, time_zone FROM identity.branches
                        WHERE tenant_id = :tenant ORDER BY name
                        """)
                .param("tenant", tenant.value())
                .query((rs, n) -> branch(rs))
                .list();
    }

    public Optional<BranchRow> findBranch(TenantId tenant, BranchId id) {
        return jdbc.sql(
                        """
                        SELECT id, tenant_id, name, address, time_zone FROM identity.branches
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query((rs, n) -> branch(rs))
                .optional();
    }

    private static BranchRow branch(ResultSet rs) throws SQLException {
        return new BranchRow(
                new BranchId(rs.getObject("id", UUID.class)),
                new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getString("name"),
                rs.getString("address"),
                ZoneId.of(rs.getString("time_zone")));
    }

    private static Set<Role> roles(String[] names) {
        return java.util.Arrays.stream(names)
                .map(Role::valueOf)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
