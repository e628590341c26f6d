package org.shifo.queue.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.queue.QueueRoles;
import org.shifo.queue.desk.QueueDesk;
import org.shifo.queue.domain.QueueException;
import org.shifo.queue.domain.TicketAction;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Queues of a branch and day, tickets, calls and the other ticket actions. */
@RestController
@Tag(name = "Queue")
class QueueApiController {

    private final QueueDesk desk;

    QueueApiController(QueueDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/api/v1/queues")
    @PreAuthorize(QueueRoles.STAFF)
    @Operation(summary = "The queues of a branch on a date (today in the branch's zone by default)")
    List<QueueResponses.QueueSummary> queues(
            @RequestParam(required = false) @Nullable String branchId,
            @RequestParam(required = false) @Nullable String date) {
        return desk.queues(id("branchId", branchId), date(date)).stream()
                .map(QueueResponses::summary)
                .toList();
    }

    record OpenRequest(
            @Nullable String branchId,
            @Nullable String practitionerId,
            @Nullable String servicePoint,
            @Nullable String date) {}

    @PostMapping("/api/v1/queues")
    @PreAuthorize(QueueRoles.STAFF)
    @Operation(summary = "Open (or find) the queue of a practitioner or a service point for a day")
    ResponseEntity<QueueResponses.QueueSummary> open(@RequestBody OpenRequest request) {
        var queue = desk.open(
                id("branchId", request.branchId()),
                request.practitionerId() == null ? null : id("practitionerId", request.practitionerId()),
                request.servicePoint(),
                date(request.date()));
        return ResponseEntity.status(HttpStatus.CREATED).body(QueueResponses.summary(queue));
    }

    @GetMapping("/api/v1/queues/{id}")
    @PreAuthorize(QueueRoles.STAFF)
    @Operation(summary = "A queue with its tickets: waiting ones in serving order with positions and estimated waits")
    QueueResponses.QueueResponse queue(@PathVariable UUID id) {
        return QueueResponses.queue(desk.read(id));
    }

    record IssueRequest(@Nullable String patientId, @Nullable String priority) {}

    @PostMapping("/api/v1/queues/{id}/tickets")
    @PreAuthorize(QueueRoles.STAFF)
    @Operation(summary = "Issue a ticket {patientId, priority}")
    ResponseEntity<QueueResponses.TicketResponse> issue(@PathVariable UUID id, @RequestBody IssueRequest request) {
        QueueDesk.TicketView ticket = desk.issue(
                id, request.patientId() == null ? null : id("patientId", request.patientId()), request.priority());
        return ResponseEntity.status(HttpStatus.CREATED).body(QueueResponses.ticket(ticket));
    }

    record RoomRequest(@Nullable String room) {}

    @PostMapping("/api/v1/queues/{id}/call-next")
    @PreAuthorize(QueueRoles.STAFF)
    @Operation(summary = "Call the first waiting ticket {room?}; 409 when nobody waits")
    QueueResponses.TicketResponse callNext(
            @PathVariable UUID id, @RequestBody(required = false) @Nullable RoomRequest request) {
        return QueueResponses.ticket(desk.callNext(id, request == null ? null : request.room()));
    }

    record ActionRequest(@Nullable String room, @Nullable String queueId) {}

    @PostMapping("/api/v1/tickets/{id}/{action:recall|start|finish|skip|return|transfer}")
    @PreAuthorize(QueueRoles.STAFF)
    @Operation(summary = "recall | start | finish | skip | return, or transfer {queueId}")
    QueueResponses.TicketResponse act(
            @PathVariable UUID id,
            @PathVariable String action,
            @RequestBody(required = false) @Nullable ActionRequest request) {
        if (action.equals("transfer")) {
            UUID target = request == null || request.queueId() == null ? null : id("queueId", request.queueId());
            return QueueResponses.ticket(desk.transfer(id, target));
        }
        TicketAction kind = TicketAction.valueOf(action.toUpperCase(java.util.Locale.ROOT));
        return QueueResponses.ticket(desk.act(id, kind, request == null ? null : request.room()));
    }

    @GetMapping("/api/v1/tickets/{id}")
    @PreAuthorize(QueueRoles.STAFF)
    @Operation(summary = "One ticket")
    QueueResponses.TicketResponse ticket(@PathVariable UUID id) {
        return QueueResponses.ticket(desk.ticket(id));
    }

    private static UUID id(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw QueueException.invalid(field, "required", "is required");
        }
        try {
            if (value.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(value);
        } catch (IllegalArgumentException malformed) {
            throw QueueException.invalid(field, "malformed-id", "must be an id (a UUID)");
        }
    }

    private static @Nullable LocalDate date(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException malformed) {
            throw QueueException.invalid("date", "malformed-date", "must be a date such as 2026-12-01");
        }
    }
}
