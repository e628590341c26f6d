package org.shifo.scheduling.booking;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditActor;
import org.shifo.identity.BranchId;
import org.shifo.identity.BranchTimeZones;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.StaffDirectory;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.springframework.stereotype.Component;

/** Who acts, for which organization, and when; and the time zones of the organization's branches. */
@Component
public class SchedulingContext {

    private final Clock clock;
    private final StaffDirectory directory;

    SchedulingContext(Clock clock, StaffDirectory directory) {
        this.clock = clock;
        this.directory = directory;
    }

    public TenantId tenant() {
        return TenantContext.require();
    }

    public UUID tenantValue() {
        return tenant().value();
    }

    public Instant now() {
        return clock.instant();
    }

    public Optional<Staff> staff() {
        return CurrentUser.find();
    }

    public @Nullable UUID actorId() {
        return staff().map(s -> s.userId().value()).orElse(null);
    }

    public AuditActor actor() {
        return CurrentUser.auditActor("scheduling");
    }

    public boolean isAdmin() {
        return staff().map(s -> s.hasRole(Role.ADMIN)).orElse(false);
    }

    /** Whether the acting staff member works in the branch (administrators act in every branch). */
    public boolean worksIn(BranchId branch) {
        return CurrentUser.worksIn(branch);
    }

    /** Every branch's time zone, read once per call. */
    public Map<BranchId, ZoneId> zones() {
        Map<BranchId, ZoneId> zones = new HashMap<>();
        directory.branches(tenant()).forEach(b -> zones.put(b.id(), b.timeZone()));
        return zones;
    }

    public ZoneId zoneOf(BranchId branch) {
        return directory
                .branch(tenant(), branch)
                .map(StaffDirectory.Branch::timeZone)
                .orElse(BranchTimeZones.DEFAULT);
    }
}
