package org.shifo.queue.live;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchId;
import org.shifo.identity.StaffDirectory;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.shifo.queue.domain.QueueInfo;
import org.shifo.queue.domain.Ticket;
import org.shifo.queue.domain.TicketStatus;
import org.shifo.queue.persistence.QueueStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What live clients receive, read from the database in the queue's tenant scope: snapshots and events. Tickets
 * carry their number, status, room, position and at most the patient's initials; never names or diagnoses,
 * because the same messages reach the lobby board.
 */
@Component
class QueueFeed {

    private final QueueStore store;
    private final PatientDirectory patients;
    private final StaffDirectory staff;
    private final TransactionTemplate reads;
    private final Clock clock;

    QueueFeed(
            QueueStore store,
            PatientDirectory patients,
            StaffDirectory staff,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.store = store;
        this.patients = patients;
        this.staff = staff;
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
        this.clock = clock;
    }

    Optional<QueueInfo> queue(TenantId tenant, UUID queueId) {
        return inScope(tenant, () -> store.find(tenant.value(), queueId));
    }

    /** Today's queues of a branch (in the branch's time zone). */
    List<QueueInfo> queuesOfBranch(TenantId tenant, UUID branch) {
        return inScope(tenant, () -> {
            ZoneId zone = staff.branch(tenant, new BranchId(branch))
                    .map(StaffDirectory.Branch::timeZone)
                    .orElse(ZoneId.of("Asia/Tashkent"));
            LocalDate today = clock.instant().atZone(zone).toLocalDate();
            return store.ofBranch(tenant.value(), branch, today);
        });
    }

    /** The whole state of a queue, with its current sequence number. */
    Map<String, Object> snapshot(TenantId tenant, UUID queueId) {
        return inScope(tenant, () -> {
            QueueInfo queue = store.find(tenant.value(), queueId).orElseThrow();
            List<Ticket> tickets = store.tickets(tenant.value(), queueId);
            Map<PatientId, PatientDirectory.Entry> people = patients.findAll(
                    tenant,
                    tickets.stream().map(t -> new PatientId(t.patientId())).toList());
            List<Map<String, Object>> items = new ArrayList<>();
            int position = 0;
            for (Ticket t : tickets) {
                if (!t.status().isLive() && t.status() != TicketStatus.SKIPPED) {
                    continue;
                }
                Map<String, Object> item = ticket(queue, t);
                if (t.status() == TicketStatus.WAITING) {
                    item.put("position", ++position);
                }
                PatientDirectory.Entry person = people.get(new PatientId(t.patientId()));
                if (person != null) {
                    item.put("initials", person.initials());
                }
                items.add(item);
            }
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("type", "snapshot");
            message.put("queueId", queue.id().toString());
            message.put("branchId", queue.branchId().toString());
            message.put("name", queue.name());
            message.put("seq", queue.lastSeq());
            message.put("tickets", items);
            return message;
        });
    }

    /** One change as sent to clients. */
    record Change(long seq, Map<String, Object> message) {}

    /** The changes of a queue in {@code (afterSeq, uptoSeq]}, in order. */
    List<Change> changes(TenantId tenant, UUID queueId, long afterSeq, long uptoSeq) {
        if (uptoSeq <= afterSeq) {
            return List.of();
        }
        return inScope(tenant, () -> {
            QueueInfo queue = store.find(tenant.value(), queueId).orElseThrow();
            List<Change> changes = new ArrayList<>();
            Map<UUID, Ticket> tickets = new LinkedHashMap<>();
            for (QueueStore.EventRow row :
                    store.eventsAfter(tenant.value(), queueId, afterSeq, (int) Math.min(1000, uptoSeq - afterSeq))) {
                Ticket ticket = tickets.computeIfAbsent(row.ticketId(), id -> store.findTicket(tenant.value(), id)
                        .orElse(null));
                if (ticket == null) {
                    continue;
                }
                Map<String, Object> item = ticket(queue, ticket);
                item.put("status", statusAfter(row.event(), ticket.status()));
                Map<String, Object> message = new LinkedHashMap<>();
                message.put("type", "event");
                message.put("queueId", queueId.toString());
                message.put("seq", row.seq());
                message.put("event", row.event());
                message.put("ticket", item);
                changes.add(new Change(row.seq(), message));
            }
            return changes;
        });
    }

    private static Map<String, Object> ticket(QueueInfo queue, Ticket t) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", t.id().toString());
        item.put("number", queue.display(t.number()));
        item.put("status", t.status().name());
        item.put("room", t.room());
        item.put("priority", t.priority().name());
        return item;
    }

    /** The status a ticket had right after an event (the ticket row holds only its latest). */
    private static String statusAfter(String event, TicketStatus current) {
        return switch (event) {
            case "TICKET_ISSUED", "TICKET_RETURNED" -> TicketStatus.WAITING.name();
            case "TICKET_CALLED", "TICKET_RECALLED" -> TicketStatus.CALLED.name();
            case "TICKET_STARTED" -> TicketStatus.IN_SERVICE.name();
            case "TICKET_FINISHED" -> TicketStatus.DONE.name();
            case "TICKET_SKIPPED" -> TicketStatus.SKIPPED.name();
            case "TICKET_TRANSFERRED" -> TicketStatus.TRANSFERRED.name();
            default -> current.name();
        };
    }

    private <T> T inScope(TenantId tenant, java.util.function.Supplier<@Nullable T> work) {
        return java.util.Objects.requireNonNull(
                TenantContext.callAs(tenant, () -> reads.execute(status -> work.get())));
    }
}
