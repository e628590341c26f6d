package org.shifo.scheduling.booking;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.BranchId;
import org.shifo.identity.Role;
import org.shifo.identity.StaffDirectory;
import org.shifo.identity.UserId;
import org.shifo.scheduling.domain.BranchTemplate;
import org.shifo.scheduling.domain.DayHours;
import org.shifo.scheduling.domain.ExceptionKind;
import org.shifo.scheduling.domain.Inputs;
import org.shifo.scheduling.domain.MinuteRange;
import org.shifo.scheduling.domain.ScheduleException;
import org.shifo.scheduling.domain.SchedulingNotFoundException;
import org.shifo.scheduling.domain.SchedulingRuleException;
import org.shifo.scheduling.domain.Violation;
import org.shifo.scheduling.persistence.AppointmentStore;
import org.shifo.scheduling.persistence.ScheduleStore;
import org.shifo.scheduling.persistence.ServiceStore;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Practitioners' weekly templates per branch and their exceptions (absences, extra shifts). */
@Service
public class ScheduleSetup {

    /** The roles that make a staff member a practitioner, who can have a schedule and be booked. */
    public static final Set<Role> CLINICAL_ROLES = Set.of(Role.DOCTOR, Role.NURSE, Role.LAB);

    private final ScheduleStore schedules;
    private final ServiceStore services;
    private final AppointmentStore appointments;
    private final StaffDirectory staff;
    private final SchedulingContext context;
    private final AuditLog audit;

    ScheduleSetup(
            ScheduleStore schedules,
            ServiceStore services,
            AppointmentStore appointments,
            StaffDirectory staff,
            SchedulingContext context,
            AuditLog audit) {
        this.schedules = schedules;
        this.services = services;
        this.appointments = appointments;
        this.staff = staff;
        this.context = context;
        this.audit = audit;
    }

    /** One weekday interval as sent: day, start, end and breaks as text. */
    public record DayInput(
            @Nullable Object dayOfWeek,
            @Nullable String start,
            @Nullable String end,
            @Nullable List<BreakInput> breaks) {}

    public record BreakInput(@Nullable String start, @Nullable String end) {}

    /** A practitioner with their templates (each with its branch's time zone). */
    public record PractitionerSchedule(StaffDirectory.Member practitioner, List<BranchTemplate> templates) {}

    /** Replaces the practitioner's template in one branch. */
    @Transactional
    public PractitionerSchedule replace(
            UUID practitionerId,
            @Nullable String branchId,
            @Nullable List<DayInput> weekly,
            @Nullable List<String> serviceIds) {
        StaffDirectory.Member practitioner = practitioner(practitionerId);
        Inputs inputs = new Inputs();
        UUID branchValue = inputs.requiredId("branchId", branchId);
        List<DayHours> days = new ArrayList<>();
        if (weekly == null) {
            inputs.add(Violation.of("weekly", "required", "is required (an empty list means no working hours)"));
        } else if (weekly.size() > 70) {
            inputs.add(Violation.of("weekly", "too-many", "must have at most 70 intervals", 70));
        } else {
            for (int i = 0; i < weekly.size(); i++) {
                DayHours day = day(inputs, "weekly[" + i + "]", weekly.get(i));
                if (day != null) {
                    days.add(day);
                }
            }
            overlaps(inputs, days);
        }
        Set<UUID> serviceSet = new LinkedHashSet<>();
        if (serviceIds != null) {
            for (int i = 0; i < serviceIds.size(); i++) {
                UUID id = inputs.requiredId("serviceIds[" + i + "]", serviceIds.get(i));
                if (id != null) {
                    ServiceStore.ServiceRow service =
                            services.find(context.tenantValue(), id).orElse(null);
                    if (service == null) {
                        inputs.add(Violation.of(
                                "serviceIds[" + i + "]", "unknown-service", "is not a service of this clinic"));
                    } else if (!service.active()) {
                        inputs.add(Violation.of("serviceIds[" + i + "]", "inactive-service", "is no longer offered"));
                    } else {
                        serviceSet.add(id);
                    }
                }
            }
        }
        inputs.check();
        BranchId branch = new BranchId(Objects.requireNonNull(branchValue));
        if (staff.branch(context.tenant(), branch).isEmpty()) {
            throw SchedulingRuleException.invalid(
                    Violation.of("branchId", "unknown-branch", "is not a branch of this clinic"));
        }
        if (CLINICAL_ROLES.stream().noneMatch(role -> practitioner.hasRoleIn(branch, role))) {
            throw SchedulingRuleException.refused(Violation.of(
                    "branchId",
                    "not-practitioner-here",
                    "this staff member has no clinical role (doctor, nurse, laboratory) in this branch"));
        }
        try {
            schedules.replace(
                    context.tenantValue(), practitionerId, branch, days, serviceSet, context.now(), context.actorId());
        } catch (DataIntegrityViolationException overlap) {
            if (String.valueOf(overlap.getMessage()).contains("no_overlap")) {
                throw SchedulingRuleException.refused(Violation.of(
                        "weekly", "overlaps-other-branch", "overlaps this practitioner's hours in another branch"));
            }
            throw overlap;
        }
        audit.record(AuditEvent.of(
                        context.tenantValue(),
                        context.actor(),
                        "scheduling.schedule_changed",
                        "user",
                        practitionerId.toString(),
                        AuditOutcome.SUCCESS)
                .withDetail("branch", branch.value().toString()));
        return read(practitionerId);
    }

    @Transactional(readOnly = true)
    public PractitionerSchedule read(UUID practitionerId) {
        StaffDirectory.Member practitioner = practitioner(practitionerId);
        return new PractitionerSchedule(practitioner, templates(practitionerId, context.zones()));
    }

    /** The practitioners of a branch (or of the organization): staff with a clinical role there. */
    @Transactional(readOnly = true)
    public List<PractitionerSchedule> practitioners(@Nullable BranchId branch) {
        Map<BranchId, ZoneId> zones = context.zones();
        return staff.members(context.tenant()).stream()
                .filter(m -> m.roles().stream()
                        .anyMatch(r -> CLINICAL_ROLES.contains(r.role())
                                && (branch == null || r.branchId().equals(branch))))
                .map(m -> new PractitionerSchedule(m, templates(m.id().value(), zones)))
                .toList();
    }

    List<BranchTemplate> templates(UUID practitionerId, Map<BranchId, ZoneId> zones) {
        return schedules.templates(context.tenantValue(), practitionerId).stream()
                .map(t -> new BranchTemplate(
                        t.branch(),
                        zones.getOrDefault(t.branch(), ZoneId.of("Asia/Tashkent")),
                        t.weekly(),
                        t.services()))
                .toList();
    }

    StaffDirectory.Member practitioner(UUID practitionerId) {
        return staff.member(context.tenant(), new UserId(practitionerId))
                .filter(m -> m.hasAnyRole(CLINICAL_ROLES))
                .orElseThrow(() -> new SchedulingNotFoundException("practitioner"));
    }

    /** An exception as stored, with the appointments it leaves outside working time. */
    public record AddedException(ScheduleException exception, List<UUID> affectedAppointments) {}

    /**
     * Adds an absence or extra shift. Dates are whole days in the branch's time zone, {@code to} included; times
     * without an offset are local to the branch; {@code to} of a time is excluded. Appointments already booked in
     * an absence stay booked and are listed, so reception can move them.
     */
    @Transactional
    public AddedException addException(
            UUID practitionerId,
            @Nullable String from,
            @Nullable String to,
            @Nullable String kind,
            @Nullable String branchId,
            @Nullable String note) {
        StaffDirectory.Member practitioner = practitioner(practitionerId);
        Inputs inputs = new Inputs();
        Inputs.When fromWhen = inputs.requiredWhen("from", from);
        Inputs.When toWhen = inputs.requiredWhen("to", to);
        UUID branchValue = inputs.optionalId("branchId", branchId);
        String cleanNote = inputs.text("note", note, 500, false);
        ExceptionKind exceptionKind = null;
        if (kind == null || kind.isBlank()) {
            inputs.add(Violation.of("kind", "required", "is required"));
        } else {
            try {
                exceptionKind = ExceptionKind.valueOf(kind.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                inputs.add(Violation.of(
                        "kind", "unknown-kind", "must be VACATION, SICK_LEAVE, OTHER_ABSENCE or EXTRA_SHIFT"));
            }
        }
        inputs.check();
        BranchId branch = branchValue == null ? null : new BranchId(branchValue);
        if (branch != null && staff.branch(context.tenant(), branch).isEmpty()) {
            throw SchedulingRuleException.invalid(
                    Violation.of("branchId", "unknown-branch", "is not a branch of this clinic"));
        }
        ExceptionKind theKind = Objects.requireNonNull(exceptionKind);
        if (theKind == ExceptionKind.EXTRA_SHIFT) {
            if (branch == null) {
                throw SchedulingRuleException.invalid(
                        Violation.of("branchId", "required", "is required for an extra shift"));
            }
            BranchId shiftBranch = branch;
            if (CLINICAL_ROLES.stream().noneMatch(role -> practitioner.hasRoleIn(shiftBranch, role))) {
                throw SchedulingRuleException.refused(Violation.of(
                        "branchId",
                        "not-practitioner-here",
                        "this staff member has no clinical role (doctor, nurse, laboratory) in this branch"));
            }
        } else {
            branch = null;
        }
        ZoneId zone = branchValue != null ? context.zoneOf(new BranchId(branchValue)) : firstZone(practitioner);
        Instant start = start(Objects.requireNonNull(fromWhen), zone);
        Instant end = end(Objects.requireNonNull(toWhen), zone);
        if (!start.isBefore(end)) {
            throw SchedulingRuleException.invalid(Violation.of("to", "before-from", "must be after from"));
        }
        if (java.time.Duration.between(start, end).toDays() > 366) {
            throw SchedulingRuleException.invalid(
                    Violation.of("to", "too-long", "an exception lasts at most 366 days", 366));
        }
        ScheduleException exception = new ScheduleException(UUID.randomUUID(), theKind, start, end, branch, cleanNote);
        schedules.insertException(context.tenantValue(), practitionerId, exception, context.now(), context.actorId());
        List<UUID> affected = List.of();
        if (theKind.isAbsence()) {
            affected = appointments
                    .list(
                            context.tenantValue(),
                            new AppointmentStore.Filter(new UserId(practitionerId), null, null, null, start, end, 500))
                    .stream()
                    .filter(a -> a.status() == org.shifo.scheduling.domain.AppointmentStatus.BOOKED)
                    .map(a -> a.id().value())
                    .toList();
        }
        audit.record(AuditEvent.of(
                        context.tenantValue(),
                        context.actor(),
                        "scheduling.exception_added",
                        "user",
                        practitionerId.toString(),
                        AuditOutcome.SUCCESS)
                .withDetail("exception", exception.id().toString()));
        return new AddedException(exception, affected);
    }

    @Transactional(readOnly = true)
    public List<ScheduleException> exceptions(UUID practitionerId, Instant from, Instant to) {
        practitioner(practitionerId);
        return schedules.exceptions(context.tenantValue(), practitionerId, from, to);
    }

    @Transactional
    public void removeException(UUID practitionerId, UUID exceptionId) {
        practitioner(practitionerId);
        if (!schedules.deleteException(context.tenantValue(), practitionerId, exceptionId)) {
            throw new SchedulingNotFoundException("exception");
        }
        audit.record(AuditEvent.of(
                        context.tenantValue(),
                        context.actor(),
                        "scheduling.exception_removed",
                        "user",
                        practitionerId.toString(),
                        AuditOutcome.SUCCESS)
                .withDetail("exception", exceptionId.toString()));
    }

    private ZoneId firstZone(StaffDirectory.Member practitioner) {
        return practitioner.roles().stream()
                .map(r -> r.branchId())
                .sorted(java.util.Comparator.comparing(b -> b.value().toString()))
                .findFirst()
                .map(context::zoneOf)
                .orElse(ZoneId.of("Asia/Tashkent"));
    }

    private static Instant start(Inputs.When when, ZoneId zone) {
        return switch (when) {
            case Inputs.Day day -> day.date().atStartOfDay(zone).toInstant();
            case Inputs.Local local -> local.dateTime().atZone(zone).toInstant();
            case Inputs.Moment moment -> moment.moment().toInstant();
        };
    }

    private static Instant end(Inputs.When when, ZoneId zone) {
        return switch (when) {
            case Inputs.Day day -> day.date().plusDays(1).atStartOfDay(zone).toInstant();
            case Inputs.Local local -> local.dateTime().atZone(zone).toInstant();
            case Inputs.Moment moment -> moment.moment().toInstant();
        };
    }

    private static @Nullable DayHours day(Inputs inputs, String path, @Nullable DayInput input) {
        if (input == null) {
            inputs.add(Violation.of(path, "required", "is required"));
            return null;
        }
        DayOfWeek day = inputs.dayOfWeek(path + ".dayOfWeek", input.dayOfWeek());
        Integer start = inputs.timeOfDay(path + ".start", input.start());
        Integer end = inputs.timeOfDay(path + ".end", input.end());
        if (day == null || start == null || end == null) {
            return null;
        }
        if (start >= end) {
            inputs.add(Violation.of(path + ".end", "before-start", "must be after start"));
            return null;
        }
        MinuteRange hours = new MinuteRange(start, end);
        List<MinuteRange> breaks = new ArrayList<>();
        List<BreakInput> given = input.breaks() == null ? List.of() : input.breaks();
        for (int j = 0; j < given.size(); j++) {
            String breakPath = path + ".breaks[" + j + "]";
            BreakInput pause = given.get(j);
            Integer from = inputs.timeOfDay(breakPath + ".start", pause == null ? null : pause.start());
            Integer to = inputs.timeOfDay(breakPath + ".end", pause == null ? null : pause.end());
            if (from == null || to == null) {
                continue;
            }
            if (from >= to) {
                inputs.add(Violation.of(breakPath + ".end", "before-start", "must be after start"));
                continue;
            }
            MinuteRange range = new MinuteRange(from, to);
            if (!hours.contains(range)) {
                inputs.add(Violation.of(
                        breakPath, "outside-hours", "must lie within the working hours " + hours, hours.toString()));
                continue;
            }
            if (breaks.stream().anyMatch(range::overlaps)) {
                inputs.add(Violation.of(breakPath, "overlapping-break", "overlaps another break"));
                continue;
            }
            breaks.add(range);
        }
        return new DayHours(day, hours, breaks);
    }

    private static void overlaps(Inputs inputs, List<DayHours> days) {
        for (int i = 0; i < days.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (days.get(i).day() == days.get(j).day()
                        && days.get(i).hours().overlaps(days.get(j).hours())) {
                    inputs.add(Violation.of(
                            "weekly",
                            "overlapping-hours",
                            "two intervals of " + days.get(i).day() + " overlap",
                            days.get(i).day().toString()));
                    return;
                }
            }
        }
    }
}
