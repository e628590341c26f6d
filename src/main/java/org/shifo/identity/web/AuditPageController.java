package org.shifo.identity.web;

import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditCheckpoints;
import org.shifo.audit.AuditCursor;
import org.shifo.audit.AuditFilter;
import org.shifo.audit.AuditOutcome;
import org.shifo.audit.AuditPage;
import org.shifo.audit.AuditPageRequest;
import org.shifo.audit.AuditTrail;
import org.shifo.audit.AuditVerification;
import org.shifo.audit.ChainVerification;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.TenantId;
import org.shifo.identity.accounts.StaffAdministration;
import org.shifo.identity.domain.StaffAccount;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The organization's audit trail for its administrators: entries filtered by time, actor, action, target and
 * outcome, newest first, a page at a time; the chain's state and an on-demand verification; and the access
 * history of one target, as a fragment other modules' pages load (docs/ui.md).
 */
@Controller
@RequestMapping("/admin/audit")
@PreAuthorize("hasRole('ADMIN')")
class AuditPageController {

    static final int PAGE_SIZE = 50;
    static final int HISTORY_SIZE = 20;

    private final AuditTrail trail;
    private final AuditVerification verification;
    private final AuditCheckpoints checkpoints;
    private final StaffAdministration administration;
    private final PageTimes times;
    private final Clock clock;

    AuditPageController(
            AuditTrail trail,
            AuditVerification verification,
            AuditCheckpoints checkpoints,
            StaffAdministration administration,
            PageTimes times,
            Clock clock) {
        this.clock = clock;
        this.trail = trail;
        this.verification = verification;
        this.checkpoints = checkpoints;
        this.administration = administration;
        this.times = times;
    }

    /** The filter form's fields, as typed; blank ones match everything. Dates are the branch's calendar days. */
    record AuditQuery(
            @Nullable String from,
            @Nullable String to,
            @Nullable String actor,
            @Nullable String action,
            @Nullable String targetType,
            @Nullable String targetId,
            @Nullable String outcome,
            @Nullable String cursor) {

        public String fromText() {
            return text(from);
        }

        public String toText() {
            return text(to);
        }

        public String actorText() {
            return text(actor);
        }

        public String actionText() {
            return text(action);
        }

        public String targetTypeText() {
            return text(targetType);
        }

        public String targetIdText() {
            return text(targetId);
        }

        public String outcomeText() {
            return text(outcome);
        }

        private static String text(@Nullable String value) {
            return value == null ? "" : value.strip();
        }

        /** The filter the fields describe, or the form's field errors (field to message key). */
        AuditFilter toFilter(TenantId tenant, ZoneId zone, Map<String, String> errors) {
            AuditFilter filter = AuditFilter.forTenant(tenant.value());
            Instant start = day(fromText(), "from", zone, errors, 0);
            Instant end = day(toText(), "to", zone, errors, 1);
            if (start != null && end != null && !start.isBefore(end)) {
                errors.put("to", "identity.audit.error.range");
            } else {
                filter = filter.between(start, end);
            }
            if (!actorText().isEmpty()) {
                try {
                    filter = filter.withActor(UUID.fromString(actorText()));
                } catch (IllegalArgumentException e) {
                    errors.put("actor", "identity.error.invalid");
                }
            }
            if (!actionText().isEmpty()) {
                try {
                    filter = filter.withAction(actionText());
                } catch (IllegalArgumentException e) {
                    errors.put("action", "identity.audit.error.code");
                }
            }
            if (!targetTypeText().isEmpty() || !targetIdText().isEmpty()) {
                filter = target(filter, errors);
            }
            if (!outcomeText().isEmpty()) {
                try {
                    filter = filter.withOutcome(AuditOutcome.valueOf(outcomeText()));
                } catch (IllegalArgumentException e) {
                    errors.put("outcome", "identity.error.invalid");
                }
            }
            return filter;
        }

        AuditPageRequest toPageRequest() {
            if (cursor == null || cursor.isBlank()) {
                return AuditPageRequest.first(PAGE_SIZE);
            }
            try {
                return AuditPageRequest.first(PAGE_SIZE).next(AuditCursor.decode(cursor));
            } catch (IllegalArgumentException e) {
                return AuditPageRequest.first(PAGE_SIZE); // a mangled link starts again from the newest entries
            }
        }

        /** The address of this search's page after {@code next}, or of its first page when {@code next} is null. */
        String link(@Nullable AuditCursor next) {
            UriComponentsBuilder link = UriComponentsBuilder.fromPath("/admin/audit");
            add(link, "from", fromText());
            add(link, "to", toText());
            add(link, "actor", actorText());
            add(link, "action", actionText());
            add(link, "targetType", targetTypeText());
            add(link, "targetId", targetIdText());
            add(link, "outcome", outcomeText());
            if (next != null) {
                link.queryParam("cursor", next.encode());
            }
            return link.encode().build().toUriString();
        }

        private static void add(UriComponentsBuilder link, String name, String value) {
            if (!value.isEmpty()) {
                link.queryParam(name, value);
            }
        }

        private static @Nullable Instant day(
                String value, String field, ZoneId zone, Map<String, String> errors, int plusDays) {
            if (value.isEmpty()) {
                return null;
            }
            try {
                return LocalDate.parse(value)
                        .plusDays(plusDays)
                        .atStartOfDay(zone)
                        .toInstant();
            } catch (DateTimeParseException e) {
                errors.put(field, "identity.audit.error.date");
                return null;
            }
        }

        private AuditFilter target(AuditFilter filter, Map<String, String> errors) {
            if (targetTypeText().isEmpty()) {
                errors.put("targetType", "identity.audit.error.targetTypeNeeded");
                return filter;
            }
            AuditFilter refined;
            try {
                refined = filter.withTargetType(targetTypeText());
            } catch (IllegalArgumentException e) {
                errors.put("targetType", "identity.audit.error.code");
                return filter;
            }
            if (targetIdText().isEmpty()) {
                return refined;
            }
            try {
                return refined.withTarget(targetTypeText(), targetIdText());
            } catch (IllegalArgumentException e) {
                errors.put("targetId", "identity.audit.error.code");
                return refined;
            }
        }
    }

    /** The result of a verification, kept for the page after the redirect. */
    record VerificationView(
            boolean intact, long entriesChecked, @Nullable Long brokenAt, @Nullable String reason, String verifiedAt)
            implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        static VerificationView of(ChainVerification result, String verifiedAt) {
            return new VerificationView(
                    result.isIntact(),
                    result.entriesChecked(),
                    result.firstBreak() == null ? null : result.firstBreak().chainIndex(),
                    result.firstBreak() == null
                            ? null
                            : result.firstBreak().reason().name(),
                    verifiedAt);
        }
    }

    /** A choice of the actor filter. */
    record ActorChoice(String id, String name) {}

    @GetMapping
    String trail(AuditQuery query, Model model) {
        TenantId tenant = CurrentUser.get().tenantId();
        Map<String, String> errors = new LinkedHashMap<>();
        AuditFilter filter = query.toFilter(tenant, times.zone(), errors);
        if (errors.isEmpty()) {
            AuditPage page = trail.search(filter, query.toPageRequest());
            model.addAttribute("entries", AuditRow.of(page.entries(), times));
            model.addAttribute("nextPage", page.next() == null ? null : query.link(page.next()));
            model.addAttribute(
                    "firstPage", query.cursor() == null || query.cursor().isBlank() ? null : query.link(null));
        } else {
            model.addAttribute("entries", List.of());
        }
        model.addAttribute("query", query);
        model.addAttribute("errors", errors);
        model.addAttribute("actors", actors(tenant));
        model.addAttribute("outcomes", List.of(AuditOutcome.values()));
        model.addAttribute(
                "checkpoint",
                checkpoints
                        .findLatest(tenant.value())
                        .map(checkpoint -> new CheckpointView(
                                times.format(checkpoint.takenAt()), checkpoint.entryCount(), checkpoint.headMac()))
                        .orElse(null));
        return "identity/audit";
    }

    /** A checkpoint as the page shows it. */
    record CheckpointView(String takenAt, long entryCount, String headMac) {}

    @PostMapping("/verify")
    String verify(RedirectAttributes redirect) {
        ChainVerification result =
                verification.verify(CurrentUser.get().tenantId().value());
        redirect.addFlashAttribute("verification", VerificationView.of(result, times.format(clock.instant())));
        return "redirect:/admin/audit";
    }

    /** The newest entries about one target, as a fragment (loaded by htmx into another module's page). */
    @GetMapping("/history")
    String history(AuditQuery query, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        AuditFilter filter = query.toFilter(CurrentUser.get().tenantId(), times.zone(), errors);
        boolean valid = errors.isEmpty()
                && !query.targetTypeText().isEmpty()
                && !query.targetIdText().isEmpty();
        model.addAttribute(
                "entries",
                valid
                        ? AuditRow.of(
                                trail.search(filter, AuditPageRequest.first(HISTORY_SIZE))
                                        .entries(),
                                times)
                        : List.of());
        model.addAttribute("fullHistory", query.link(null));
        return "identity/audit-history :: loaded";
    }

    private List<ActorChoice> actors(TenantId tenant) {
        return administration.list(tenant).stream()
                .map((StaffAccount account) -> new ActorChoice(account.id().toString(), account.fullName()))
                .toList();
    }
}
