package org.shifo.scheduling.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.BranchId;
import org.shifo.identity.StaffDirectory;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.shifo.scheduling.AppointmentBooked;
import org.shifo.scheduling.AppointmentCancelled;
import org.shifo.scheduling.AppointmentId;
import org.shifo.scheduling.AppointmentRescheduled;
import org.shifo.scheduling.PatientCheckedIn;
import org.shifo.scheduling.VisitStarted;
import org.shifo.scheduling.domain.Appointment;
import org.shifo.scheduling.domain.AppointmentStatus;
import org.shifo.scheduling.domain.BookingConflictException;
import org.shifo.scheduling.domain.IllegalTransitionException;
import org.shifo.scheduling.domain.Inputs;
import org.shifo.scheduling.domain.SchedulingNotFoundException;
import org.shifo.scheduling.domain.SchedulingRuleException;
import org.shifo.scheduling.domain.Violation;
import org.shifo.scheduling.domain.WorkingInterval;
import org.shifo.scheduling.domain.WorkingTime;
import org.shifo.scheduling.persistence.AppointmentStore;
import org.shifo.scheduling.persistence.ServiceStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Booking and the visit flow. Every operation is one transaction; the database's exclusion constraints are
 * the guarantee against double booking, the checks before them give the friendly answer.
 */
@Service
public class AppointmentBook {

    private static final int MAX_LIST = 1000;

    private final AppointmentStore store;
    private final ServiceStore services;
    private final Availability availability;
    private final ScheduleSetup setup;
    private final StaffDirectory staffDirectory;
    private final PatientDirectory patients;
    private final SchedulingContext context;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readOnly;

    AppointmentBook(
            AppointmentStore store,
            ServiceStore services,
            Availability availability,
            ScheduleSetup setup,
            StaffDirectory staffDirectory,
            PatientDirectory patients,
            SchedulingContext context,
            AuditLog audit,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.store = store;
        this.services = services;
        this.availability = availability;
        this.setup = setup;
        this.staffDirectory = staffDirectory;
        this.patients = patients;
        this.context = context;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.readOnly = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
        this.readOnly.setReadOnly(true);
    }

    /** A booking as sent. */
    public record BookingInput(
            @Nullable String patientId,
            @Nullable String practitionerId,
            @Nullable String serviceId,
            @Nullable String start,
            @Nullable String room,
            @Nullable String branchId) {}

    /** A reschedule as sent: the new start, and optionally another practitioner, service or room. */
    public record RescheduleInput(
            @Nullable String start,
            @Nullable String practitionerId,
            @Nullable String serviceId,
            @Nullable String room,
            @Nullable Integer version) {}

    /** A walk-in visit as sent. */
    public record WalkInInput(
            @Nullable String patientId,
            @Nullable String practitionerId,
            @Nullable String serviceId,
            @Nullable String branchId) {}

    /** An appointment with what a screen shows of it. */
    public record View(
            Appointment appointment,
            ZoneId zone,
            PatientDirectory.@Nullable Entry patient,
            @Nullable String practitionerName,
            @Nullable String serviceName) {}

    public View book(BookingInput input) {
        Inputs inputs = new Inputs();
        UUID patientId = inputs.requiredId("patientId", input.patientId());
        UUID practitionerId = inputs.requiredId("practitionerId", input.practitionerId());
        UUID serviceId = inputs.requiredId("serviceId", input.serviceId());
        OffsetDateTime start = inputs.requiredMoment("start", input.start());
        String room = inputs.text("room", input.room(), 50, false);
        UUID branchId = inputs.optionalId("branchId", input.branchId());
        inputs.check();
        Runnable recheck = () -> place(
                Objects.requireNonNull(practitionerId),
                Objects.requireNonNull(serviceId),
                Objects.requireNonNull(start).toInstant(),
                room,
                branchId == null ? null : new BranchId(branchId),
                null);
        return withConflictAnswer(
                recheck,
                () -> inTransaction(() -> {
                    PatientDirectory.Entry patient = patient(Objects.requireNonNull(patientId));
                    Placement placement = place(
                            practitionerId,
                            Objects.requireNonNull(serviceId),
                            Objects.requireNonNull(start).toInstant(),
                            room,
                            branchId == null ? null : new BranchId(branchId),
                            null);
                    Instant now = context.now();
                    Appointment appointment = new Appointment(
                            new AppointmentId(UUID.randomUUID()),
                            placement.interval().branch(),
                            patient.id(),
                            new UserId(practitionerId),
                            serviceId,
                            room,
                            placement.start(),
                            placement.end(),
                            AppointmentStatus.BOOKED,
                            false,
                            placement.backEntry(),
                            null,
                            null,
                            null,
                            null,
                            now,
                            now,
                            0);
                    store.insert(context.tenantValue(), appointment, context.actorId());
                    record(placement.backEntry() ? "appointment.back_entry" : "appointment.book", appointment);
                    events.publishEvent(new AppointmentBooked(
                            context.tenant(),
                            appointment.id(),
                            appointment.branch(),
                            appointment.patient(),
                            appointment.practitioner(),
                            serviceId,
                            appointment.start(),
                            appointment.end()));
                    return view(
                            appointment,
                            placement.interval().zone(),
                            patient,
                            placement.practitioner().fullName(),
                            placement.service().name());
                }));
    }

    public View reschedule(UUID id, RescheduleInput input) {
        Inputs inputs = new Inputs();
        OffsetDateTime start = inputs.requiredMoment("start", input.start());
        UUID practitionerId = inputs.optionalId("practitionerId", input.practitionerId());
        UUID serviceId = inputs.optionalId("serviceId", input.serviceId());
        String room = inputs.text("room", input.room(), 50, false);
        inputs.check();
        Runnable recheck = () -> {
            Appointment current = existing(id);
            place(
                    practitionerId == null ? current.practitioner().value() : practitionerId,
                    serviceId == null ? current.service() : serviceId,
                    Objects.requireNonNull(start).toInstant(),
                    input.room() == null ? current.room() : room,
                    null,
                    current.id());
        };
        return withConflictAnswer(
                recheck,
                () -> inTransaction(() -> {
                    Appointment current = lockedVisible(id);
                    if (input.version() != null && input.version() != current.version()) {
                        throw new StaleAppointmentException();
                    }
                    if (current.status() != AppointmentStatus.BOOKED) {
                        throw SchedulingRuleException.refused(Violation.of(
                                "status",
                                "not-booked",
                                "only a booked appointment can be rescheduled; this one is " + current.status(),
                                current.status().name()));
                    }
                    PatientDirectory.Entry patient = patient(current.patient().value());
                    UUID newPractitioner =
                            practitionerId == null ? current.practitioner().value() : practitionerId;
                    UUID newService = serviceId == null ? current.service() : serviceId;
                    String newRoom = input.room() == null ? current.room() : room;
                    Placement placement = place(
                            newPractitioner,
                            newService,
                            Objects.requireNonNull(start).toInstant(),
                            newRoom,
                            null,
                            current.id());
                    Appointment moved = new Appointment(
                            current.id(),
                            placement.interval().branch(),
                            current.patient(),
                            new UserId(newPractitioner),
                            newService,
                            newRoom,
                            placement.start(),
                            placement.end(),
                            current.status(),
                            false,
                            placement.backEntry(),
                            null,
                            null,
                            null,
                            null,
                            current.createdAt(),
                            context.now(),
                            current.version() + 1);
                    store.move(context.tenantValue(), moved);
                    record("appointment.reschedule", moved);
                    events.publishEvent(new AppointmentRescheduled(
                            context.tenant(),
                            moved.id(),
                            moved.branch(),
                            moved.patient(),
                            moved.practitioner(),
                            current.start(),
                            moved.start(),
                            moved.end()));
                    return view(
                            moved,
                            placement.interval().zone(),
                            patient,
                            placement.practitioner().fullName(),
                            placement.service().name());
                }));
    }

    public View cancel(UUID id, @Nullable String reason) {
        Inputs inputs = new Inputs();
        String why = inputs.text("reason", reason, 500, true);
        inputs.check();
        return transition(id, AppointmentStatus.CANCELLED, "appointment.cancel", current -> {
            events.publishEvent(new AppointmentCancelled(
                    context.tenant(),
                    current.id(),
                    current.branch(),
                    current.patient(),
                    current.practitioner(),
                    current.start()));
            return why;
        });
    }

    public View noShow(UUID id) {
        return transition(id, AppointmentStatus.NO_SHOW, "appointment.no_show", current -> {
            if (context.now().isBefore(current.start())) {
                throw SchedulingRuleException.refused(Violation.of(
                        "status",
                        "not-yet-due",
                        "a patient can be marked as not come only once the appointment has begun"));
            }
            return null;
        });
    }

    public View checkIn(UUID id) {
        return transition(id, AppointmentStatus.CHECKED_IN, "appointment.check_in", current -> {
            ZoneId zone = context.zoneOf(current.branch());
            LocalDate today = context.now().atZone(zone).toLocalDate();
            if (!current.start().atZone(zone).toLocalDate().equals(today)) {
                throw SchedulingRuleException.refused(Violation.of(
                        "start",
                        "not-today",
                        "a patient checks in on the day of the appointment ("
                                + current.start().atZone(zone).toLocalDate() + ")",
                        current.start().atZone(zone).toLocalDate().toString()));
            }
            return null;
        });
    }

    public View startVisit(UUID id) {
        return transition(id, AppointmentStatus.IN_PROGRESS, "appointment.start", current -> null);
    }

    public View complete(UUID id) {
        return transition(id, AppointmentStatus.COMPLETED, "appointment.complete", current -> null);
    }

    /** Opens a visit for a patient who came without an appointment: checked in at once. */
    public View walkIn(WalkInInput input) {
        Inputs inputs = new Inputs();
        UUID patientId = inputs.requiredId("patientId", input.patientId());
        UUID practitionerId = inputs.requiredId("practitionerId", input.practitionerId());
        UUID serviceId = inputs.requiredId("serviceId", input.serviceId());
        UUID branchId = inputs.optionalId("branchId", input.branchId());
        inputs.check();
        return inTransaction(() -> {
            PatientDirectory.Entry patient = patient(Objects.requireNonNull(patientId));
            StaffDirectory.Member practitioner = activePractitioner(Objects.requireNonNull(practitionerId));
            ServiceStore.ServiceRow service = service(Objects.requireNonNull(serviceId));
            BranchId branch = branchId != null
                    ? new BranchId(branchId)
                    : practitioner.roles().stream()
                            .filter(r -> ScheduleSetup.CLINICAL_ROLES.contains(r.role()))
                            .map(r -> r.branchId())
                            .filter(context::worksIn)
                            .sorted(java.util.Comparator.comparing(
                                    b -> b.value().toString()))
                            .findFirst()
                            .orElseThrow(() -> SchedulingRuleException.refused(Violation.of(
                                    "branchId",
                                    "not-practitioner-here",
                                    "this practitioner works in no branch of yours")));
            if (ScheduleSetup.CLINICAL_ROLES.stream().noneMatch(role -> practitioner.hasRoleIn(branch, role))) {
                throw SchedulingRuleException.refused(Violation.of(
                        "branchId", "not-practitioner-here", "this practitioner does not work in this branch"));
            }
            requireBranch(branch);
            Instant now = context.now();
            Appointment visit = new Appointment(
                    new AppointmentId(UUID.randomUUID()),
                    branch,
                    patient.id(),
                    practitioner.id(),
                    serviceId,
                    null,
                    now,
                    now.plus(Duration.ofMinutes(service.durationMinutes())),
                    AppointmentStatus.CHECKED_IN,
                    true,
                    false,
                    null,
                    now,
                    null,
                    null,
                    now,
                    now,
                    0);
            store.insert(context.tenantValue(), visit, context.actorId());
            record("appointment.walk_in", visit);
            events.publishEvent(new PatientCheckedIn(
                    context.tenant(),
                    visit.id(),
                    branch,
                    visit.patient(),
                    visit.practitioner(),
                    serviceId,
                    true,
                    visit.start(),
                    now));
            return view(visit, context.zoneOf(branch), patient, practitioner.fullName(), service.name());
        });
    }

    /** One appointment (the read is audited). */
    public View get(UUID id) {
        return inTransaction(() -> {
            Appointment appointment = existing(id);
            requireVisible(appointment);
            View view = views(List.of(appointment)).getFirst();
            audit.recordRead(event("appointment.read", appointment));
            return view;
        });
    }

    /** What a list asks for, as sent. */
    public record ListInput(
            @Nullable String practitionerId,
            @Nullable String branchId,
            @Nullable String patientId,
            @Nullable String status,
            @Nullable String from,
            @Nullable String to,
            @Nullable Integer limit) {}

    /** Appointments in a time window, by start (the read is audited with the ids shown). */
    public List<View> list(ListInput input) {
        Inputs inputs = new Inputs();
        UUID practitioner = inputs.optionalId("practitionerId", input.practitionerId());
        UUID branch = inputs.optionalId("branchId", input.branchId());
        UUID patient = inputs.optionalId("patientId", input.patientId());
        Inputs.When from = inputs.requiredWhen("from", input.from());
        Inputs.When to = inputs.requiredWhen("to", input.to());
        AppointmentStatus status = null;
        if (input.status() != null && !input.status().isBlank()) {
            try {
                status = AppointmentStatus.valueOf(input.status().strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                inputs.add(Violation.of(
                        "status",
                        "unknown-status",
                        "must be one of BOOKED, CHECKED_IN, IN_PROGRESS, COMPLETED, CANCELLED, NO_SHOW"));
            }
        }
        int limit = input.limit() == null ? 500 : input.limit();
        if (limit < 1 || limit > MAX_LIST) {
            inputs.add(Violation.of("limit", "range", "must be between 1 and " + MAX_LIST, 1, MAX_LIST));
        }
        inputs.check();
        AppointmentStatus wanted = status;
        return inTransaction(() -> {
            ZoneId zone = branch != null ? context.zoneOf(new BranchId(branch)) : defaultZone();
            Instant start = bound(Objects.requireNonNull(from), zone, false);
            Instant end = bound(Objects.requireNonNull(to), zone, true);
            if (!start.isBefore(end)) {
                throw SchedulingRuleException.invalid(Violation.of("to", "before-from", "must be after from"));
            }
            if (Duration.between(start, end).toDays() > 92) {
                throw SchedulingRuleException.invalid(
                        Violation.of("to", "window-too-long", "a list covers at most 92 days", 92));
            }
            List<Appointment> found = store
                    .list(
                            context.tenantValue(),
                            new AppointmentStore.Filter(
                                    practitioner == null ? null : new UserId(practitioner),
                                    branch == null ? null : new BranchId(branch),
                                    patient == null ? null : new PatientId(patient),
                                    wanted,
                                    start,
                                    end,
                                    limit))
                    .stream()
                    .filter(a -> context.worksIn(a.branch()))
                    .toList();
            List<View> views = views(found);
            AuditEvent event = AuditEvent.of(
                    context.tenantValue(),
                    context.actor(),
                    "appointment.list",
                    "appointment_list",
                    Integer.toString(found.size()),
                    AuditOutcome.SUCCESS);
            for (int i = 0; i < Math.min(found.size(), 15); i++) {
                event = event.withDetail("shown" + (i + 1), found.get(i).id().toString());
            }
            audit.recordRead(event);
            return views;
        });
    }

    /** Where a booking lands: its interval (branch, zone), times, and the checked practitioner and service. */
    private record Placement(
            WorkingInterval interval,
            Instant start,
            Instant end,
            boolean backEntry,
            StaffDirectory.Member practitioner,
            ServiceStore.ServiceRow service) {}

    private Placement place(
            UUID practitionerId,
            UUID serviceId,
            Instant start,
            @Nullable String room,
            @Nullable BranchId wantedBranch,
            @Nullable AppointmentId except) {
        StaffDirectory.Member practitioner = activePractitioner(practitionerId);
        ServiceStore.ServiceRow service = service(serviceId);
        Instant end = start.plus(Duration.ofMinutes(service.durationMinutes()));
        boolean backEntry = false;
        if (start.isBefore(context.now())) {
            if (!context.isAdmin()) {
                throw SchedulingRuleException.refused(Violation.of(
                        "start", "in-the-past", "is in the past; only an administrator may enter past visits"));
            }
            backEntry = true;
        }
        Set<LocalDate> dates = Stream.of(-1, 0, 1)
                .map(d -> start.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(d))
                .collect(Collectors.toSet());
        Availability.Day day = availability.on(practitionerId, dates, serviceId, wantedBranch);
        Optional<WorkingInterval> fits = WorkingTime.containing(day.intervals(), start, end);
        if (fits.isEmpty()) {
            Optional<WorkingInterval> elsewhere = WorkingTime.containing(day.allIntervals(), start, end);
            if (elsewhere.isPresent()) {
                throw SchedulingRuleException.refused(Violation.of(
                        "serviceId",
                        "service-not-offered",
                        "this practitioner does not perform this service in that branch"));
            }
            ZoneId zone = zoneFor(day, wantedBranch);
            LocalDate local = start.atZone(zone).toLocalDate();
            String hours = Availability.describe(day.allIntervals(), local, zone);
            if (hours.isEmpty()) {
                throw SchedulingRuleException.refused(Violation.of(
                        "start",
                        "not-working-day",
                        "is outside working hours: the practitioner does not work on " + local,
                        local.toString()));
            }
            throw SchedulingRuleException.refused(Violation.of(
                    "start",
                    "outside-working-hours",
                    "is outside working hours: on " + local + " the practitioner works " + hours,
                    local.toString(),
                    hours));
        }
        WorkingInterval interval = fits.get();
        if (!interval.onGrid(start, service.durationMinutes())) {
            Instant earlier = start.minusSeconds(
                    Duration.between(interval.start(), start).getSeconds() % (service.durationMinutes() * 60L));
            String before = earlier.atZone(interval.zone()).toLocalTime().toString();
            String after = earlier.plus(Duration.ofMinutes(service.durationMinutes()))
                    .atZone(interval.zone())
                    .toLocalTime()
                    .toString();
            throw SchedulingRuleException.invalid(Violation.of(
                    "start",
                    "not-on-grid",
                    "must be on the service's " + service.durationMinutes() + "-minute grid, such as " + before + " or "
                            + after,
                    service.durationMinutes(),
                    before,
                    after));
        }
        requireBranch(interval.branch());
        List<WorkingTime.Span> busy = availability.busy(practitionerId, start, end, except);
        if (!busy.isEmpty()) {
            throw new BookingConflictException(
                    "practitioner", busy.getFirst().start(), busy.getFirst().end(), interval.zone());
        }
        if (room != null) {
            Optional<WorkingTime.Span> taken =
                    store.roomBusy(context.tenantValue(), interval.branch(), room, start, end, except);
            if (taken.isPresent()) {
                throw new BookingConflictException(
                        "room", taken.get().start(), taken.get().end(), interval.zone());
            }
        }
        return new Placement(interval, start, end, backEntry, practitioner, service);
    }

    private ZoneId zoneFor(Availability.Day day, @Nullable BranchId branch) {
        if (branch != null) {
            return day.zones().getOrDefault(branch, ZoneId.of("Asia/Tashkent"));
        }
        return day.allIntervals().isEmpty()
                ? defaultZone()
                : day.allIntervals().getFirst().zone();
    }

    interface StatusRule {
        /** Checks what the transition needs beyond the workflow; returns the cancel reason, if any. */
        @Nullable
        String check(Appointment current);
    }

    /**
     * Cancels on the patient's own request through another module's channel ({@link org.shifo.scheduling.AppointmentReplies}): no staff
     * member acts, so no branch restricts it; the caller has checked that the appointment is the patient's, and
     * {@code rule} refuses what may no longer change. Joins the caller's transaction.
     */
    View cancelOnPatientRequest(UUID id, String reason, StatusRule rule) {
        return transition(id, AppointmentStatus.CANCELLED, "appointment.cancel", false, current -> {
            rule.check(current);
            events.publishEvent(new AppointmentCancelled(
                    context.tenant(),
                    current.id(),
                    current.branch(),
                    current.patient(),
                    current.practitioner(),
                    current.start()));
            return reason;
        });
    }

    private View transition(UUID id, AppointmentStatus target, String action, StatusRule rule) {
        return transition(id, target, action, true, rule);
    }

    private View transition(UUID id, AppointmentStatus target, String action, boolean byStaff, StatusRule rule) {
        return inTransaction(() -> {
            Appointment current = byStaff
                    ? lockedVisible(id)
                    : store.findForUpdate(context.tenantValue(), new AppointmentId(id))
                            .orElseThrow(() -> new SchedulingNotFoundException("appointment"));
            if (!current.status().canMoveTo(target)) {
                throw new IllegalTransitionException(current.status(), target);
            }
            String reason = rule.check(current);
            Instant now = context.now();
            Appointment changed = new Appointment(
                    current.id(),
                    current.branch(),
                    current.patient(),
                    current.practitioner(),
                    current.service(),
                    current.room(),
                    current.start(),
                    current.end(),
                    target,
                    current.walkIn(),
                    current.backEntry(),
                    target == AppointmentStatus.CANCELLED ? reason : null,
                    target == AppointmentStatus.CHECKED_IN ? now : current.checkedInAt(),
                    target == AppointmentStatus.IN_PROGRESS ? now : current.startedAt(),
                    target == AppointmentStatus.COMPLETED ? now : current.finishedAt(),
                    current.createdAt(),
                    now,
                    current.version() + 1);
            store.changeStatus(context.tenantValue(), changed);
            audit.record(
                    byStaff ? event(action, changed) : event(action, changed).withDetail("requestedBy", "patient"));
            if (target == AppointmentStatus.IN_PROGRESS) {
                events.publishEvent(new VisitStarted(
                        context.tenant(),
                        changed.id(),
                        changed.branch(),
                        changed.patient(),
                        changed.practitioner(),
                        now));
            }
            if (target == AppointmentStatus.CHECKED_IN) {
                events.publishEvent(new PatientCheckedIn(
                        context.tenant(),
                        changed.id(),
                        changed.branch(),
                        changed.patient(),
                        changed.practitioner(),
                        changed.service(),
                        false,
                        changed.start(),
                        now));
            }
            return views(List.of(changed)).getFirst();
        });
    }

    private Appointment existing(UUID id) {
        return store.find(context.tenantValue(), new AppointmentId(id))
                .orElseThrow(() -> new SchedulingNotFoundException("appointment"));
    }

    private Appointment lockedVisible(UUID id) {
        Appointment appointment = store.findForUpdate(context.tenantValue(), new AppointmentId(id))
                .orElseThrow(() -> new SchedulingNotFoundException("appointment"));
        requireVisible(appointment);
        return appointment;
    }

    /** Staff see appointments of their own branches only (administrators of all): otherwise a 404. */
    private void requireVisible(Appointment appointment) {
        if (!context.worksIn(appointment.branch())) {
            throw new SchedulingNotFoundException("appointment");
        }
    }

    private void requireBranch(BranchId branch) {
        if (!context.worksIn(branch)) {
            throw SchedulingRuleException.refused(
                    Violation.of("branchId", "not-your-branch", "you do not work in this branch"));
        }
    }

    private PatientDirectory.Entry patient(UUID id) {
        PatientDirectory.Entry patient = patients.find(context.tenant(), new PatientId(id))
                .orElseThrow(() -> SchedulingRuleException.invalid(
                        Violation.of("patientId", "unknown-patient", "is not a patient of this clinic")));
        if (patient.merged()) {
            PatientId survivor = Objects.requireNonNull(patient.mergedInto());
            throw SchedulingRuleException.refused(Violation.of(
                    "patientId",
                    "merged-patient",
                    "this record was merged into " + survivor + "; book for that record",
                    survivor.toString()));
        }
        return patient;
    }

    private StaffDirectory.Member activePractitioner(UUID id) {
        StaffDirectory.Member practitioner;
        try {
            practitioner = setup.practitioner(id);
        } catch (SchedulingNotFoundException unknown) {
            throw SchedulingRuleException.invalid(
                    Violation.of("practitionerId", "unknown-practitioner", "is not a practitioner of this clinic"));
        }
        if (!practitioner.active()) {
            throw SchedulingRuleException.refused(
                    Violation.of("practitionerId", "practitioner-disabled", "this practitioner's account is disabled"));
        }
        return practitioner;
    }

    private ServiceStore.ServiceRow service(UUID id) {
        ServiceStore.ServiceRow service = services.find(context.tenantValue(), id)
                .orElseThrow(() -> SchedulingRuleException.invalid(
                        Violation.of("serviceId", "unknown-service", "is not a service of this clinic")));
        if (!service.active()) {
            throw SchedulingRuleException.refused(
                    Violation.of("serviceId", "inactive-service", "is no longer offered"));
        }
        return service;
    }

    private ZoneId defaultZone() {
        return context.staff()
                .flatMap(s -> s.roles().stream().map(r -> r.branchId()).findFirst())
                .map(context::zoneOf)
                .orElse(ZoneId.of("Asia/Tashkent"));
    }

    private static Instant bound(Inputs.When when, ZoneId zone, boolean end) {
        return switch (when) {
            case Inputs.Day day ->
                (end ? day.date().plusDays(1) : day.date()).atStartOfDay(zone).toInstant();
            case Inputs.Local local -> local.dateTime().atZone(zone).toInstant();
            case Inputs.Moment moment -> moment.moment().toInstant();
        };
    }

    private void record(String action, Appointment appointment) {
        audit.record(event(action, appointment));
    }

    private AuditEvent event(String action, Appointment appointment) {
        return AuditEvent.of(
                        context.tenantValue(),
                        context.actor(),
                        action,
                        "appointment",
                        appointment.id().toString(),
                        AuditOutcome.SUCCESS)
                .withDetail("patient", appointment.patient().value().toString())
                .withDetail("practitioner", appointment.practitioner().value().toString())
                .withDetail("status", appointment.status().name());
    }

    private View view(
            Appointment appointment, ZoneId zone, PatientDirectory.Entry patient, String practitioner, String service) {
        return new View(appointment, zone, patient, practitioner, service);
    }

    /** Views of several appointments with one lookup each of patients, staff, services and zones. */
    List<View> views(List<Appointment> appointments) {
        if (appointments.isEmpty()) {
            return List.of();
        }
        Map<PatientId, PatientDirectory.Entry> people = patients.findAll(
                context.tenant(),
                appointments.stream().map(Appointment::patient).toList());
        Map<BranchId, ZoneId> zones = context.zones();
        Map<UUID, String> serviceNames = services.list(context.tenantValue()).stream()
                .collect(Collectors.toMap(ServiceStore.ServiceRow::id, ServiceStore.ServiceRow::name));
        // names only: one query for the organization's staff, not their schedules
        Map<UserId, String> staffNames = staffDirectory.members(context.tenant()).stream()
                .collect(Collectors.toMap(StaffDirectory.Member::id, StaffDirectory.Member::fullName));
        return appointments.stream()
                .map(a -> new View(
                        a,
                        zones.getOrDefault(a.branch(), ZoneId.of("Asia/Tashkent")),
                        people.get(a.patient()),
                        staffNames.get(a.practitioner()),
                        serviceNames.get(a.service())))
                .toList();
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return Objects.requireNonNull(transactions.execute(status -> work.get()));
    }

    /**
     * Runs a booking; when two bookings race past the friendly check, the database's exclusion constraint
     * refuses the second. The check then runs again in a fresh transaction, where it sees the booking that won
     * and answers with its time.
     */
    private View withConflictAnswer(Runnable recheck, java.util.function.Supplier<View> booking) {
        try {
            return booking.get();
        } catch (DataIntegrityViolationException violation) {
            String message = String.valueOf(violation.getMostSpecificCause().getMessage());
            boolean practitionerClash = message.contains("appointments_no_double_booking");
            boolean roomClash = message.contains("appointments_no_double_room");
            if (!practitionerClash && !roomClash) {
                throw violation;
            }
            readOnly.executeWithoutResult(status -> recheck.run());
            Instant now = context.now();
            throw new BookingConflictException(practitionerClash ? "practitioner" : "room", now, now, defaultZone());
        }
    }

    /** The appointment changed since the caller read it ({@code version} did not match): 409. */
    public static final class StaleAppointmentException extends RuntimeException {
        StaleAppointmentException() {
            super("appointment changed");
        }
    }
}
