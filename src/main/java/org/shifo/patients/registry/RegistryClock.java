package org.shifo.patients.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditActor;
import org.shifo.identity.BranchTimeZones;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.TenantContext;
import org.springframework.stereotype.Component;

/** Who acts and when: the caller's organization, the acting staff member, now, and today in their branch. */
@Component
public class RegistryClock {

    private final Clock clock;
    private final BranchTimeZones zones;

    RegistryClock(Clock clock, BranchTimeZones zones) {
        this.clock = clock;
        this.zones = zones;
    }

    public UUID tenant() {
        return TenantContext.require().value();
    }

    public Instant now() {
        return clock.instant();
    }

    /** Today's date in the acting staff member's branch time zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(CurrentUser.find().map(zones::of).orElse(BranchTimeZones.DEFAULT)));
    }

    public @Nullable UUID actorId() {
        return CurrentUser.find().map(staff -> staff.userId().value()).orElse(null);
    }

    public AuditActor actor() {
        return CurrentUser.auditActor("patients");
    }
}
