package org.shifo.billing.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.BillingRoles;
import org.shifo.billing.domain.BillingNotFoundException;
import org.shifo.billing.invoices.InvoiceBook;
import org.shifo.billing.persistence.InvoiceStore.InvoiceRow;
import org.shifo.billing.persistence.InvoiceStore.LineRow;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.StaffDirectory;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.shifo.platform.PdfDocuments;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * An invoice's receipt, as a printable page ({@code /billing/invoices/{id}/receipt}) and as a PDF ({@code
 * .../receipt.pdf}), in the patient's language unless {@code language} asks for another: the organization, the
 * branch, the payment reference, the lines with their discounts and VAT (where the price includes it), the
 * payments and refunds with their cashiers, and the times in the branch's zone. Amounts are so'm with tiyin.
 * Reading it is an audited invoice read.
 */
@Controller
@PreAuthorize(BillingRoles.SEE_INVOICES)
class ReceiptPageController {

    /** Uzbekistan's VAT rate (Tax Code art. 258, 12 % since 2023), for the VAT contained in a flagged price. */
    static final int VAT_PERCENT = 12;

    private static final List<String> LANGUAGES = List.of("uz", "ru", "en");

    private final InvoiceBook book;
    private final PatientDirectory patients;
    private final StaffDirectory staff;
    private final PdfDocuments pdf;
    private final MessageSource messages;
    private final Clock clock;

    ReceiptPageController(
            InvoiceBook book,
            PatientDirectory patients,
            StaffDirectory staff,
            PdfDocuments pdf,
            MessageSource messages,
            Clock clock) {
        this.clock = clock;
        this.book = book;
        this.patients = patients;
        this.staff = staff;
        this.pdf = pdf;
        this.messages = messages;
    }

    /** A line of the receipt: its VAT (0 when the price does not include it). */
    record ReceiptLine(LineRow line, long vat) {}

    /** A payment of the receipt. */
    record ReceiptPayment(String method, long amount, String at, String cashier, @Nullable String refundedAt) {}

    @GetMapping("/billing/invoices/{id}/receipt")
    String page(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String language,
            Model model,
            HttpServletRequest request) {
        Receipt receipt = receipt(PageIds.uuid(id), language);
        // this page alone in the receipt's language: the locale resolver answers this request's attribute first
        // (the shell's "lang" parameter would change the reader's own language, so the receipt's is "language")
        request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, receipt.language());
        model.addAllAttributes(receipt.variables());
        model.addAttribute("receiptLanguage", receipt.language().getLanguage());
        return "billing/receipt";
    }

    @GetMapping("/billing/invoices/{id}/receipt.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String id, @RequestParam(required = false) @Nullable String language) {
        Receipt receipt = receipt(PageIds.uuid(id), language);
        byte[] document = pdf.render("billing/receipt-pdf", receipt.variables(), receipt.language());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename("receipt-" + receipt.reference() + ".pdf")
                                .build()
                                .toString())
                .body(document);
    }

    private record Receipt(Map<String, Object> variables, Locale language, String reference) {}

    private Receipt receipt(UUID id, @Nullable String lang) {
        InvoiceBook.InvoiceView view;
        try {
            view = book.get(id);
        } catch (BillingNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        InvoiceRow invoice = view.invoice();
        TenantId tenant = TenantContext.require();
        PatientDirectory.Entry patient =
                patients.find(tenant, new PatientId(invoice.patientId())).orElse(null);
        // the patient's language unless the caller asks for another one
        String chosen = lang != null && LANGUAGES.contains(lang)
                ? lang
                : patient != null && LANGUAGES.contains(patient.language()) ? patient.language() : "uz";
        Locale language = Locale.of(chosen);
        StaffDirectory.Branch branch = staff.branch(tenant, new org.shifo.identity.BranchId(invoice.branchId()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        ZoneId zone = branch.timeZone();
        Map<UUID, String> people = StaffNames.of(
                staff,
                tenant,
                Stream.concat(
                        view.payments().stream().map(p -> p.cashierId()),
                        Stream.of(CurrentUser.get().userId().value())));
        List<ReceiptLine> lines = view.lines().stream()
                .map(line -> new ReceiptLine(line, line.vatIncluded() ? vatOf(line.lineTotal()) : 0))
                .toList();
        List<ReceiptPayment> payments = view.payments().stream()
                .map(p -> new ReceiptPayment(
                        p.method().name(),
                        p.amount(),
                        DeskPageController.WHEN.format(p.receivedAt().atZone(zone)),
                        p.cashierId() == null ? "" : people.getOrDefault(p.cashierId(), ""),
                        p.refundedAt() == null
                                ? null
                                : DeskPageController.WHEN.format(p.refundedAt().atZone(zone))))
                .toList();
        Map<String, Object> variables = new HashMap<>();
        variables.put("organization", staff.organizationName(tenant).orElse(""));
        variables.put("branch", branch);
        variables.put("invoice", invoice);
        variables.put("patient", patient);
        variables.put("lines", lines);
        variables.put("vat", lines.stream().mapToLong(ReceiptLine::vat).sum());
        variables.put("vatPercent", VAT_PERCENT);
        variables.put(
                "discounts",
                view.lines().stream().mapToLong(LineRow::discountAmount).sum());
        variables.put("payments", payments);
        variables.put(
                "createdAt", DeskPageController.WHEN.format(invoice.createdAt().atZone(zone)));
        variables.put(
                "printedAt", DeskPageController.WHEN.format(clock.instant().atZone(zone)));
        variables.put(
                "printedBy", people.getOrDefault(CurrentUser.get().userId().value(), ""));
        variables.put("money", Amounts.INSTANCE);
        variables.put(
                "title",
                messages.getMessage("billing.receipt.title", new Object[] {invoice.paymentReference()}, language));
        return new Receipt(variables, language, invoice.paymentReference());
    }

    /** The VAT contained in a price that includes it: amount × 12 / 112, rounded half up to the tiyin. */
    static long vatOf(long amount) {
        return (amount * VAT_PERCENT + (100 + VAT_PERCENT) / 2) / (100 + VAT_PERCENT);
    }
}
