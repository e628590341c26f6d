package org.shifo.scheduling.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchId;
import org.shifo.identity.UserId;
import org.shifo.scheduling.AppointmentId;
import org.shifo.scheduling.domain.BranchTemplate;
import org.shifo.scheduling.domain.ScheduleException;
import org.shifo.scheduling.domain.WorkingInterval;
import org.shifo.scheduling.domain.WorkingTime;
import org.shifo.scheduling.persistence.AppointmentStore;
import org.shifo.scheduling.persistence.ScheduleStore;
import org.springframework.stereotype.Component;

/**
 * Loads what {@link WorkingTime} needs for one practitioner around a date or a moment: templates, exceptions
 * and booked time. Runs inside the caller's transaction.
 */
@Component
class Availability {

    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");

    private final ScheduleStore schedules;
    private final AppointmentStore appointments;
    private final ScheduleSetup setup;
    private final SchedulingContext context;

    Availability(
            ScheduleStore schedules, AppointmentStore appointments, ScheduleSetup setup, SchedulingContext context) {
        this.schedules = schedules;
        this.appointments = appointments;
        this.setup = setup;
        this.context = context;
    }

    /** The practitioner's working time on some dates, restricted to branches where they do the service. */
    record Day(List<WorkingInterval> intervals, List<WorkingInterval> allIntervals, Map<BranchId, ZoneId> zones) {}

    Day on(UUID practitioner, Set<LocalDate> dates, UUID service, @Nullable BranchId onlyBranch) {
        Map<BranchId, ZoneId> zones = context.zones();
        List<BranchTemplate> templates = setup.templates(practitioner, zones);
        Set<BranchId> offering = templates.stream()
                .filter(t -> t.services().contains(service))
                .map(BranchTemplate::branch)
                .collect(Collectors.toSet());
        boolean performsAnywhere = !offering.isEmpty();
        LocalDate first = dates.stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate last = dates.stream().max(LocalDate::compareTo).orElseThrow();
        Instant from = first.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = last.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<ScheduleException> exceptions = schedules.exceptions(context.tenantValue(), practitioner, from, to);
        List<WorkingInterval> all = new ArrayList<>();
        for (LocalDate date : dates.stream().sorted().toList()) {
            for (WorkingInterval interval : WorkingTime.on(date, templates, exceptions, zones)) {
                if (!all.contains(interval)) {
                    all.add(interval);
                }
            }
        }
        List<WorkingInterval> usable = all.stream()
                .filter(i -> onlyBranch == null || i.branch().equals(onlyBranch))
                .filter(i -> offering.contains(i.branch())
                        || (performsAnywhere
                                && templates.stream().noneMatch(t -> t.branch().equals(i.branch()))))
                .toList();
        return new Day(usable, all, zones);
    }

    List<WorkingTime.Span> busy(UUID practitioner, Instant from, Instant to, @Nullable AppointmentId except) {
        return appointments.busy(context.tenantValue(), new UserId(practitioner), from, to, except);
    }

    /** The working hours of a local date as text, {@code 09:00–13:00, 14:00–18:00}, or empty. */
    static String describe(List<WorkingInterval> intervals, LocalDate date, ZoneId zone) {
        return intervals.stream()
                .filter(i -> i.start().atZone(zone).toLocalDate().equals(date))
                .map(i -> i.start().atZone(zone).format(HOURS) + "–"
                        + (i.end().atZone(zone).toLocalDate().isAfter(date)
                                ? "24:00"
                                : i.end().atZone(zone).format(HOURS)))
                .collect(Collectors.joining(", "));
    }
}
