package org.shifo.billing.web;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.BillingRoles;
import org.shifo.billing.api.ReconciliationCsv;
import org.shifo.billing.persistence.ReconciliationStore.Checked;
import org.shifo.billing.persistence.ReconciliationStore.ItemRow;
import org.shifo.billing.reconciliation.Reconciliation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reconciliation reports of the payment providers for administrators ({@code /admin/billing/reconciliation}):
 * a day's latest report with every discrepancy and what it means, a "reconcile now" action (a new run: it reports,
 * it corrects nothing) and the CSV download. Reading a report is audited (by {@code Reconciliation.latest}).
 */
@Controller
@PreAuthorize(BillingRoles.RECONCILIATION)
class ReconciliationPageController {

    static final java.time.format.DateTimeFormatter WHEN =
            java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final Reconciliation reconciliation;
    private final PageErrors errors;

    ReconciliationPageController(Reconciliation reconciliation, PageErrors errors) {
        this.reconciliation = reconciliation;
        this.errors = errors;
    }

    /** A discrepancy as the page lists it; times in the reconciliation's zone. */
    record Line(
            String kind,
            String detail,
            String provider,
            String transactionId,
            String created,
            int state,
            long amount,
            String invoiceId,
            String reference,
            String invoiceStatus,
            long invoiceTotal,
            long invoicePaid,
            @Nullable Long paymentAmount) {}

    @GetMapping("/admin/billing/reconciliation")
    String page(
            @RequestParam(required = false) @Nullable String date,
            @RequestParam(required = false) @Nullable String ran,
            Model model,
            Locale locale,
            HttpServletResponse response) {
        model.addAttribute("money", Amounts.INSTANCE);
        model.addAttribute("ran", ran != null);
        LocalDate day = parse(date);
        if (day == null) {
            response.setStatus(400);
            model.addAttribute("date", date == null ? "" : date);
            model.addAttribute("report", null);
            model.addAttribute("dateError", errors.text("billing.reconciliation.badDate", locale));
            return "billing/reconciliation";
        }
        model.addAttribute("date", day.toString());
        model.addAttribute("dateError", null);
        Optional<Reconciliation.Report> report = read(day);
        model.addAttribute("report", report.orElse(null));
        model.addAttribute("lines", report.map(this::lines).orElse(List.of()));
        model.addAttribute(
                "ranAt",
                report.map(r -> WHEN.format(r.run().ranAt().atZone(reconciliation.zone())))
                        .orElse(""));
        model.addAttribute("future", day.isAfter(reconciliation.today()));
        return "billing/reconciliation";
    }

    @PostMapping("/admin/billing/reconciliation")
    String run(@RequestParam(required = false) @Nullable String date, RedirectAttributes redirect) {
        LocalDate day = parse(date);
        if (day == null || day.isAfter(reconciliation.today())) {
            // back to the page for that text, which says what is wrong with it (not a date, or a future day)
            redirect.addAttribute("date", day == null ? Objects.requireNonNullElse(date, "") : day.toString());
            return "redirect:/admin/billing/reconciliation";
        }
        reconciliation.runNow(day);
        return "redirect:/admin/billing/reconciliation?ran&date=" + day;
    }

    @GetMapping("/admin/billing/reconciliation.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) @Nullable String date) {
        LocalDate day = parse(date);
        Optional<Reconciliation.Report> report = day == null ? Optional.empty() : read(day);
        if (report.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("reconciliation-" + day + ".csv")
                                .build()
                                .toString())
                .body(ReconciliationCsv.of(report.get()).getBytes(StandardCharsets.UTF_8));
    }

    /** The day asked for (today in the reconciliation's zone when none), or null when it is not a date. */
    private @Nullable LocalDate parse(@Nullable String date) {
        if (date == null || date.isBlank()) {
            return reconciliation.today();
        }
        try {
            return LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Optional<Reconciliation.Report> read(LocalDate day) {
        return reconciliation.latest(day); // audited there
    }

    private List<Line> lines(Reconciliation.Report report) {
        return report.items().stream()
                .map((ItemRow item) -> {
                    Checked t = item.transaction();
                    return new Line(
                            item.kind(),
                            item.detail(),
                            t.provider(),
                            t.providerTransactionId(),
                            WHEN.format(Instant.ofEpochMilli(t.createTime()).atZone(reconciliation.zone())),
                            t.state(),
                            t.amount(),
                            t.invoiceId().toString(),
                            t.paymentReference(),
                            t.invoiceStatus(),
                            t.invoiceTotal(),
                            t.invoicePaid(),
                            t.paymentAmount());
                })
                .toList();
    }
}
