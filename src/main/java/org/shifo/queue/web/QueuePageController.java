package org.shifo.queue.web;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditActor;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.StaffDirectory;
import org.shifo.queue.QueueRoles;
import org.shifo.queue.desk.QueueDesk;
import org.shifo.queue.domain.Priority;
import org.shifo.queue.domain.QueueException;
import org.shifo.queue.domain.QueueInfo;
import org.shifo.queue.domain.TicketStatus;
import org.shifo.queue.live.LiveAccess;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Reception's page {@code /queue}: today's queues of a branch with their counts and current calls (kept live by
 * {@code js/queue-live.js}), a form to issue a ticket (patient picker and priority), a form to open a queue, and
 * for administrators the branch's lobby displays. Every form posts with the CSRF token and comes back here.
 */
@Controller
@RequestMapping("/queue")
@PreAuthorize(QueueRoles.STAFF)
class QueuePageController {

    /** A queue as reception sees it. */
    record QueueRow(String id, String name, int waiting, List<String> calling, int issued) {}

    /** Something a queue can be opened for: a practitioner ({@code P:<id>}) or a service point ({@code S:<name>}). */
    record Owner(String value, String label, boolean messageKey) {}

    private static final Set<Role> SERVING = Set.of(Role.DOCTOR, Role.NURSE);

    private final QueueDesk desk;
    private final QueueBranches branches;
    private final StaffDirectory staff;
    private final LiveAccess access;
    private final QueuePageText text;

    QueuePageController(
            QueueDesk desk, QueueBranches branches, StaffDirectory staff, LiveAccess access, QueuePageText text) {
        this.desk = desk;
        this.branches = branches;
        this.staff = staff;
        this.access = access;
        this.text = text;
    }

    @GetMapping
    String reception(@RequestParam(required = false) @Nullable String branch, Model model) {
        Staff member = CurrentUser.get();
        StaffDirectory.Branch chosen = branches.chosen(branch);
        UUID branchId = chosen.id().value();
        List<QueueInfo> queues = desk.queues(branchId, null);
        model.addAttribute("branches", branches.of(member));
        model.addAttribute("branch", chosen);
        model.addAttribute("queues", queues.stream().map(this::row).toList());
        model.addAttribute("priorities", List.of(Priority.values()));
        model.addAttribute("owners", owners(member, chosen, queues));
        boolean admin = member.hasRole(Role.ADMIN);
        model.addAttribute("isAdmin", admin);
        if (admin) {
            model.addAttribute(
                    "displays",
                    access.displays(member.tenantId()).stream()
                            .filter(d -> d.branchId().equals(branchId) && d.revokedAt() == null)
                            .toList());
        }
        return "queue/reception";
    }

    @PostMapping("/tickets")
    String issue(
            @RequestParam String branch,
            @RequestParam(required = false) @Nullable String queueId,
            @RequestParam(required = false) @Nullable String patientId,
            @RequestParam(required = false) @Nullable String priority,
            RedirectAttributes redirect,
            Locale locale) {
        StaffDirectory.Branch chosen = branches.chosen(branch);
        try {
            UUID queue = QueueBranches.uuid(queueId).orElseThrow(() -> QueueException.notFound("queue"));
            QueueDesk.TicketView ticket =
                    desk.issue(queue, QueueBranches.uuid(patientId).orElse(null), priority);
            redirect.addFlashAttribute(
                    "notice",
                    text.text(
                            "queue.reception.issued",
                            locale,
                            ticket.number(),
                            java.util.Objects.requireNonNullElse(ticket.position(), 1)));
        } catch (QueueException refused) {
            redirect.addFlashAttribute("problem", text.refusal(refused, locale));
        }
        return "redirect:/queue?branch=" + chosen.id().value();
    }

    @PostMapping("/open")
    String open(
            @RequestParam String branch,
            @RequestParam(required = false) @Nullable String owner,
            RedirectAttributes redirect,
            Locale locale) {
        StaffDirectory.Branch chosen = branches.chosen(branch);
        String value = owner == null ? "" : owner;
        try {
            QueueInfo queue = value.startsWith("P:")
                    ? desk.open(
                            chosen.id().value(),
                            QueueBranches.uuid(value.substring(2)).orElseThrow(() -> QueueException.notFound("queue")),
                            null,
                            null)
                    : desk.open(chosen.id().value(), null, value.startsWith("S:") ? value.substring(2) : null, null);
            redirect.addFlashAttribute("notice", text.text("queue.reception.opened", locale, queue.name()));
        } catch (QueueException refused) {
            redirect.addFlashAttribute("problem", text.refusal(refused, locale));
        }
        return "redirect:/queue?branch=" + chosen.id().value();
    }

    @PostMapping("/displays")
    @PreAuthorize("hasRole('ADMIN')")
    String createDisplay(
            @RequestParam String branch,
            @RequestParam(required = false) @Nullable String name,
            RedirectAttributes redirect,
            Locale locale) {
        Staff admin = CurrentUser.get();
        StaffDirectory.Branch chosen = branches.chosen(branch);
        try {
            LiveAccess.NewDisplayToken created = access.createDisplay(
                    admin.tenantId(), chosen.id().value(), name, admin.userId().value(), actor(admin));
            redirect.addFlashAttribute(
                    "displayUrl",
                    ServletUriComponentsBuilder.fromCurrentContextPath()
                            .path("/queue/board")
                            .queryParam("display", created.token())
                            .toUriString());
        } catch (QueueException refused) {
            redirect.addFlashAttribute("problem", text.refusal(refused, locale));
        }
        return "redirect:/queue?branch=" + chosen.id().value() + "#displays";
    }

    @PostMapping("/displays/{id}/revoke")
    @PreAuthorize("hasRole('ADMIN')")
    String revokeDisplay(
            @PathVariable UUID id, @RequestParam String branch, RedirectAttributes redirect, Locale locale) {
        Staff admin = CurrentUser.get();
        StaffDirectory.Branch chosen = branches.chosen(branch);
        try {
            access.revokeDisplay(admin.tenantId(), id, actor(admin));
            redirect.addFlashAttribute("notice", text.text("queue.displays.revoked", locale));
        } catch (QueueException refused) {
            redirect.addFlashAttribute("problem", text.refusal(refused, locale));
        }
        return "redirect:/queue?branch=" + chosen.id().value() + "#displays";
    }

    private QueueRow row(QueueInfo queue) {
        QueueDesk.QueueView view = desk.read(queue.id());
        int waiting = (int) view.tickets().stream()
                .filter(t -> t.ticket().status() == TicketStatus.WAITING)
                .count();
        List<String> calling = view.tickets().stream()
                .filter(t -> t.ticket().status() == TicketStatus.CALLED)
                .map(QueueDesk.TicketView::number)
                .toList();
        return new QueueRow(queue.id().toString(), queue.name(), waiting, calling, queue.lastNumber());
    }

    /** Practitioners of the branch without a queue today, then the service points without one. */
    private List<Owner> owners(Staff member, StaffDirectory.Branch branch, List<QueueInfo> open) {
        Set<UUID> practitioners = open.stream()
                .map(QueueInfo::practitionerId)
                .filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet());
        Set<String> points = open.stream()
                .map(QueueInfo::servicePoint)
                .filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet());
        java.util.ArrayList<Owner> owners = new java.util.ArrayList<>();
        staff.members(member.tenantId()).stream()
                .filter(m -> m.active()
                        && SERVING.stream().anyMatch(role -> m.hasRoleIn(branch.id(), role))
                        && !practitioners.contains(m.id().value()))
                .sorted(Comparator.comparing(StaffDirectory.Member::fullName))
                .forEach(m -> owners.add(new Owner("P:" + m.id().value(), m.fullName(), false)));
        QueueDesk.SERVICE_POINTS.keySet().stream()
                .sorted()
                .filter(point -> !points.contains(point))
                .forEach(point -> owners.add(new Owner("S:" + point, "queue.point." + point, true)));
        return owners;
    }

    private static AuditActor actor(Staff staff) {
        return staff.auditActor();
    }
}
