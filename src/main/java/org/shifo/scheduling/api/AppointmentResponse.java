package org.shifo.scheduling.api;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.shifo.scheduling.booking.AppointmentBook;
import org.shifo.scheduling.domain.Appointment;
import org.shifo.scheduling.domain.AppointmentStatus;

/** An appointment as the API shows it; times carry the branch's UTC offset. */
record AppointmentResponse(
        String id,
        String status,
        String patientId,
        @Nullable PatientPart patient,
        String practitionerId,
        @Nullable String practitionerName,
        String serviceId,
        @Nullable String serviceName,
        String branchId,
        String timeZone,
        @Nullable String room,
        String start,
        String end,
        boolean walkIn,
        boolean backEntry,
        @Nullable String cancelReason,
        @Nullable String checkedInAt,
        @Nullable String startedAt,
        @Nullable String finishedAt,
        List<String> allowedStatuses,
        int version) {

    record PatientPart(String id, String medicalRecordNumber, String displayName) {}

    static AppointmentResponse from(AppointmentBook.View view) {
        Appointment a = view.appointment();
        ZoneId zone = view.zone();
        var patient = view.patient();
        return new AppointmentResponse(
                a.id().toString(),
                a.status().name(),
                a.patient().value().toString(),
                patient == null
                        ? null
                        : new PatientPart(
                                patient.id().value().toString(), patient.medicalRecordNumber(), patient.displayName()),
                a.practitioner().value().toString(),
                view.practitionerName(),
                a.service().toString(),
                view.serviceName(),
                a.branch().value().toString(),
                zone.getId(),
                a.room(),
                time(a.start(), zone),
                time(a.end(), zone),
                a.walkIn(),
                a.backEntry(),
                a.cancelReason(),
                a.checkedInAt() == null ? null : time(a.checkedInAt(), zone),
                a.startedAt() == null ? null : time(a.startedAt(), zone),
                a.finishedAt() == null ? null : time(a.finishedAt(), zone),
                a.status().next().stream().map(AppointmentStatus::name).sorted().toList(),
                a.version());
    }

    static String time(Instant instant, ZoneId zone) {
        return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }
}
