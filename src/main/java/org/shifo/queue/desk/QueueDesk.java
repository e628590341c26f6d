package org.shifo.queue.desk;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditActor;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.BranchId;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Staff;
import org.shifo.identity.StaffDirectory;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.shifo.queue.TicketCalled;
import org.shifo.queue.TicketStarted;
import org.shifo.queue.domain.Priority;
import org.shifo.queue.domain.QueueException;
import org.shifo.queue.domain.QueueInfo;
import org.shifo.queue.domain.Ticket;
import org.shifo.queue.domain.TicketAction;
import org.shifo.queue.domain.TicketStatus;
import org.shifo.queue.persistence.QueueStore;
import org.shifo.scheduling.AppointmentId;
import org.shifo.scheduling.CheckInTickets;
import org.shifo.scheduling.PatientCheckedIn;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The queue's operations. Each is one transaction that first locks the queue row, so two doctors pressing
 * "call next" on one queue at the same instant are served one after the other and never get the same ticket;
 * positions and order are read from the tickets, never kept in memory.
 */
@Service
public class QueueDesk implements CheckInTickets {

    /** Service points and their ticket prefixes; practitioners' queues take other letters. */
    public static final Map<String, String> SERVICE_POINTS =
            Map.of("RECEPTION", "R", "CASHIER", "K", "LABORATORY", "L", "PROCEDURES", "P", "IMAGING", "U");

    private static final String PRACTITIONER_LETTERS = "ABCDEFGHIJMNOSTVWXYZ";

    private final QueueStore store;
    private final StaffDirectory staff;
    private final PatientDirectory patients;
    private final QueueSettings settings;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    QueueDesk(
            QueueStore store,
            StaffDirectory staff,
            PatientDirectory patients,
            QueueSettings settings,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.staff = staff;
        this.patients = patients;
        this.settings = settings;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A ticket with what screens show of it. */
    public record TicketView(
            Ticket ticket,
            String number,
            @Nullable Integer position,
            @Nullable Integer estimatedWaitMinutes,
            PatientDirectory.@Nullable Entry patient,
            ZoneId zone) {}

    /** A queue with its tickets: waiting ones in serving order with positions, then the others. */
    public record QueueView(QueueInfo queue, ZoneId zone, List<TicketView> tickets) {}

    // --- check-in ---------------------------------------------------------------------------------------------

    /** Runs inside the check-in transaction: the patient joins the practitioner's queue of the day. */
    @EventListener
    void on(PatientCheckedIn arrival) {
        UUID tenant = arrival.tenant().value();
        if (store.liveTicketOfAppointment(tenant, arrival.appointment().value()).isPresent()) {
            return;
        }
        ZoneId zone = zone(arrival.tenant(), arrival.branch());
        QueueInfo queue = practitionerQueue(
                arrival.tenant(),
                arrival.branch(),
                arrival.practitioner(),
                arrival.checkedInAt().atZone(zone).toLocalDate());
        Priority priority = arrival.walkIn() ? Priority.WALK_IN : Priority.BOOKED;
        issueLocked(
                tenant, queue, arrival.patient().value(), arrival.appointment().value(), priority, null);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<IssuedTicket> forAppointment(AppointmentId appointment) {
        UUID tenant = TenantContext.require().value();
        return store.liveTicketOfAppointment(tenant, appointment.value()).flatMap(ticket -> {
            QueueView view = view(tenant, store.find(tenant, ticket.queueId()).orElseThrow());
            return view.tickets().stream()
                    .filter(t -> t.ticket().id().equals(ticket.id()))
                    .findFirst()
                    .map(t -> new IssuedTicket(
                            ticket.id().toString(),
                            ticket.queueId().toString(),
                            t.number(),
                            t.position() == null ? 0 : t.position(),
                            t.estimatedWaitMinutes() == null ? 0 : t.estimatedWaitMinutes()));
        });
    }

    // --- queues -----------------------------------------------------------------------------------------------

    /** The branch's queues of a day (the caller must work there). */
    @Transactional(readOnly = true)
    public List<QueueInfo> queues(UUID branch, @Nullable LocalDate day) {
        requireBranch(new BranchId(branch));
        LocalDate date = day != null ? day : today(new BranchId(branch));
        return store.ofBranch(tenant(), branch, date);
    }

    /** Opens (or finds) a queue for a practitioner or a service point of a branch for today or a date. */
    @Transactional
    public QueueInfo open(
            UUID branch, @Nullable UUID practitioner, @Nullable String servicePoint, @Nullable LocalDate day) {
        BranchId branchId = new BranchId(branch);
        if (staff.branch(TenantContext.require(), branchId).isEmpty()) {
            throw QueueException.invalid("branchId", "unknown-branch", "is not a branch of this clinic");
        }
        requireBranch(branchId);
        LocalDate date = day != null ? day : today(branchId);
        if ((practitioner == null) == (servicePoint == null || servicePoint.isBlank())) {
            throw QueueException.invalid("practitionerId", "one-owner", "give either practitionerId or servicePoint");
        }
        if (practitioner != null) {
            return practitionerQueue(TenantContext.require(), branchId, new UserId(practitioner), date);
        }
        String point = Objects.requireNonNull(servicePoint).strip().toUpperCase(Locale.ROOT);
        String prefix = SERVICE_POINTS.get(point);
        if (prefix == null) {
            throw QueueException.invalid(
                    "servicePoint",
                    "unknown-service-point",
                    "must be one of "
                            + String.join(
                                    ", ",
                                    SERVICE_POINTS.keySet().stream().sorted().toList()));
        }
        return store.findOrCreate(
                tenant(),
                branch,
                date,
                null,
                point,
                point.charAt(0) + point.substring(1).toLowerCase(Locale.ROOT),
                prefix,
                now());
    }

    /** A queue with its tickets (patient names are shown: the read is audited). */
    @Transactional
    public QueueView read(UUID queueId) {
        QueueInfo queue = visibleQueue(queueId);
        QueueView view = view(tenant(), queue);
        audit.recordRead(
                AuditEvent.of(tenant(), actor(), "queue.read", "queue", queueId.toString(), AuditOutcome.SUCCESS));
        return view;
    }

    // --- tickets ----------------------------------------------------------------------------------------------

    /** Issues a ticket in a queue for a patient (reception, or a walk-in at a service point). */
    @Transactional
    public TicketView issue(UUID queueId, @Nullable UUID patientId, @Nullable String priority) {
        if (patientId == null) {
            throw QueueException.invalid("patientId", "required", "is required");
        }
        Priority chosen = Priority.WALK_IN;
        if (priority != null && !priority.isBlank()) {
            try {
                chosen = Priority.valueOf(priority.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw QueueException.invalid(
                        "priority",
                        "unknown-priority",
                        "must be one of EMERGENCY, DISABLED, ELDERLY, RETURNING, BOOKED, WALK_IN");
            }
        }
        QueueInfo queue = lockVisible(queueId);
        PatientDirectory.Entry patient = patients.find(TenantContext.require(), new PatientId(patientId))
                .orElseThrow(() ->
                        QueueException.invalid("patientId", "unknown-patient", "is not a patient of this clinic"));
        if (patient.merged()) {
            throw QueueException.invalid(
                    "patientId", "merged-patient", "this record was merged into " + patient.mergedInto());
        }
        boolean waiting = store.tickets(tenant(), queueId).stream()
                .anyMatch(t -> t.patientId().equals(patientId) && t.status().isLive());
        if (waiting) {
            throw QueueException.conflict("already-in-queue", "This patient already has a live ticket in this queue.");
        }
        Ticket ticket = issueLocked(tenant(), queue, patientId, null, chosen, null);
        return ticketView(ticket.id());
    }

    /** Calls the first waiting ticket of a queue to the caller's room. */
    @Transactional
    public TicketView callNext(UUID queueId, @Nullable String room) {
        QueueInfo queue = lockVisible(queueId);
        Ticket next = store.firstWaiting(tenant(), queueId)
                .orElseThrow(() -> QueueException.conflict("queue-empty", "Nobody is waiting in this queue."));
        Instant now = now();
        Ticket called = with(
                next,
                TicketStatus.CALLED,
                room(room, next),
                next.callCount() + 1,
                next.joinedAt(),
                now,
                next.startedAt(),
                next.finishedAt(),
                null);
        store.updateTicket(tenant(), called, actorId(), now);
        record(queue, called, TicketAction.CALL);
        return ticketView(called.id());
    }

    /** Recall, start, finish, skip or return a ticket. */
    @Transactional
    public TicketView act(UUID ticketId, TicketAction action, @Nullable String room) {
        if (action == TicketAction.TRANSFER || action == TicketAction.CALL) {
            throw new IllegalArgumentException("use transfer() or callNext()");
        }
        Ticket found = store.findTicket(tenant(), ticketId).orElseThrow(() -> QueueException.notFound("ticket"));
        QueueInfo queue = lockVisible(found.queueId());
        Ticket current = store.findTicket(tenant(), ticketId).orElseThrow();
        if (!action.allowedFrom(current.status())) {
            throw QueueException.illegal(current.status(), action);
        }
        Instant now = now();
        Ticket changed =
                switch (action) {
                    case RECALL ->
                        with(
                                current,
                                TicketStatus.CALLED,
                                room(room, current),
                                current.callCount() + 1,
                                current.joinedAt(),
                                now,
                                null,
                                null,
                                null);
                    case START ->
                        with(
                                current,
                                TicketStatus.IN_SERVICE,
                                room(room, current),
                                current.callCount(),
                                current.joinedAt(),
                                current.calledAt(),
                                now,
                                null,
                                null);
                    case FINISH ->
                        with(
                                current,
                                TicketStatus.DONE,
                                current.room(),
                                current.callCount(),
                                current.joinedAt(),
                                current.calledAt(),
                                current.startedAt(),
                                now,
                                null);
                    case SKIP ->
                        with(
                                current,
                                TicketStatus.SKIPPED,
                                current.room(),
                                current.callCount(),
                                current.joinedAt(),
                                current.calledAt(),
                                null,
                                null,
                                null);
                    // a returning patient joins the end of their priority class
                    case RETURN ->
                        with(current, TicketStatus.WAITING, null, current.callCount(), now, null, null, null, null);
                    case CALL, TRANSFER -> throw new IllegalStateException();
                };
        store.updateTicket(tenant(), changed, action == TicketAction.RECALL ? actorId() : null, now);
        record(queue, changed, action);
        return ticketView(changed.id());
    }

    /**
     * Sends the patient on to another queue of the same branch and day (doctor → laboratory → doctor): this ticket
     * ends as transferred, a new one waits there. Back in a queue where they had a ticket today, the patient is
     * {@code RETURNING} and goes ahead of new arrivals.
     */
    @Transactional
    public TicketView transfer(UUID ticketId, @Nullable UUID targetQueueId) {
        if (targetQueueId == null) {
            throw QueueException.invalid("queueId", "required", "is required");
        }
        Ticket found = store.findTicket(tenant(), ticketId).orElseThrow(() -> QueueException.notFound("ticket"));
        if (found.queueId().equals(targetQueueId)) {
            throw QueueException.invalid("queueId", "same-queue", "is the queue the ticket is in");
        }
        // lock both queues in one order, so two opposite transfers cannot deadlock
        List<UUID> order = new ArrayList<>(List.of(found.queueId(), targetQueueId));
        order.sort(UUID::compareTo);
        QueueInfo first = lockVisibleOr(order.get(0), order.get(0).equals(targetQueueId) ? "queueId" : null);
        QueueInfo second = lockVisibleOr(order.get(1), order.get(1).equals(targetQueueId) ? "queueId" : null);
        QueueInfo source = first.id().equals(found.queueId()) ? first : second;
        QueueInfo target = first.id().equals(targetQueueId) ? first : second;
        if (!source.branchId().equals(target.branchId()) || !source.day().equals(target.day())) {
            throw QueueException.invalid(
                    "queueId", "other-branch-or-day", "must be a queue of the same branch and day");
        }
        Ticket current = store.findTicket(tenant(), ticketId).orElseThrow();
        if (!TicketAction.TRANSFER.allowedFrom(current.status())) {
            throw QueueException.illegal(current.status(), TicketAction.TRANSFER);
        }
        boolean returning = store.tickets(tenant(), target.id()).stream()
                .anyMatch(t -> t.patientId().equals(current.patientId()));
        Ticket moved = issueLocked(
                tenant(),
                target,
                current.patientId(),
                current.appointmentId(),
                returning ? Priority.RETURNING : current.priority(),
                current.id());
        Instant now = now();
        Ticket left = with(
                current,
                TicketStatus.TRANSFERRED,
                current.room(),
                current.callCount(),
                current.joinedAt(),
                current.calledAt(),
                current.startedAt(),
                current.finishedAt() == null ? now : current.finishedAt(),
                moved.id());
        store.updateTicket(tenant(), left, null, now);
        record(source, left, TicketAction.TRANSFER);
        return ticketView(moved.id());
    }

    @Transactional(readOnly = true)
    public TicketView ticket(UUID ticketId) {
        Ticket ticket = store.findTicket(tenant(), ticketId).orElseThrow(() -> QueueException.notFound("ticket"));
        visibleQueue(ticket.queueId());
        return ticketView(ticketId);
    }

    // --- inside -----------------------------------------------------------------------------------------------

    private Ticket issueLocked(
            UUID tenant,
            QueueInfo queue,
            UUID patient,
            @Nullable UUID appointment,
            Priority priority,
            @Nullable UUID from) {
        QueueInfo locked = store.lock(tenant, queue.id()).orElseThrow(() -> QueueException.notFound("queue"));
        // checked before counting: the database refuses a 1,000th number, which would be a 500
        if (locked.lastNumber() >= 999) {
            throw QueueException.conflict("queue-full", "This queue has handed out 999 tickets today.");
        }
        int number = store.nextNumber(tenant, queue.id());
        Instant now = now();
        Ticket ticket = new Ticket(
                UUID.randomUUID(),
                queue.id(),
                number,
                patient,
                appointment,
                priority,
                settings.rank(priority),
                TicketStatus.WAITING,
                null,
                0,
                now,
                null,
                null,
                null,
                null,
                from);
        store.insertTicket(tenant, ticket, now);
        store.appendEvent(tenant, queue.id(), queue.branchId(), ticket.id(), "TICKET_ISSUED", now);
        audit.record(AuditEvent.of(
                        tenant,
                        actor(),
                        "queue.ticket_issued",
                        "ticket",
                        ticket.id().toString(),
                        AuditOutcome.SUCCESS)
                .withDetail("patient", patient.toString())
                .withDetail("queue", queue.id().toString()));
        return ticket;
    }

    private QueueInfo practitionerQueue(TenantId tenant, BranchId branch, UserId practitioner, LocalDate day) {
        StaffDirectory.Member member = staff.member(tenant, practitioner)
                .orElseThrow(() -> QueueException.invalid(
                        "practitionerId", "unknown-practitioner", "is not a practitioner of this clinic"));
        List<QueueInfo> existing = store.ofBranch(tenant.value(), branch.value(), day);
        Optional<QueueInfo> mine = existing.stream()
                .filter(q -> practitioner.value().equals(q.practitionerId()))
                .findFirst();
        if (mine.isPresent()) {
            return mine.get();
        }
        Set<String> taken = new java.util.HashSet<>();
        existing.forEach(q -> taken.add(q.prefix()));
        String prefix = PRACTITIONER_LETTERS
                .chars()
                .mapToObj(c -> String.valueOf((char) c))
                .filter(letter -> !taken.contains(letter))
                .findFirst()
                .orElse("Z");
        return store.findOrCreate(
                tenant.value(), branch.value(), day, practitioner.value(), null, member.fullName(), prefix, now());
    }

    private void record(QueueInfo queue, Ticket ticket, TicketAction action) {
        Instant now = now();
        store.appendEvent(tenant(), queue.id(), queue.branchId(), ticket.id(), action.event(), now);
        audit.record(AuditEvent.of(
                        tenant(),
                        actor(),
                        "queue.ticket_" + action.name().toLowerCase(Locale.ROOT),
                        "ticket",
                        ticket.id().toString(),
                        AuditOutcome.SUCCESS)
                .withDetail("patient", ticket.patientId().toString())
                .withDetail("queue", queue.id().toString()));
        if (action == TicketAction.START) {
            events.publishEvent(new TicketStarted(
                    TenantContext.require(),
                    new BranchId(queue.branchId()),
                    queue.id(),
                    ticket.id(),
                    new PatientId(ticket.patientId()),
                    queue.practitionerId() == null ? null : new UserId(queue.practitionerId()),
                    ticket.appointmentId(),
                    CurrentUser.find().map(Staff::userId).orElse(null),
                    now));
        }
        if (action == TicketAction.CALL || action == TicketAction.RECALL) {
            events.publishEvent(new TicketCalled(
                    TenantContext.require(),
                    new BranchId(queue.branchId()),
                    queue.id(),
                    ticket.id(),
                    queue.display(ticket.number()),
                    new PatientId(ticket.patientId()),
                    ticket.room(),
                    ticket.callCount(),
                    now));
        }
    }

    private QueueView view(UUID tenant, QueueInfo queue) {
        List<Ticket> tickets = store.tickets(tenant, queue.id());
        Map<PatientId, PatientDirectory.Entry> people = patients.findAll(
                TenantContext.require(),
                tickets.stream().map(t -> new PatientId(t.patientId())).toList());
        double minutes = serviceMinutes(tenant, queue);
        boolean busy = tickets.stream()
                .anyMatch(t -> t.status() == TicketStatus.CALLED || t.status() == TicketStatus.IN_SERVICE);
        ZoneId zone = zone(TenantContext.require(), new BranchId(queue.branchId()));
        List<TicketView> views = new ArrayList<>();
        int position = 0;
        for (Ticket t : tickets) {
            Integer place = null;
            Integer wait = null;
            if (t.status() == TicketStatus.WAITING) {
                position++;
                place = position;
                wait = (int) Math.round((position - 1 + (busy ? 1 : 0)) * minutes);
            }
            views.add(new TicketView(
                    t, queue.display(t.number()), place, wait, people.get(new PatientId(t.patientId())), zone));
        }
        return new QueueView(queue, zone, views);
    }

    /** The mean length of the practitioner's recent consultations, or the default. */
    private double serviceMinutes(UUID tenant, QueueInfo queue) {
        if (queue.practitionerId() == null) {
            return settings.getDefaultServiceMinutes();
        }
        List<Double> recent = store.recentServiceMinutes(tenant, queue.practitionerId(), settings.getEstimateSample());
        return recent.isEmpty()
                ? settings.getDefaultServiceMinutes()
                : Math.max(
                        1,
                        recent.stream()
                                .mapToDouble(Double::doubleValue)
                                .average()
                                .orElse(settings.getDefaultServiceMinutes()));
    }

    private TicketView ticketView(UUID ticketId) {
        Ticket ticket = store.findTicket(tenant(), ticketId).orElseThrow();
        QueueInfo queue = store.find(tenant(), ticket.queueId()).orElseThrow();
        return view(tenant(), queue).tickets().stream()
                .filter(t -> t.ticket().id().equals(ticketId))
                .findFirst()
                .orElseThrow();
    }

    private static @Nullable String room(@Nullable String requested, Ticket ticket) {
        if (requested == null || requested.isBlank()) {
            return ticket.room();
        }
        String room = requested.strip();
        if (room.length() > 50 || room.chars().anyMatch(Character::isISOControl)) {
            throw QueueException.invalid(
                    "room", "malformed-room", "must be 1 to 50 characters without control characters");
        }
        return room;
    }

    private static Ticket with(
            Ticket t,
            TicketStatus status,
            @Nullable String room,
            int calls,
            Instant joined,
            @Nullable Instant called,
            @Nullable Instant started,
            @Nullable Instant finished,
            @Nullable UUID to) {
        return new Ticket(
                t.id(),
                t.queueId(),
                t.number(),
                t.patientId(),
                t.appointmentId(),
                t.priority(),
                t.priorityRank(),
                status,
                room,
                calls,
                joined,
                called,
                started,
                finished,
                to,
                t.transferredFrom());
    }

    private QueueInfo visibleQueue(UUID queueId) {
        QueueInfo queue = store.find(tenant(), queueId).orElseThrow(() -> QueueException.notFound("queue"));
        if (!CurrentUser.worksIn(new BranchId(queue.branchId()))) {
            throw QueueException.notFound("queue");
        }
        return queue;
    }

    private QueueInfo lockVisible(UUID queueId) {
        return lockVisibleOr(queueId, null);
    }

    /** Locks a queue the caller may see; a missing one is a 404, or a 400 on {@code field} when it was named in a body. */
    private QueueInfo lockVisibleOr(UUID queueId, @Nullable String field) {
        Optional<QueueInfo> queue =
                store.lock(tenant(), queueId).filter(q -> CurrentUser.worksIn(new BranchId(q.branchId())));
        if (queue.isEmpty()) {
            throw field == null
                    ? QueueException.notFound("queue")
                    : QueueException.invalid(field, "unknown-queue", "is not a queue you can reach");
        }
        return queue.get();
    }

    private void requireBranch(BranchId branch) {
        if (!CurrentUser.worksIn(branch)
                || staff.branch(TenantContext.require(), branch).isEmpty()) {
            throw QueueException.notFound("branch");
        }
    }

    private LocalDate today(BranchId branch) {
        return now().atZone(zone(TenantContext.require(), branch)).toLocalDate();
    }

    private ZoneId zone(TenantId tenant, BranchId branch) {
        return staff.branch(tenant, branch).map(StaffDirectory.Branch::timeZone).orElse(ZoneId.of("Asia/Tashkent"));
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    private Instant now() {
        return clock.instant();
    }

    private static @Nullable UUID actorId() {
        return CurrentUser.find().map(s -> s.userId().value()).orElse(null);
    }

    private static AuditActor actor() {
        return CurrentUser.auditActor("queue");
    }
}
