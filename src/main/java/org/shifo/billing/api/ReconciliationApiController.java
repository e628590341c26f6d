package org.shifo.billing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.BillingRoles;
import org.shifo.billing.domain.BillingNotFoundException;
import org.shifo.billing.domain.BillingRuleException;
import org.shifo.billing.domain.Violation;
import org.shifo.billing.persistence.ReconciliationStore.Checked;
import org.shifo.billing.persistence.ReconciliationStore.ItemRow;
import org.shifo.billing.reconciliation.Reconciliation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reconciliation reports of the payment providers (administrators): a day's latest report as JSON or CSV, and a
 * new run for a day. Each discrepancy carries the transaction in PayMe's GetStatement terms.
 */
@RestController
@Tag(name = "Payment providers")
class ReconciliationApiController {

    private final Reconciliation reconciliation;

    ReconciliationApiController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    /** A day's report. */
    record ReportResponse(
            LocalDate date,
            UUID runId,
            Instant ranAt,
            String trigger,
            long periodFrom,
            long periodTo,
            int transactionsChecked,
            int discrepancies,
            List<ItemResponse> items) {

        static ReportResponse from(Reconciliation.Report report) {
            var run = report.run();
            return new ReportResponse(
                    run.day(),
                    run.id(),
                    run.ranAt(),
                    run.trigger(),
                    run.periodFrom(),
                    run.periodTo(),
                    run.transactionsChecked(),
                    run.discrepancies(),
                    report.items().stream().map(ItemResponse::from).toList());
        }
    }

    /**
     * One discrepancy: {@code transaction} is the provider transaction as PayMe's GetStatement shows one (id,
     * time, amount, create_time, perform_time, cancel_time, transaction, state, reason).
     */
    record ItemResponse(
            String kind,
            String detail,
            String provider,
            Map<String, @Nullable Object> transaction,
            UUID invoiceId,
            String paymentReference,
            String invoiceStatus,
            long invoiceTotal,
            long invoicePaid,
            @Nullable UUID paymentId,
            @Nullable Long paymentAmount,
            boolean paymentRefunded) {

        static ItemResponse from(ItemRow item) {
            Checked t = item.transaction();
            return new ItemResponse(
                    item.kind(),
                    item.detail(),
                    t.provider(),
                    statement(t),
                    t.invoiceId(),
                    t.paymentReference(),
                    t.invoiceStatus(),
                    t.invoiceTotal(),
                    t.invoicePaid(),
                    t.paymentId(),
                    t.paymentAmount(),
                    t.paymentRefunded());
        }
    }

    static Map<String, @Nullable Object> statement(Checked t) {
        Map<String, @Nullable Object> statement = new LinkedHashMap<>();
        statement.put("id", t.providerTransactionId());
        statement.put("time", t.time());
        statement.put("amount", t.amount());
        statement.put("create_time", t.createTime());
        statement.put("perform_time", t.performTime());
        statement.put("cancel_time", t.cancelTime());
        statement.put("transaction", Long.toString(t.number()));
        statement.put("state", t.state());
        statement.put("reason", t.reason());
        return statement;
    }

    record RunRequest(@Nullable String date) {}

    @GetMapping("/api/v1/billing/reconciliation")
    @PreAuthorize(BillingRoles.RECONCILIATION)
    @Operation(summary = "The latest reconciliation report of a day (?date=YYYY-MM-DD); 404 when not reconciled")
    ReportResponse report(@RequestParam(required = false) @Nullable String date) {
        return ReportResponse.from(latest(date));
    }

    @GetMapping("/api/v1/billing/reconciliation/csv")
    @PreAuthorize(BillingRoles.RECONCILIATION)
    @Operation(summary = "The latest reconciliation report of a day as CSV (?date=YYYY-MM-DD)")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) @Nullable String date) {
        Reconciliation.Report report = latest(date);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("reconciliation-" + report.run().day() + ".csv")
                                .build()
                                .toString())
                .body(ReconciliationCsv.of(report).getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/api/v1/billing/reconciliation/runs")
    @PreAuthorize(BillingRoles.RECONCILIATION)
    @Operation(summary = "Reconcile a day now {date}: a new run (reports only, corrects nothing); 201 with the report")
    ResponseEntity<ReportResponse> run(@RequestBody RunRequest request) {
        LocalDate day = day(request.date());
        if (day.isAfter(reconciliation.today())) {
            throw BillingRuleException.refused(Violation.of("date", "future-date", "must not be in the future"));
        }
        return ResponseEntity.status(201).body(ReportResponse.from(reconciliation.runNow(day)));
    }

    private Reconciliation.Report latest(@Nullable String date) {
        LocalDate day = day(date);
        Reconciliation.Report report =
                reconciliation.latest(day).orElseThrow(() -> new BillingNotFoundException("reconciliation"));
        return report;
    }

    private static LocalDate day(@Nullable String date) {
        if (date == null || date.isBlank()) {
            throw BillingRuleException.invalid(Violation.of("date", "required", "is required"));
        }
        try {
            return LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw BillingRuleException.invalid(Violation.of("date", "date-format", "must be a date YYYY-MM-DD"));
        }
    }
}
