package org.shifo.billing.web;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.BillingRoles;
import org.shifo.billing.domain.BillingRuleException;
import org.shifo.billing.invoices.CashReport;
import org.shifo.billing.persistence.CashReportStore.Movement;
import org.shifo.identity.StaffDirectory;
import org.shifo.identity.TenantContext;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The daily cash report of a branch ({@code /billing/reports/cash}, and {@code /billing/reports/cash.csv}): the
 * payments received and the refunds made on a day, by method and by cashier and method, with totals. Cashiers
 * and administrators; an audited read.
 */
@Controller
@PreAuthorize(BillingRoles.CASH_REPORT)
class CashReportPageController {

    private final CashReport reports;
    private final DeskBranches branches;
    private final StaffDirectory staff;
    private final PageErrors errors;

    CashReportPageController(CashReport reports, DeskBranches branches, StaffDirectory staff, PageErrors errors) {
        this.reports = reports;
        this.branches = branches;
        this.staff = staff;
        this.errors = errors;
    }

    /** A movement as the report lists it. */
    record Line(
            String time, String reference, String invoiceId, String method, boolean refund, long amount, String by) {}

    @GetMapping("/billing/reports/cash")
    String page(
            @RequestParam(required = false) @Nullable String branch,
            @RequestParam(required = false) @Nullable String date,
            Model model,
            Locale locale,
            HttpServletResponse response) {
        StaffDirectory.Branch chosen = branches.chosen(branch);
        model.addAttribute("branches", branches.mine());
        model.addAttribute("branch", chosen);
        model.addAttribute("money", Amounts.INSTANCE);
        model.addAttribute("date", date == null ? "" : date);
        try {
            CashReport.Day day = reports.day(chosen.id().value(), date);
            Map<UUID, String> people = people(day);
            model.addAttribute("report", day);
            model.addAttribute("date", day.date().toString());
            model.addAttribute("lines", lines(day, people));
            model.addAttribute(
                    "cashierNames",
                    day.byCashier().stream()
                            .map(c -> c.cashier() == null ? "" : people.getOrDefault(c.cashier(), ""))
                            .toList());
            model.addAttribute("errors", Map.of());
        } catch (BillingRuleException e) {
            response.setStatus(400);
            model.addAttribute("report", null);
            model.addAttribute("errors", errors.of(e, locale));
        }
        return "billing/cash-report";
    }

    @GetMapping("/billing/reports/cash.csv")
    ResponseEntity<byte[]> csv(
            @RequestParam(required = false) @Nullable String branch,
            @RequestParam(required = false) @Nullable String date,
            Locale locale) {
        StaffDirectory.Branch chosen = branches.chosen(branch);
        CashReport.Day day;
        try {
            day = reports.day(chosen.id().value(), date);
        } catch (BillingRuleException e) {
            return ResponseEntity.badRequest()
                    .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                    .body(String.join(" ", errors.of(e, locale).values()).getBytes(StandardCharsets.UTF_8));
        }
        List<Line> lines = lines(day, people(day));
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(
                        ",",
                        List.of(
                                "time",
                                "payment_reference",
                                "invoice_id",
                                "method",
                                "kind",
                                "amount_tiyin",
                                "amount_uzs",
                                "cashier")))
                .append("\r\n");
        for (Line line : lines) {
            long signed = line.refund() ? -line.amount() : line.amount();
            csv.append(String.join(
                            ",",
                            List.of(
                                    day.date() + " " + line.time(),
                                    line.reference(),
                                    line.invoiceId(),
                                    line.method(),
                                    line.refund() ? "REFUND" : "PAYMENT",
                                    Long.toString(signed),
                                    (signed < 0 ? "-" : "") + Amounts.INSTANCE.plain(Math.abs(signed)),
                                    field(line.by()))))
                    .append("\r\n");
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("cash-report-" + day.date() + ".csv")
                                .build()
                                .toString())
                .body(body);
    }

    private List<Line> lines(CashReport.Day day, Map<UUID, String> people) {
        return day.movements().stream()
                .map((Movement m) -> new Line(
                        DeskPageController.TIME.format(m.at().atZone(day.zone())),
                        m.paymentReference(),
                        m.invoiceId().toString(),
                        m.method().name(),
                        m.refund(),
                        m.amount(),
                        m.by() == null ? "" : people.getOrDefault(m.by(), "")))
                .toList();
    }

    private Map<UUID, String> people(CashReport.Day day) {
        return StaffNames.of(
                staff,
                TenantContext.require(),
                Stream.concat(
                        day.movements().stream().map(m -> m.by()),
                        day.byCashier().stream().map(CashReport.CashierTotals::cashier)));
    }

    /** A CSV field: quoted when it holds a separator, a quote or a line break; formula starts neutralised. */
    static String field(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
