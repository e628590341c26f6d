package org.shifo.identity;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The time zone a staff member works in: that of their branch (the first of their branches by id when they
 * work in several), Asia/Tashkent when the branch does not say. Dates a clinic sees (today, a patient's age)
 * are computed in it.
 */
@Component
public class BranchTimeZones {

    public static final ZoneId DEFAULT = ZoneId.of("Asia/Tashkent");

    private final JdbcClient jdbc;

    BranchTimeZones(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public ZoneId of(Staff staff) {
        List<BranchId> branches = staff.roles().stream()
                .map(BranchRole::branchId)
                .distinct()
                .sorted(Comparator.comparing(branch -> branch.value().toString()))
                .toList();
        if (branches.isEmpty()) {
            return DEFAULT;
        }
        return of(staff.tenantId(), branches.getFirst());
    }

    @Transactional(readOnly = true)
    public ZoneId of(TenantId tenant, BranchId branch) {
        Optional<String> zone = jdbc.sql(
                        "SELECT time_zone FROM identity.branches WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", branch.value())
                .query(String.class)
                .optional();
        try {
            return zone.map(ZoneId::of).orElse(DEFAULT);
        } catch (DateTimeException unknown) {
            return DEFAULT;
        }
    }
}
