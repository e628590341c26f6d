package org.shifo.notifications.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.BranchTimeZones;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.StaffDirectory;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.notifications.NotificationRoles;
import org.shifo.notifications.delivery.DeliveryStatistics;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The delivery dashboard ({@code /admin/notifications/deliveries}): per day and channel of the last 14 days how
 * many notifications were sent (accepted by the provider: Telegram and FCM give no later receipt, so delivered is
 * sent), failed, are still waiting or were cancelled; the failures by reason; the dead letters (time, template,
 * channel, reason, attempts, whom — never the text) with a Retry button. Filters by channel and status.
 */
@Controller
@PreAuthorize(NotificationRoles.ADMINISTER)
class DeliveryPageController {

    static final int DAYS = 14;
    static final int DEAD_LETTERS = 200;
    static final List<String> CHANNELS = List.of("TELEGRAM", "PUSH");
    static final List<String> STATUSES = List.of("SENT", "DEAD", "PENDING", "CANCELLED");

    /** Who sees patients' names on the dead-letter list (every role that reads patient records may). */
    private static final Set<Role> SEE_PATIENTS =
            Set.of(Role.ADMIN, Role.DOCTOR, Role.NURSE, Role.RECEPTIONIST, Role.CASHIER, Role.LAB);

    private final DeliveryStatistics statistics;
    private final PatientDirectory patients;
    private final StaffDirectory staff;
    private final BranchTimeZones zones;
    private final AuditLog audit;
    private final Clock clock;

    DeliveryPageController(
            DeliveryStatistics statistics,
            PatientDirectory patients,
            StaffDirectory staff,
            BranchTimeZones zones,
            AuditLog audit,
            Clock clock) {
        this.statistics = statistics;
        this.patients = patients;
        this.staff = staff;
        this.zones = zones;
        this.audit = audit;
        this.clock = clock;
    }

    /** One day of one channel: counts per status. */
    record DayRow(LocalDate day, String channel, Map<String, Long> counts) {}

    /** Failures of one reason on one channel over the period. */
    record ReasonRow(String channel, String reason, long count) {}

    /** A dead letter as the page shows it. */
    record DeadRow(
            UUID id,
            String time,
            String template,
            String channel,
            String reason,
            int attempts,
            String recipientKind,
            @Nullable String recipient) {}

    @GetMapping("/admin/notifications/deliveries")
    String dashboard(
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(required = false) @Nullable String status,
            Model model) {
        Staff viewer = CurrentUser.get();
        TenantId tenant = viewer.tenantId();
        String chosenChannel = channel != null && CHANNELS.contains(channel) ? channel : "";
        String chosenStatus = status != null && STATUSES.contains(status) ? status : "";
        ZoneId zone = zones.of(viewer);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate from = today.minusDays(DAYS - 1L);

        Map<String, DayRow> days = new TreeMap<>(Comparator.reverseOrder());
        Map<String, ReasonRow> reasons = new TreeMap<>();
        for (DeliveryStatistics.DailyCount count : statistics.daily(tenant, from, today, zone)) {
            if (!chosenChannel.isEmpty() && !chosenChannel.equals(count.channel())) {
                continue;
            }
            String shown = count.status().equals("SENDING") ? "PENDING" : count.status();
            DayRow row = days.computeIfAbsent(
                    count.day() + " " + count.channel(),
                    k -> new DayRow(count.day(), count.channel(), new LinkedHashMap<>()));
            row.counts().merge(shown, count.count(), Long::sum);
            if (shown.equals("DEAD")) {
                String reason = count.reason().isEmpty() ? "UNKNOWN" : count.reason();
                reasons.merge(
                        count.channel() + " " + reason,
                        new ReasonRow(count.channel(), reason, count.count()),
                        (a, b) -> new ReasonRow(a.channel(), a.reason(), a.count() + b.count()));
            }
        }
        List<DayRow> dayRows = days.values().stream()
                .filter(row -> chosenStatus.isEmpty() || row.counts().getOrDefault(chosenStatus, 0L) > 0)
                .toList();

        List<DeliveryStatistics.DeadLetter> dead = statistics.deadLetters(tenant, DEAD_LETTERS).stream()
                .filter(d -> chosenChannel.isEmpty() || chosenChannel.equals(d.channel()))
                .toList();
        boolean seesPatients = viewer.roles().stream().anyMatch(r -> SEE_PATIENTS.contains(r.role()));
        Set<PatientId> patientIds = new HashSet<>();
        Set<UserId> staffIds = new HashSet<>();
        for (DeliveryStatistics.DeadLetter d : dead) {
            if (d.recipientKind().equals("PATIENT")) {
                patientIds.add(new PatientId(d.recipientId()));
            } else {
                staffIds.add(new UserId(d.recipientId()));
            }
        }
        Map<PatientId, PatientDirectory.Entry> patientNames =
                seesPatients && !patientIds.isEmpty() ? patients.findAll(tenant, patientIds) : Map.of();
        Map<UserId, String> staffNames = staffIds.isEmpty() ? Map.of() : staff.fullNames(tenant, staffIds);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        List<DeadRow> deadRows = new ArrayList<>();
        for (DeliveryStatistics.DeadLetter d : dead) {
            @Nullable String name;
            if (d.recipientKind().equals("PATIENT")) {
                PatientDirectory.Entry entry = patientNames.get(new PatientId(d.recipientId()));
                name = entry == null ? null : entry.displayName();
            } else {
                name = staffNames.get(new UserId(d.recipientId()));
            }
            deadRows.add(new DeadRow(
                    d.id(),
                    time.format(d.createdAt().atZone(zone)),
                    d.template(),
                    d.channel(),
                    d.lastError() == null ? "UNKNOWN" : d.lastError(),
                    d.attempts(),
                    d.recipientKind(),
                    name));
        }
        for (PatientId shown : patientNames.keySet()) {
            audit.recordRead(AuditEvent.of(
                    tenant.value(),
                    CurrentUser.auditActor("notifications"),
                    "notifications.dead_letters.read",
                    "patient",
                    shown.value().toString(),
                    AuditOutcome.SUCCESS));
        }

        model.addAttribute("days", dayRows);
        model.addAttribute("reasons", List.copyOf(reasons.values()));
        model.addAttribute("dead", deadRows);
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("shownStatuses", chosenStatus.isEmpty() ? STATUSES : List.of(chosenStatus));
        model.addAttribute("channel", chosenChannel);
        model.addAttribute("status", chosenStatus);
        model.addAttribute("from", from);
        model.addAttribute("to", today);
        return "notifications/admin-deliveries";
    }

    @PostMapping("/admin/notifications/deliveries/{id}/retry")
    String retry(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(required = false) @Nullable String status,
            RedirectAttributes redirect) {
        UUID notification;
        try {
            notification = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (!statistics.retry(CurrentUser.get().tenantId(), notification)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("retried", true);
        if (channel != null && CHANNELS.contains(channel)) {
            redirect.addAttribute("channel", channel);
        }
        if (status != null && STATUSES.contains(status)) {
            redirect.addAttribute("status", status);
        }
        return "redirect:/admin/notifications/deliveries";
    }
}
