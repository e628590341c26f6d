package org.shifo.notifications.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.InvoicePaid;
import org.shifo.clinical.LabResultLookup;
import org.shifo.clinical.LabResultRecorded;
import org.shifo.clinical.LabResultsReleased;
import org.shifo.identity.BranchId;
import org.shifo.identity.BranchTimeZones;
import org.shifo.identity.StaffDirectory;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.notifications.delivery.NotificationRows.NewRow;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.shifo.queue.TicketCalled;
import org.shifo.queue.TicketLookup;
import org.shifo.scheduling.AppointmentBooked;
import org.shifo.scheduling.AppointmentCancelled;
import org.shifo.scheduling.AppointmentEvent;
import org.shifo.scheduling.AppointmentRescheduled;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns other modules' events into notification rows, in the transaction that published the event: plain
 * synchronous {@code @EventListener}s (not {@code @ApplicationModuleListener}), so a row exists exactly when its
 * cause committed and nothing runs after the commit. One row per recipient address: each active Telegram chat of
 * the patient (in the link's language) and each push device of the patient (in the patient's language); the
 * unique (event key, recipient, channel, address) makes a redelivered event create nothing. Patients without a
 * channel cost one query.
 */
@Component
class EventNotifications {

    /** How long a queue call is worth sending. */
    static final Duration QUEUE_CALL_USEFUL = Duration.ofMinutes(30);

    private static final Set<NotificationTemplate> APPOINTMENT_NOTICES = Set.of(
            NotificationTemplate.APPOINTMENT_BOOKED,
            NotificationTemplate.APPOINTMENT_REMINDER,
            NotificationTemplate.APPOINTMENT_RESCHEDULED);

    private final NotificationRows rows;
    private final PatientDirectory patients;
    private final StaffDirectory staff;
    private final TicketLookup tickets;
    private final LabResultLookup labResults;
    private final org.shifo.billing.PaymentLinkLookup paymentLinks;
    private final Clock clock;

    EventNotifications(
            NotificationRows rows,
            PatientDirectory patients,
            StaffDirectory staff,
            TicketLookup tickets,
            LabResultLookup labResults,
            org.shifo.billing.PaymentLinkLookup paymentLinks,
            Clock clock) {
        this.paymentLinks = paymentLinks;
        this.rows = rows;
        this.patients = patients;
        this.staff = staff;
        this.tickets = tickets;
        this.labResults = labResults;
        this.clock = clock;
    }

    @EventListener
    void on(AppointmentBooked event) {
        notice(event, ":booked", NotificationTemplate.APPOINTMENT_BOOKED, true, clock.instant());
    }

    @EventListener
    void on(AppointmentRescheduled event) {
        Instant now = clock.instant();
        rows.cancelPendingOfAppointment(
                event.tenant(), event.appointment().value(), APPOINTMENT_NOTICES, "RESCHEDULED", now);
        notice(
                event,
                ":rescheduled:" + event.start().getEpochSecond(),
                NotificationTemplate.APPOINTMENT_RESCHEDULED,
                true,
                now);
    }

    @EventListener
    void on(AppointmentCancelled event) {
        Instant now = clock.instant();
        rows.cancelPendingOfAppointment(
                event.tenant(), event.appointment().value(), APPOINTMENT_NOTICES, "APPOINTMENT_CANCELLED", now);
        if (!event.start().isAfter(now)) {
            return; // a visit already begun or past: nothing worth telling
        }
        notice(event, ":cancelled", NotificationTemplate.APPOINTMENT_CANCELLED, false, now);
    }

    /**
     * One appointment notice to each of the patient's channels, keyed {@code appointment:ID} + {@code suffix},
     * worth sending until the visit starts; with {@code withReminders}, also the reminders before the start.
     */
    private void notice(
            AppointmentEvent visit, String suffix, NotificationTemplate template, boolean withReminders, Instant now) {
        Recipients recipients = recipients(visit.tenant(), visit.patient());
        if (recipients.isEmpty()) {
            return;
        }
        UUID appointment = visit.appointment().value();
        Map<String, String> payload = appointmentPayload(
                visit.tenant(),
                appointment,
                visit.patient(),
                visit.branch(),
                visit.practitioner(),
                visit.start(),
                recipients.patientName());
        String key = "appointment:" + appointment;
        create(recipients, key + suffix, template, payload, false, now, visit.start());
        if (withReminders) {
            reminders(recipients, visit.tenant(), key, visit.start(), payload, now);
        }
    }

    /** "Please come to room N": urgent (sent in quiet hours), worth sending for 30 minutes. */
    @EventListener
    void on(TicketCalled event) {
        staffQueueCall(event);
        nextInLine(event);
        Recipients recipients = recipients(event.tenant(), event.patient());
        if (recipients.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<String, String> payload = new HashMap<>();
        payload.put("ticketId", event.ticketId().toString());
        payload.put("queueId", event.queueId().toString());
        payload.put("patientId", event.patient().value().toString());
        payload.put("patient", recipients.patientName());
        payload.put("ticket", event.number());
        payload.put("room", event.room() == null ? "—" : event.room());
        payload.put("zone", zone(event.tenant(), event.branch()).getId());
        create(
                recipients,
                "ticket:" + event.ticketId() + ":called:" + event.callCount(),
                NotificationTemplate.QUEUE_CALLED,
                payload,
                true,
                now,
                event.at().plus(QUEUE_CALL_USEFUL));
    }

    /**
     * "Your turn is next" to whoever is now first in line of the called ticket's queue: once per ticket (a recall
     * of the same ticket, or a later call while they are still first, tells them nothing new); urgent like a call.
     */
    private void nextInLine(TicketCalled event) {
        tickets.nextWaiting(event.tenant(), event.queueId()).ifPresent(next -> {
            Recipients recipients = recipients(event.tenant(), next.patient());
            if (recipients.isEmpty()) {
                return;
            }
            Map<String, String> payload = new HashMap<>();
            payload.put("ticketId", next.ticketId().toString());
            payload.put("queueId", event.queueId().toString());
            payload.put("patientId", next.patient().value().toString());
            payload.put("patient", recipients.patientName());
            payload.put("ticket", next.number());
            payload.put("zone", zone(event.tenant(), event.branch()).getId());
            create(
                    recipients,
                    "ticket:" + next.ticketId() + ":next",
                    NotificationTemplate.QUEUE_NEXT,
                    payload,
                    true,
                    clock.instant(),
                    event.at().plus(QUEUE_CALL_USEFUL));
        });
    }

    /** Results a doctor released: "your results are ready", no test and no value. */
    @EventListener
    void on(LabResultsReleased event) {
        Recipients recipients = recipients(event.tenant(), event.patient());
        if (recipients.isEmpty()) {
            return;
        }
        Map<String, String> payload = new HashMap<>();
        payload.put("patientId", event.patient().value().toString());
        payload.put("patient", recipients.patientName());
        payload.put("branch", staff.organizationName(event.tenant()).orElse(""));
        payload.put(
                "resultIds",
                String.join(
                        ",",
                        event.resultIds().stream().map(UUID::toString).sorted().toList()));
        String first = event.resultIds().stream()
                .map(UUID::toString)
                .sorted()
                .findFirst()
                .orElseThrow();
        create(
                recipients,
                "lab-release:" + first + ":" + event.releasedAt().toEpochMilli(),
                NotificationTemplate.LAB_RESULTS_READY,
                payload,
                false,
                clock.instant(),
                null);
    }

    /**
     * A critical value: a push to the devices of the practitioner answerable for the result
     * ({@link LabResultLookup#responsiblePractitioner}), urgent, without the patient's name or the value: the
     * doctor opens the chart from the ids. Nobody answerable, no push.
     */
    @EventListener
    void on(LabResultRecorded event) {
        if (!event.critical()) {
            return;
        }
        Optional<UserId> practitioner = labResults.responsiblePractitioner(event.tenant(), event.resultId());
        if (practitioner.isEmpty()) {
            return;
        }
        staffPush(
                event.tenant(),
                practitioner.get(),
                "lab-critical:" + event.resultId(),
                NotificationTemplate.STAFF_LAB_CRITICAL,
                Map.of(
                        "resultId",
                        event.resultId().toString(),
                        "patientId",
                        event.patient().value().toString()),
                null);
    }

    /**
     * An issued invoice: the patient gets the link to pay it online (PayMe's, else Click's); nothing when the
     * organization has set up neither. Not urgent (quiet hours hold it); the link is in the patient's language.
     */
    @EventListener
    void on(org.shifo.billing.InvoiceIssued event) {
        Recipients recipients = recipients(event.tenant(), event.patient());
        if (recipients.isEmpty()) {
            return;
        }
        Optional<String> link = paymentLinks.link(event.paymentReference(), event.total(), recipients.language());
        if (link.isEmpty()) {
            return;
        }
        Map<String, String> payload = new HashMap<>();
        payload.put("invoiceId", event.invoiceId().toString());
        payload.put("patientId", event.patient().value().toString());
        payload.put("patient", recipients.patientName());
        payload.put("amountTiyin", Long.toString(event.total()));
        payload.put("link", link.get());
        create(
                recipients,
                "invoice:" + event.invoiceId() + ":payment-link",
                NotificationTemplate.INVOICE_PAYMENT_LINK,
                payload,
                false,
                clock.instant(),
                null);
    }

    @EventListener
    void on(InvoicePaid event) {
        Recipients recipients = recipients(event.tenant(), event.patient());
        if (recipients.isEmpty()) {
            return;
        }
        Map<String, String> payload = new HashMap<>();
        payload.put("invoiceId", event.invoiceId().toString());
        payload.put("patientId", event.patient().value().toString());
        payload.put("patient", recipients.patientName());
        payload.put("amountTiyin", Long.toString(event.total()));
        create(
                recipients,
                "invoice:" + event.invoiceId() + ":paid",
                NotificationTemplate.INVOICE_PAID,
                payload,
                false,
                clock.instant(),
                null);
    }

    /**
     * The practitioner whose queue holds a called ticket gets a push on their devices (the staff app), unless they
     * called it themselves.
     */
    private void staffQueueCall(TicketCalled event) {
        Optional<TicketLookup.Summary> ticket = tickets.find(event.tenant(), event.ticketId());
        UserId practitioner = ticket.map(TicketLookup.Summary::practitioner).orElse(null);
        if (practitioner == null || practitioner.equals(ticket.get().calledBy())) {
            return;
        }
        staffPush(
                event.tenant(),
                practitioner,
                "ticket:" + event.ticketId() + ":called:" + event.callCount(),
                NotificationTemplate.STAFF_QUEUE_CALLED,
                Map.of(
                        "ticketId", event.ticketId().toString(),
                        "queueId", event.queueId().toString(),
                        "ticket", event.number(),
                        "room", event.room() == null ? "—" : event.room()),
                event.at().plus(QUEUE_CALL_USEFUL));
    }

    private void staffPush(
            TenantId tenant,
            UserId member,
            String eventKey,
            NotificationTemplate template,
            Map<String, String> payload,
            @Nullable Instant expires) {
        Map<UUID, UUID> devices = rows.staffDevices(tenant, List.of(member.value()));
        if (devices.isEmpty()) {
            return;
        }
        // in the member's own interface language; a disabled account gets nothing
        Optional<String> language = staff.language(tenant, member);
        if (language.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        devices.forEach((device, user) -> rows.insert(
                new NewRow(
                        tenant,
                        eventKey,
                        "STAFF",
                        user,
                        "PUSH",
                        device.toString(),
                        template,
                        language.get(),
                        payload,
                        true,
                        now,
                        expires),
                now));
    }

    // ----

    /** The rows of the organization's reminder offsets that are still in the future. */
    private void reminders(
            Recipients recipients,
            TenantId tenant,
            String appointmentKey,
            Instant start,
            Map<String, String> payload,
            Instant now) {
        for (int minutes : rows.preferences(tenant).reminderOffsets()) {
            Instant due = start.minus(Duration.ofMinutes(minutes));
            if (due.isAfter(now)) {
                create(
                        recipients,
                        appointmentKey + ":reminder:" + minutes + ":" + start.getEpochSecond(),
                        NotificationTemplate.APPOINTMENT_REMINDER,
                        payload,
                        false,
                        due,
                        start);
            }
        }
    }

    private void create(
            Recipients recipients,
            String eventKey,
            NotificationTemplate template,
            Map<String, String> payload,
            boolean urgent,
            Instant due,
            @Nullable Instant expires) {
        Instant now = clock.instant();
        recipients
                .chats()
                .forEach((chat, language) -> rows.insert(
                        new NewRow(
                                recipients.tenant(),
                                eventKey,
                                "PATIENT",
                                recipients.patient(),
                                "TELEGRAM",
                                Long.toString(chat),
                                template,
                                language,
                                payload,
                                urgent,
                                due,
                                expires),
                        now));
        recipients
                .devices()
                .forEach(device -> rows.insert(
                        new NewRow(
                                recipients.tenant(),
                                eventKey,
                                "PATIENT",
                                recipients.patient(),
                                "PUSH",
                                device.toString(),
                                template,
                                recipients.language(),
                                payload,
                                urgent,
                                due,
                                expires),
                        now));
    }

    private record Recipients(
            TenantId tenant,
            UUID patient,
            Map<Long, String> chats,
            List<UUID> devices,
            String patientName,
            String language) {

        static Recipients none(TenantId tenant, UUID patient) {
            return new Recipients(tenant, patient, Map.of(), List.of(), "", "uz");
        }

        boolean isEmpty() {
            return chats.isEmpty() && devices.isEmpty();
        }
    }

    private Recipients recipients(TenantId tenant, PatientId patient) {
        Map<Long, String> chats = rows.telegramChats(tenant, patient.value());
        List<UUID> devices = rows.patientDevices(tenant, patient.value());
        if (chats.isEmpty() && devices.isEmpty()) {
            return Recipients.none(tenant, patient.value());
        }
        Optional<PatientDirectory.Entry> entry = patients.find(tenant, patient);
        String name = entry.map(PatientDirectory.Entry::displayName).orElse("");
        String language = entry.map(PatientDirectory.Entry::language)
                .filter(NotificationTemplates.LANGUAGES::contains)
                .orElse("uz");
        return new Recipients(tenant, patient.value(), chats, new ArrayList<>(devices), name, language);
    }

    private Map<String, String> appointmentPayload(
            TenantId tenant,
            UUID appointment,
            PatientId patient,
            BranchId branch,
            UserId practitioner,
            Instant start,
            String patientName) {
        Map<String, String> payload = new HashMap<>();
        payload.put("appointmentId", appointment.toString());
        payload.put("patientId", patient.value().toString());
        payload.put("patient", patientName);
        payload.put("startsAt", start.toString());
        Optional<StaffDirectory.Branch> place = staff.branch(tenant, branch);
        payload.put("zone", place.map(b -> b.timeZone().getId()).orElse(BranchTimeZones.DEFAULT.getId()));
        payload.put("branch", place.map(StaffDirectory.Branch::name).orElse(""));
        payload.put("doctor", staff.fullNames(tenant, List.of(practitioner)).getOrDefault(practitioner, ""));
        return payload;
    }

    private java.time.ZoneId zone(TenantId tenant, BranchId branch) {
        return staff.branch(tenant, branch).map(StaffDirectory.Branch::timeZone).orElse(BranchTimeZones.DEFAULT);
    }
}
