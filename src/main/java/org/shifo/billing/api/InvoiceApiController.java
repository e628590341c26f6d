package org.shifo.billing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.BillingRoles;
import org.shifo.billing.invoices.InvoiceBook;
import org.shifo.billing.persistence.InvoiceStore.InvoiceRow;
import org.shifo.identity.TenantContext;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invoices: created as DRAFT priced by the server from the branch's price list (a client's totals are never
 * read), edited until paid, issued, paid at the desk (CASH, CARD) by a cashier, refunded by an administrator.
 * Amounts are tiyin. Bad input is a 400 naming each field and rule; a rule refusing well-formed input 422; a
 * state that does not allow the change 409; nothing is stored then.
 */
@RestController
@Tag(name = "Invoices and payments")
class InvoiceApiController {

    private final InvoiceBook book;
    private final PatientDirectory patients;

    InvoiceApiController(InvoiceBook book, PatientDirectory patients) {
        this.book = book;
        this.patients = patients;
    }

    /** A discount on a line. */
    record DiscountRequest(
            @Schema(allowableValues = {"PERCENT", "FIXED"}) @Nullable String kind,
            @Schema(description = "whole percent (1–100) for PERCENT, tiyin for FIXED") @Nullable Long value,
            @Schema(description = "why (required; a cashier may give up to 10 %, an administrator any)") @Nullable
                    String reason) {}

    /** A line: a service and its quantity (default 1), priced by the server. */
    record LineRequest(@Nullable UUID serviceId, @Nullable Integer quantity, @Nullable DiscountRequest discount) {

        InvoiceBook.LineInput toInput() {
            return new InvoiceBook.LineInput(
                    serviceId,
                    quantity,
                    discount == null
                            ? null
                            : new InvoiceBook.DiscountInput(discount.kind(), discount.value(), discount.reason()));
        }
    }

    /** A new invoice. */
    record CreateInvoiceRequest(
            @Nullable UUID patientId,
            @Nullable UUID branchId,
            @Schema(description = "the visit's encounter, if any") @Nullable UUID encounterId,
            @Schema(description = "the visit's appointment; with no lines, one line of its service") @Nullable
                    UUID appointmentId,
            @Nullable List<@Nullable LineRequest> lines) {}

    /** The lines that replace an invoice's lines. */
    record LinesRequest(@Nullable List<@Nullable LineRequest> lines) {}

    /** A desk payment. */
    record PaymentRequest(
            @Schema(allowableValues = {"CASH", "CARD"}) @Nullable String method,
            @Schema(description = "tiyin, more than 0 and at most the outstanding amount") @Nullable Long amount) {}

    /** A reason (refund, cancellation). */
    record ReasonRequest(@Nullable String reason) {}

    @PostMapping("/api/v1/invoices")
    @PreAuthorize(BillingRoles.WRITE_INVOICES)
    @Operation(
            summary = "Create a DRAFT invoice {patientId, branchId, encounterId?, appointmentId?, lines:[{serviceId,"
                    + " quantity, discount?}]}; prices and totals computed by the server")
    @ApiResponse(responseCode = "201", description = "Created, with its payment reference")
    @ApiResponse(responseCode = "400", description = "A field is missing or invalid (named in errors)")
    @ApiResponse(
            responseCode = "422",
            description = "A service has no price here, or a discount above the caller's limit")
    ResponseEntity<InvoiceResponse> create(@RequestBody CreateInvoiceRequest request) {
        InvoiceResponse body = InvoiceResponse.from(book.create(new InvoiceBook.CreateInput(
                request.patientId(),
                request.branchId(),
                request.encounterId(),
                request.appointmentId(),
                lines(request.lines()))));
        return ResponseEntity.created(URI.create("/api/v1/invoices/" + body.id()))
                .body(body);
    }

    @PutMapping("/api/v1/invoices/{id}/lines")
    @PreAuthorize(BillingRoles.WRITE_INVOICES)
    @Operation(summary = "Replace the lines of an invoice not yet paid in full (re-priced by the server)")
    @ApiResponse(responseCode = "409", description = "Paid, cancelled or refunded; or a PayMe payment holds it")
    InvoiceResponse replaceLines(@PathVariable UUID id, @RequestBody LinesRequest request) {
        List<InvoiceBook.LineInput> lines = lines(request.lines());
        return InvoiceResponse.from(book.replaceLines(id, lines));
    }

    @PostMapping("/api/v1/invoices/{id}/issue")
    @PreAuthorize(BillingRoles.WRITE_INVOICES)
    @Operation(summary = "Issue a DRAFT invoice: payable from now on, at the desk and through PayMe and Click")
    InvoiceResponse issue(@PathVariable UUID id) {
        return InvoiceResponse.from(book.issue(id));
    }

    @PostMapping("/api/v1/invoices/{id}/cancel")
    @PreAuthorize(BillingRoles.WRITE_INVOICES)
    @Operation(summary = "Cancel an invoice nothing was paid on {reason}")
    InvoiceResponse cancel(@PathVariable UUID id, @RequestBody ReasonRequest request) {
        return InvoiceResponse.from(book.cancel(id, request.reason()));
    }

    @GetMapping("/api/v1/invoices/{id}")
    @PreAuthorize(BillingRoles.SEE_INVOICES)
    @Operation(summary = "An invoice: {id, paymentReference, status, total, paid, outstanding, lines, payments}")
    InvoiceResponse get(@PathVariable UUID id) {
        return InvoiceResponse.from(book.get(id));
    }

    @GetMapping("/api/v1/invoices")
    @PreAuthorize(BillingRoles.SEE_INVOICES)
    @Operation(summary = "The cash desk's list: a branch's invoices created on a day (today by default), newest first")
    List<InvoiceResponse.Summary> list(
            @RequestParam(required = false) @Nullable UUID branchId,
            @Parameter(description = "YYYY-MM-DD in the branch's time zone; today if absent")
                    @RequestParam(required = false)
                    @Nullable
                    String date,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable Integer limit) {
        List<InvoiceRow> rows = book.list(branchId, date, status, limit);
        Set<PatientId> ids =
                rows.stream().map(row -> new PatientId(row.patientId())).collect(Collectors.toSet());
        Map<PatientId, PatientDirectory.Entry> names =
                ids.isEmpty() ? Map.of() : patients.findAll(TenantContext.require(), ids);
        return rows.stream()
                .map(row -> {
                    PatientDirectory.Entry entry = names.get(new PatientId(row.patientId()));
                    return InvoiceResponse.Summary.from(row, entry == null ? null : entry.displayName());
                })
                .toList();
    }

    @PostMapping("/api/v1/invoices/{id}/payments")
    @PreAuthorize(BillingRoles.TAKE_PAYMENTS)
    @Operation(
            summary = "Record a cash or card-terminal payment {method: CASH|CARD, amount} (0 < amount ≤ outstanding);"
                    + " the invoice becomes PARTIALLY_PAID or PAID (InvoicePaid) in the same transaction")
    @ApiResponse(responseCode = "201", description = "Recorded; the invoice after it")
    @ApiResponse(responseCode = "409", description = "Not payable (draft, paid, cancelled) or a PayMe payment holds it")
    @ApiResponse(responseCode = "422", description = "The amount is above what is outstanding")
    ResponseEntity<InvoiceResponse> pay(@PathVariable UUID id, @RequestBody PaymentRequest request) {
        InvoiceResponse body = InvoiceResponse.from(book.pay(id, request.method(), request.amount()));
        return ResponseEntity.status(201).body(body);
    }

    @PostMapping("/api/v1/payments/{id}/refund")
    @PreAuthorize(BillingRoles.REFUND)
    @Operation(summary = "Refund a cash or card payment {reason} (administrators); the invoice after it")
    @ApiResponse(responseCode = "409", description = "Refunded already, or a PayMe/Click payment (refunded there)")
    InvoiceResponse refund(@PathVariable UUID id, @RequestBody ReasonRequest request) {
        return InvoiceResponse.from(book.refund(id, request.reason()));
    }

    private static List<InvoiceBook.LineInput> lines(@Nullable List<@Nullable LineRequest> lines) {
        if (lines == null) {
            return List.of();
        }
        return lines.stream()
                .map(line -> line == null ? new InvoiceBook.LineInput(null, null, null) : line.toInput())
                .toList();
    }
}
