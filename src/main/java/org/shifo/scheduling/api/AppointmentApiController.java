package org.shifo.scheduling.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.scheduling.AppointmentId;
import org.shifo.scheduling.CheckInTickets;
import org.shifo.scheduling.SchedulingRoles;
import org.shifo.scheduling.booking.AppointmentBook;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Appointments and the visit flow. A conflict is a 409 naming the conflicting time; an illegal status change a
 * 409 listing the allowed ones; an appointment of another organization or branch a 404.
 */
@RestController
@Tag(name = "Appointments")
class AppointmentApiController {

    private final AppointmentBook book;
    private final org.springframework.beans.factory.ObjectProvider<CheckInTickets> tickets;

    AppointmentApiController(
            AppointmentBook book, org.springframework.beans.factory.ObjectProvider<CheckInTickets> tickets) {
        this.book = book;
        this.tickets = tickets;
    }

    @PostMapping("/api/v1/appointments")
    @PreAuthorize(SchedulingRoles.BOOK)
    @Operation(summary = "Book an appointment {patientId, practitionerId, serviceId, start (with offset), room?}")
    ResponseEntity<AppointmentResponse> create(@RequestBody AppointmentBook.BookingInput input) {
        AppointmentResponse booked = AppointmentResponse.from(book.book(input));
        return ResponseEntity.created(URI.create("/api/v1/appointments/" + booked.id()))
                .body(booked);
    }

    @GetMapping("/api/v1/appointments")
    @PreAuthorize(SchedulingRoles.SEE_APPOINTMENTS)
    @Operation(summary = "Appointments starting in [from, to) (dates are whole days in the branch's time zone)")
    List<AppointmentResponse> list(
            @RequestParam(required = false) @Nullable String practitionerId,
            @RequestParam(required = false) @Nullable String branchId,
            @RequestParam(required = false) @Nullable String patientId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable Integer limit) {
        return book
                .list(new AppointmentBook.ListInput(practitionerId, branchId, patientId, status, from, to, limit))
                .stream()
                .map(AppointmentResponse::from)
                .toList();
    }

    @GetMapping("/api/v1/appointments/{id}")
    @PreAuthorize(SchedulingRoles.SEE_APPOINTMENTS)
    @Operation(summary = "One appointment")
    AppointmentResponse get(@PathVariable UUID id) {
        return AppointmentResponse.from(book.get(id));
    }

    @PostMapping("/api/v1/appointments/{id}/reschedule")
    @PreAuthorize(SchedulingRoles.BOOK)
    @Operation(summary = "Move a booked appointment {start, practitionerId?, serviceId?, room?, version?}")
    AppointmentResponse reschedule(@PathVariable UUID id, @RequestBody AppointmentBook.RescheduleInput input) {
        return AppointmentResponse.from(book.reschedule(id, input));
    }

    record CancelRequest(@Nullable String reason) {}

    @PostMapping("/api/v1/appointments/{id}/cancel")
    @PreAuthorize(SchedulingRoles.BOOK)
    @Operation(summary = "Cancel {reason}; the time becomes free")
    AppointmentResponse cancel(@PathVariable UUID id, @RequestBody(required = false) @Nullable CancelRequest request) {
        return AppointmentResponse.from(book.cancel(id, request == null ? null : request.reason()));
    }

    @PostMapping("/api/v1/appointments/{id}/no-show")
    @PreAuthorize(SchedulingRoles.BOOK)
    @Operation(summary = "The patient did not come (once the appointment has begun)")
    AppointmentResponse noShow(@PathVariable UUID id) {
        return AppointmentResponse.from(book.noShow(id));
    }

    /** The answer to a check-in: the ticket the queue issued (top level), and the appointment. */
    record CheckInResponse(
            @Nullable String id,
            @Nullable String queueId,
            @Nullable String number,
            @Nullable Integer position,
            @Nullable Integer estimatedWaitMinutes,
            AppointmentResponse appointment) {}

    @PostMapping("/api/v1/appointments/{id}/check-in")
    @PreAuthorize(SchedulingRoles.BOOK)
    @Operation(
            summary = "The patient arrived (on the appointment's day): answers with the issued queue ticket"
                    + " {id, queueId, number, position, estimatedWaitMinutes} and the appointment")
    CheckInResponse checkIn(@PathVariable UUID id) {
        AppointmentResponse appointment = AppointmentResponse.from(book.checkIn(id));
        CheckInTickets queue = tickets.getIfAvailable();
        CheckInTickets.IssuedTicket ticket = queue == null
                ? null
                : queue.forAppointment(new AppointmentId(id)).orElse(null);
        return ticket == null
                ? new CheckInResponse(null, null, null, null, null, appointment)
                : new CheckInResponse(
                        ticket.id(),
                        ticket.queueId(),
                        ticket.number(),
                        ticket.position(),
                        ticket.estimatedWaitMinutes(),
                        appointment);
    }

    @PostMapping("/api/v1/appointments/{id}/start")
    @PreAuthorize(SchedulingRoles.TREAT)
    @Operation(summary = "The visit begins (CHECKED_IN → IN_PROGRESS)")
    AppointmentResponse start(@PathVariable UUID id) {
        return AppointmentResponse.from(book.startVisit(id));
    }

    @PostMapping("/api/v1/appointments/{id}/complete")
    @PreAuthorize(SchedulingRoles.TREAT)
    @Operation(summary = "The visit ends (IN_PROGRESS → COMPLETED)")
    AppointmentResponse complete(@PathVariable UUID id) {
        return AppointmentResponse.from(book.complete(id));
    }

    @PostMapping("/api/v1/visits")
    @PreAuthorize(SchedulingRoles.BOOK)
    @Operation(
            summary = "A walk-in visit without appointment {patientId, practitionerId, serviceId}: checked in at once")
    ResponseEntity<AppointmentResponse> walkIn(@RequestBody AppointmentBook.WalkInInput input) {
        AppointmentResponse visit = AppointmentResponse.from(book.walkIn(input));
        return ResponseEntity.created(URI.create("/api/v1/appointments/" + visit.id()))
                .body(visit);
    }
}
