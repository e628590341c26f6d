package org.shifo.queue.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.StaffDirectory;
import org.shifo.queue.QueueRoles;
import org.shifo.queue.desk.QueueDesk;
import org.shifo.queue.domain.QueueException;
import org.shifo.queue.domain.QueueInfo;
import org.shifo.queue.domain.TicketAction;
import org.shifo.queue.domain.TicketStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The practitioner's desk {@code /queue/mine}: their queue of today in a branch, the patient being called or
 * served (a link to the chart), one-click call next, recall, start, finish, skip and return, and who waits.
 * The buttons are plain forms (with the CSRF token) that htmx posts, swapping in the desk from the answer.
 */
@Controller
@RequestMapping("/queue/mine")
@PreAuthorize(QueueRoles.STAFF)
class QueueDeskPageController {

    /** A ticket as the desk shows it; {@code patientId} links the chart. */
    record Row(
            String id,
            String number,
            String status,
            @Nullable Integer position,
            @Nullable Integer waitMinutes,
            String priority,
            @Nullable String room,
            String patientName,
            String patientId,
            List<String> actions) {}

    private final QueueDesk desk;
    private final QueueBranches branches;
    private final QueuePageText text;

    QueueDeskPageController(QueueDesk desk, QueueBranches branches, QueuePageText text) {
        this.desk = desk;
        this.branches = branches;
        this.text = text;
    }

    @GetMapping
    String mine(@RequestParam(required = false) @Nullable String branch, Model model) {
        Staff me = CurrentUser.get();
        StaffDirectory.Branch chosen = branches.chosen(branch);
        model.addAttribute("branches", branches.of(me));
        model.addAttribute("branch", chosen);
        Optional<QueueInfo> queue = myQueue(me, chosen);
        model.addAttribute("queue", queue.orElse(null));
        // the clinical chart (a link only: the queue does not depend on the clinical module)
        model.addAttribute("canSeeChart", me.hasRole(Role.ADMIN) || me.hasRole(Role.DOCTOR) || me.hasRole(Role.NURSE));
        if (queue.isPresent()) {
            QueueDesk.QueueView view = desk.read(queue.get().id());
            List<Row> rows =
                    view.tickets().stream().map(QueueDeskPageController::row).toList();
            Row current = rows.stream()
                    .filter(r -> r.status().equals(TicketStatus.IN_SERVICE.name())
                            || r.status().equals(TicketStatus.CALLED.name()))
                    .findFirst()
                    .orElse(null);
            model.addAttribute("current", current);
            model.addAttribute(
                    "waiting", rows.stream().filter(r -> r.position() != null).toList());
            model.addAttribute(
                    "skipped",
                    rows.stream()
                            .filter(r -> r.status().equals(TicketStatus.SKIPPED.name()))
                            .toList());
            model.addAttribute(
                    "room",
                    view.tickets().stream()
                            .map(t -> t.ticket().room())
                            .filter(java.util.Objects::nonNull)
                            .reduce((first, second) -> second)
                            .orElse(""));
        }
        return "queue/mine";
    }

    @PostMapping("/open")
    String open(@RequestParam String branch, RedirectAttributes redirect, Locale locale) {
        StaffDirectory.Branch chosen = branches.chosen(branch);
        attempt(() -> desk.open(chosen.id().value(), CurrentUser.get().userId().value(), null, null), redirect, locale);
        return back(chosen);
    }

    @PostMapping("/call-next")
    String callNext(
            @RequestParam String branch,
            @RequestParam String queueId,
            @RequestParam(required = false) @Nullable String room,
            RedirectAttributes redirect,
            Locale locale) {
        StaffDirectory.Branch chosen = branches.chosen(branch);
        attempt(
                () -> desk.callNext(
                        QueueBranches.uuid(queueId).orElseThrow(() -> QueueException.notFound("queue")), room),
                redirect,
                locale);
        return back(chosen);
    }

    @PostMapping("/tickets/{id}/{action:recall|start|finish|skip|return}")
    String act(
            @PathVariable UUID id,
            @PathVariable String action,
            @RequestParam String branch,
            RedirectAttributes redirect,
            Locale locale) {
        StaffDirectory.Branch chosen = branches.chosen(branch);
        attempt(() -> desk.act(id, TicketAction.valueOf(action.toUpperCase(Locale.ROOT)), null), redirect, locale);
        return back(chosen);
    }

    /** Runs a desk operation; a refusal comes back as the message above the desk. */
    private void attempt(Runnable operation, RedirectAttributes redirect, Locale locale) {
        try {
            operation.run();
        } catch (QueueException refused) {
            redirect.addFlashAttribute("problem", text.refusal(refused, locale));
        }
    }

    private Optional<QueueInfo> myQueue(Staff me, StaffDirectory.Branch branch) {
        return desk.queues(branch.id().value(), null).stream()
                .filter(q -> me.userId().value().equals(q.practitionerId()))
                .findFirst();
    }

    private static String back(StaffDirectory.Branch branch) {
        return "redirect:/queue/mine?branch=" + branch.id().value();
    }

    private static Row row(QueueDesk.TicketView view) {
        var t = view.ticket();
        var patient = view.patient();
        return new Row(
                t.id().toString(),
                view.number(),
                t.status().name(),
                view.position(),
                view.estimatedWaitMinutes(),
                t.priority().name(),
                t.room(),
                patient == null ? "" : patient.displayName(),
                t.patientId().toString(),
                TicketAction.from(t.status()).stream()
                        .filter(a -> a != TicketAction.TRANSFER)
                        .map(a -> a.name().toLowerCase(Locale.ROOT))
                        .toList());
    }
}
