package org.shifo.queue.api;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.shifo.queue.desk.QueueDesk;
import org.shifo.queue.domain.QueueInfo;
import org.shifo.queue.domain.Ticket;
import org.shifo.queue.domain.TicketAction;

/** Queues and tickets as the API shows them. */
final class QueueResponses {

    private QueueResponses() {}

    record PatientPart(String id, String medicalRecordNumber, String displayName, String initials) {}

    record TicketResponse(
            String id,
            String queueId,
            String number,
            String status,
            @Nullable Integer position,
            @Nullable Integer estimatedWaitMinutes,
            String priority,
            @Nullable String room,
            int callCount,
            String patientId,
            @Nullable PatientPart patient,
            @Nullable String appointmentId,
            String joinedAt,
            @Nullable String calledAt,
            @Nullable String startedAt,
            @Nullable String finishedAt,
            @Nullable String transferredTo,
            @Nullable String transferredFrom,
            List<String> allowedActions) {}

    record QueueSummary(
            String id,
            String branchId,
            String date,
            String name,
            String prefix,
            @Nullable String practitionerId,
            @Nullable String servicePoint,
            long seq,
            int issued) {}

    record QueueResponse(
            String id,
            String branchId,
            String date,
            String name,
            String prefix,
            @Nullable String practitionerId,
            @Nullable String servicePoint,
            long seq,
            int waiting,
            List<TicketResponse> tickets) {}

    static QueueSummary summary(QueueInfo q) {
        return new QueueSummary(
                q.id().toString(),
                q.branchId().toString(),
                q.day().toString(),
                q.name(),
                q.prefix(),
                q.practitionerId() == null ? null : q.practitionerId().toString(),
                q.servicePoint(),
                q.lastSeq(),
                q.lastNumber());
    }

    static QueueResponse queue(QueueDesk.QueueView view) {
        QueueInfo q = view.queue();
        List<TicketResponse> tickets =
                view.tickets().stream().map(QueueResponses::ticket).toList();
        return new QueueResponse(
                q.id().toString(),
                q.branchId().toString(),
                q.day().toString(),
                q.name(),
                q.prefix(),
                q.practitionerId() == null ? null : q.practitionerId().toString(),
                q.servicePoint(),
                q.lastSeq(),
                (int) tickets.stream().filter(t -> t.position() != null).count(),
                tickets);
    }

    static TicketResponse ticket(QueueDesk.TicketView view) {
        Ticket t = view.ticket();
        ZoneId zone = view.zone();
        var patient = view.patient();
        return new TicketResponse(
                t.id().toString(),
                t.queueId().toString(),
                view.number(),
                t.status().name(),
                view.position(),
                view.estimatedWaitMinutes(),
                t.priority().name(),
                t.room(),
                t.callCount(),
                t.patientId().toString(),
                patient == null
                        ? null
                        : new PatientPart(
                                patient.id().value().toString(),
                                patient.medicalRecordNumber(),
                                patient.displayName(),
                                patient.initials()),
                t.appointmentId() == null ? null : t.appointmentId().toString(),
                time(t.joinedAt(), zone),
                t.calledAt() == null ? null : time(t.calledAt(), zone),
                t.startedAt() == null ? null : time(t.startedAt(), zone),
                t.finishedAt() == null ? null : time(t.finishedAt(), zone),
                t.transferredTo() == null ? null : t.transferredTo().toString(),
                t.transferredFrom() == null ? null : t.transferredFrom().toString(),
                TicketAction.from(t.status()).stream()
                        .map(a -> a.name().toLowerCase(java.util.Locale.ROOT))
                        .sorted()
                        .toList());
    }

    static String time(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }
}
