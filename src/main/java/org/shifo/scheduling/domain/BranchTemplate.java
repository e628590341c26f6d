package org.shifo.scheduling.domain;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.shifo.identity.BranchId;

/** A practitioner's weekly template in one branch: working hours per weekday, and the services done there. */
public record BranchTemplate(BranchId branch, ZoneId zone, List<DayHours> weekly, Set<UUID> services) {

    public BranchTemplate {
        weekly = List.copyOf(weekly);
        services = Set.copyOf(services);
    }
}
