package org.shifo.scheduling.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchId;
import org.shifo.identity.StaffDirectory;
import org.shifo.scheduling.domain.Inputs;
import org.shifo.scheduling.domain.SchedulingRuleException;
import org.shifo.scheduling.domain.Violation;
import org.shifo.scheduling.domain.WorkingInterval;
import org.shifo.scheduling.domain.WorkingTime;
import org.shifo.scheduling.persistence.ServiceStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Free slots of a practitioner for a service on a date (in each branch's own time zone). */
@Service
public class SlotFinder {

    private final Availability availability;
    private final ScheduleSetup setup;
    private final ServiceStore services;
    private final SchedulingContext context;

    SlotFinder(Availability availability, ScheduleSetup setup, ServiceStore services, SchedulingContext context) {
        this.availability = availability;
        this.setup = setup;
        this.services = services;
        this.context = context;
    }

    @Transactional(readOnly = true)
    public List<WorkingTime.Slot> slots(
            UUID practitionerId, @Nullable String date, @Nullable String serviceId, @Nullable String branchId) {
        StaffDirectory.Member practitioner = setup.practitioner(practitionerId);
        Inputs inputs = new Inputs();
        LocalDate day = inputs.requiredDate("date", date);
        UUID service = inputs.requiredId("serviceId", serviceId);
        UUID branch = inputs.optionalId("branchId", branchId);
        inputs.check();
        ServiceStore.ServiceRow row = services.find(context.tenantValue(), Objects.requireNonNull(service))
                .orElseThrow(() -> SchedulingRuleException.invalid(
                        Violation.of("serviceId", "unknown-service", "is not a service of this clinic")));
        if (!practitioner.active()) {
            throw SchedulingRuleException.refused(
                    Violation.of("practitionerId", "practitioner-disabled", "this practitioner's account is disabled"));
        }
        Availability.Day working = availability.on(
                practitionerId,
                Set.of(Objects.requireNonNull(day)),
                service,
                branch == null ? null : new BranchId(branch));
        List<WorkingInterval> intervals = working.intervals();
        if (intervals.isEmpty()) {
            return List.of();
        }
        Instant from = intervals.getFirst().start();
        Instant to = intervals.stream()
                .map(WorkingInterval::end)
                .max(Instant::compareTo)
                .orElseThrow();
        return WorkingTime.freeSlots(
                intervals, row.durationMinutes(), availability.busy(practitionerId, from, to, null), context.now());
    }
}
