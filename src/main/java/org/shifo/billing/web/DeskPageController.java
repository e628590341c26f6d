package org.shifo.billing.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.BillingRoles;
import org.shifo.billing.domain.BillingConflictException;
import org.shifo.billing.domain.BillingNotFoundException;
import org.shifo.billing.domain.BillingRuleException;
import org.shifo.billing.domain.InvoiceStatus;
import org.shifo.billing.invoices.InvoiceBook;
import org.shifo.billing.invoices.PriceList;
import org.shifo.billing.persistence.InvoiceStore.InvoiceRow;
import org.shifo.billing.persistence.PaymentStore.PaymentRow;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.StaffDirectory;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.shifo.scheduling.AppointmentId;
import org.shifo.scheduling.AppointmentLookup;
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
 * The cash desk: today's invoices of a branch ({@code /billing/desk}), a new invoice for a patient or a visit's
 * appointment ({@code /billing/invoices/new}), and an invoice's page ({@code /billing/invoices/{id}}) with its
 * lines and discounts, issue, cancel, desk payments (cash, card; partial allowed), the PayMe and Click links with
 * their QR codes, refunds (administrators) and the receipt. Every change goes through {@link InvoiceBook}, so the
 * pages keep the API's rules, audit and answers; a refusal is shown beside its field (400, 409 or 422).
 */
@Controller
class DeskPageController {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final InvoiceBook book;
    private final PriceList prices;
    private final PatientDirectory patients;
    private final AppointmentLookup appointments;
    private final StaffDirectory staff;
    private final DeskBranches branches;
    private final PaymentLinks links;
    private final PageErrors errors;

    DeskPageController(
            InvoiceBook book,
            PriceList prices,
            PatientDirectory patients,
            AppointmentLookup appointments,
            StaffDirectory staff,
            DeskBranches branches,
            PaymentLinks links,
            PageErrors errors) {
        this.book = book;
        this.prices = prices;
        this.patients = patients;
        this.appointments = appointments;
        this.staff = staff;
        this.branches = branches;
        this.links = links;
        this.errors = errors;
    }

    /** A row of the desk's list. */
    record Row(
            String id,
            String reference,
            String time,
            String patient,
            String status,
            long total,
            long paid,
            long outstanding) {}

    /** A payment as the invoice page shows it. */
    record PaymentView(PaymentRow payment, String receivedAt, String cashier, @Nullable String refundedAt) {}

    // --- the desk ------------------------------------------------------------------------------------------

    @GetMapping("/billing/desk")
    @PreAuthorize(BillingRoles.SEE_INVOICES)
    String desk(
            @RequestParam(required = false) @Nullable String branch,
            @RequestParam(required = false) @Nullable String status,
            Model model) {
        StaffDirectory.Branch chosen = branches.chosen(branch);
        String wanted = status == null || status.isBlank() ? null : status;
        if (wanted != null && !Set.of(names(InvoiceStatus.values())).contains(wanted)) {
            wanted = null;
        }
        List<InvoiceRow> rows = book.list(chosen.id().value(), null, wanted, InvoiceBook.MAX_LIST);
        Map<PatientId, PatientDirectory.Entry> names = patientsOf(rows);
        ZoneId zone = chosen.timeZone();
        model.addAttribute(
                "invoices",
                rows.stream()
                        .map(row -> new Row(
                                row.id().toString(),
                                row.paymentReference(),
                                TIME.format(row.createdAt().atZone(zone)),
                                Optional.ofNullable(names.get(new PatientId(row.patientId())))
                                        .map(PatientDirectory.Entry::displayName)
                                        .orElse(""),
                                row.status().name(),
                                row.total(),
                                row.paid(),
                                row.outstanding()))
                        .toList());
        model.addAttribute("branches", branches.mine());
        model.addAttribute("branch", chosen);
        model.addAttribute("statuses", names(InvoiceStatus.values()));
        model.addAttribute("status", wanted == null ? "" : wanted);
        model.addAttribute("money", Amounts.INSTANCE);
        model.addAttribute("canCreate", canWrite(CurrentUser.get()));
        return "billing/desk";
    }

    // --- a new invoice -------------------------------------------------------------------------------------

    @GetMapping("/billing/invoices/new")
    @PreAuthorize(BillingRoles.WRITE_INVOICES)
    String newInvoice(
            @RequestParam(required = false) @Nullable String patient,
            @RequestParam(required = false) @Nullable String appointment,
            @RequestParam(required = false) @Nullable String encounter,
            @RequestParam(required = false) @Nullable String branch,
            @RequestParam(required = false) @Nullable String q,
            Model model) {
        return newPage(model, patient, appointment, encounter, branch, q, Map.of(), Map.of());
    }

    @PostMapping("/billing/invoices")
    @PreAuthorize(BillingRoles.WRITE_INVOICES)
    String create(
            @RequestParam(required = false) @Nullable String patient,
            @RequestParam(required = false) @Nullable String appointment,
            @RequestParam(required = false) @Nullable String encounter,
            @RequestParam(required = false) @Nullable String branch,
            @RequestParam(name = "service", required = false) @Nullable List<String> services,
            @RequestParam(name = "quantity", required = false) @Nullable List<String> quantities,
            Model model,
            Locale locale,
            HttpServletResponse response) {
        StaffDirectory.Branch chosen = branches.chosen(branch);
        Map<String, String> typed = new LinkedHashMap<>();
        List<InvoiceBook.LineInput> lines = new ArrayList<>();
        Map<String, String> problems = new LinkedHashMap<>();
        List<String> ids = services == null ? List.of() : services;
        List<String> counts = quantities == null ? List.of() : quantities;
        for (int i = 0; i < ids.size(); i++) {
            String count = i < counts.size() ? counts.get(i).strip() : "";
            typed.put(ids.get(i), count);
            if (count.isEmpty() || count.equals("0")) {
                continue;
            }
            if (!count.matches("\\d{1,4}")) {
                problems.put("quantity-" + ids.get(i), errors.text("billing.desk.error.quantity", locale));
                continue;
            }
            lines.add(new InvoiceBook.LineInput(PageIds.uuid(ids.get(i)), Integer.parseInt(count), null));
        }
        if (problems.isEmpty()) {
            try {
                InvoiceBook.InvoiceView created = book.create(new InvoiceBook.CreateInput(
                        PageIds.optional(patient),
                        chosen.id().value(),
                        PageIds.optional(encounter),
                        PageIds.optional(appointment),
                        lines));
                return "redirect:/billing/invoices/" + created.invoice().id() + "?created";
            } catch (BillingRuleException e) {
                problems.putAll(errors.of(e, locale));
                response.setStatus(e.isRefusal() ? 422 : 400);
            }
        } else {
            response.setStatus(400);
        }
        return newPage(
                model, patient, appointment, encounter, chosen.id().value().toString(), null, typed, problems);
    }

    private String newPage(
            Model model,
            @Nullable String patient,
            @Nullable String appointment,
            @Nullable String encounter,
            @Nullable String branch,
            @Nullable String q,
            Map<String, String> typed,
            Map<String, String> problems) {
        TenantId tenant = TenantContext.require();
        AppointmentLookup.Summary visit = null;
        String branchWanted = branch;
        String patientWanted = patient;
        if (appointment != null && !appointment.isBlank()) {
            visit = appointments
                    .find(tenant, new AppointmentId(PageIds.uuid(appointment)))
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            patientWanted = visit.patient().value().toString();
            branchWanted = visit.branch().value().toString();
        }
        StaffDirectory.Branch chosen = branches.chosen(branchWanted);
        PatientDirectory.Entry entry = null;
        if (patientWanted != null && !patientWanted.isBlank()) {
            entry = patients.find(tenant, new PatientId(PageIds.uuid(patientWanted)))
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        model.addAttribute("patient", entry);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("found", entry == null && q != null && !q.isBlank() ? patients.search(q, 20) : List.of());
        model.addAttribute(
                "appointment", visit == null ? "" : visit.id().value().toString());
        model.addAttribute("encounter", encounter == null ? "" : encounter);
        model.addAttribute(
                "visitTime", visit == null ? "" : WHEN.format(visit.start().atZone(chosen.timeZone())));
        model.addAttribute("visitService", visit == null ? "" : visit.service().toString());
        Map<String, String> quantities = new LinkedHashMap<>(typed);
        if (visit != null && typed.isEmpty()) {
            quantities.put(visit.service().toString(), "1");
        }
        model.addAttribute("quantities", quantities);
        model.addAttribute("prices", prices.list(chosen.id().value()));
        model.addAttribute("branches", branches.mine());
        model.addAttribute("branch", chosen);
        model.addAttribute("errors", problems);
        model.addAttribute("money", Amounts.INSTANCE);
        return "billing/new";
    }

    // --- an invoice ----------------------------------------------------------------------------------------

    @GetMapping("/billing/invoices/{id}")
    @PreAuthorize(BillingRoles.SEE_INVOICES)
    String invoice(@PathVariable String id, Model model, Locale locale) {
        return invoicePage(model, locale, () -> book.get(PageIds.uuid(id)), Map.of(), null);
    }

    @PostMapping("/billing/invoices/{id}/issue")
    @PreAuthorize(BillingRoles.WRITE_INVOICES)
    String issue(
            @PathVariable String id,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UUID invoice = PageIds.uuid(id);
        return change(invoice, "issued", () -> book.issue(invoice), model, locale, response, redirect);
    }

    @PostMapping("/billing/invoices/{id}/cancel")
    @PreAuthorize(BillingRoles.WRITE_INVOICES)
    String cancel(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String reason,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UUID invoice = PageIds.uuid(id);
        return change(invoice, "cancelled", () -> book.cancel(invoice, reason), model, locale, response, redirect);
    }

    @PostMapping("/billing/invoices/{id}/lines/add")
    @PreAuthorize(BillingRoles.WRITE_INVOICES)
    String addLine(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String service,
            @RequestParam(required = false) @Nullable String quantity,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UUID invoice = PageIds.uuid(id);
        Integer count = quantity == null || quantity.isBlank()
                ? Integer.valueOf(1)
                : quantity.strip().matches("\\d{1,4}") ? Integer.valueOf(quantity.strip()) : null;
        if (count == null) {
            return unreadable(model, locale, response, invoice, "add.quantity", "billing.desk.error.quantity");
        }
        return change(
                invoice,
                "lines",
                () -> editLines(
                        invoice,
                        0,
                        lines -> lines.add(new InvoiceBook.LineInput(PageIds.optional(service), count, null))),
                model,
                locale,
                response,
                redirect);
    }

    @PostMapping("/billing/invoices/{id}/lines/{position}/remove")
    @PreAuthorize(BillingRoles.WRITE_INVOICES)
    String removeLine(
            @PathVariable String id,
            @PathVariable int position,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UUID invoice = PageIds.uuid(id);
        return change(
                invoice,
                "lines",
                () -> editLines(invoice, position, lines -> lines.remove(position - 1)),
                model,
                locale,
                response,
                redirect);
    }

    @PostMapping("/billing/invoices/{id}/lines/{position}/discount")
    @PreAuthorize(BillingRoles.WRITE_INVOICES)
    String discount(
            @PathVariable String id,
            @PathVariable int position,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(required = false) @Nullable String reason,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UUID invoice = PageIds.uuid(id);
        String at = "lines[" + (position - 1) + "].discount";
        Long amount;
        if ("FIXED".equals(kind)) {
            amount = Amounts.parse(value).orElse(null);
        } else {
            amount = value != null && value.strip().matches("\\d{1,3}") ? Long.valueOf(value.strip()) : null;
        }
        if (amount == null) {
            return unreadable(model, locale, response, invoice, at + ".value", "billing.desk.error.discountValue");
        }
        return change(
                invoice,
                "discount",
                () -> editLines(invoice, position, lines -> {
                    InvoiceBook.LineInput line = lines.get(position - 1);
                    lines.set(
                            position - 1,
                            new InvoiceBook.LineInput(
                                    line.serviceId(),
                                    line.quantity(),
                                    new InvoiceBook.DiscountInput(kind, amount, reason)));
                }),
                model,
                locale,
                response,
                redirect);
    }

    @PostMapping("/billing/invoices/{id}/payments")
    @PreAuthorize(BillingRoles.TAKE_PAYMENTS)
    String pay(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String method,
            @RequestParam(required = false) @Nullable String amount,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UUID invoice = PageIds.uuid(id);
        Long tiyin = Amounts.parse(amount).orElse(null);
        if (tiyin == null) {
            return unreadable(model, locale, response, invoice, "amount", "billing.desk.error.amount");
        }
        return change(invoice, "paid", () -> book.pay(invoice, method, tiyin), model, locale, response, redirect);
    }

    @PostMapping("/billing/payments/{id}/refund")
    @PreAuthorize(BillingRoles.REFUND)
    String refund(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String invoice,
            @RequestParam(required = false) @Nullable String reason,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        UUID payment = PageIds.uuid(id);
        UUID of = PageIds.uuid(invoice);
        try {
            InvoiceBook.InvoiceView after = book.refund(payment, reason);
            redirect.addFlashAttribute("done", "refunded");
            return "redirect:/billing/invoices/" + after.invoice().id();
        } catch (BillingNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (BillingRuleException e) {
            response.setStatus(400);
            Map<String, String> problems = new LinkedHashMap<>();
            errors.of(e, locale).forEach((field, message) -> problems.put("refund-" + id + "." + field, message));
            return invoicePage(model, locale, () -> book.get(of), problems, null);
        } catch (BillingConflictException e) {
            response.setStatus(409);
            return invoicePage(model, locale, () -> book.get(of), Map.of(), errors.of(e, locale));
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** Runs a change; on success back to the invoice (PRG), else the page with the refusal (400/409/422). */
    private String change(
            UUID invoice,
            String done,
            Supplier<InvoiceBook.InvoiceView> action,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            var unused = action.get();
            redirect.addFlashAttribute("done", done);
            return "redirect:/billing/invoices/" + invoice;
        } catch (BillingNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (BillingRuleException e) {
            response.setStatus(e.isRefusal() ? 422 : 400);
            return invoicePage(model, locale, () -> book.get(invoice), errors.of(e, locale), null);
        } catch (BillingConflictException e) {
            response.setStatus(409);
            return invoicePage(model, locale, () -> book.get(invoice), Map.of(), errors.of(e, locale));
        }
    }

    /** Input the page could not read: the invoice again with the message beside the field, 400, nothing stored. */
    private String unreadable(
            Model model, Locale locale, HttpServletResponse response, UUID invoice, String field, String key) {
        response.setStatus(400);
        return invoicePage(model, locale, () -> book.get(invoice), Map.of(field, errors.text(key, locale)), null);
    }

    /**
     * Replaces the invoice's lines by its current ones changed by {@code edit}; a {@code position} (1-based, 0 for
     * none) that names no line is the 404 page.
     */
    private InvoiceBook.InvoiceView editLines(
            UUID invoice, int position, java.util.function.Consumer<List<InvoiceBook.LineInput>> edit) {
        List<InvoiceBook.LineInput> lines = new ArrayList<>(current(invoice));
        if (position != 0 && (position < 1 || position > lines.size())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        edit.accept(lines);
        return book.replaceLines(invoice, lines);
    }

    /** The invoice's lines as input again, with their discounts (judged anew against the person changing them). */
    private List<InvoiceBook.LineInput> current(UUID invoice) {
        return book.get(invoice).lines().stream()
                .map(line -> new InvoiceBook.LineInput(
                        line.serviceId(),
                        line.quantity(),
                        line.discountKind() == null
                                ? null
                                : new InvoiceBook.DiscountInput(
                                        line.discountKind().name(), line.discountValue(), line.discountReason())))
                .toList();
    }

    private String invoicePage(
            Model model,
            Locale locale,
            Supplier<InvoiceBook.InvoiceView> read,
            Map<String, String> problems,
            @Nullable String conflict) {
        InvoiceBook.InvoiceView view;
        try {
            view = read.get();
        } catch (BillingNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        InvoiceRow invoice = view.invoice();
        Staff me = CurrentUser.get();
        StaffDirectory.Branch branch = branches.of(invoice.branchId());
        ZoneId zone = branch.timeZone();
        TenantId tenant = TenantContext.require();
        PatientDirectory.Entry patient =
                patients.find(tenant, new PatientId(invoice.patientId())).orElse(null);
        Map<UUID, String> people =
                StaffNames.of(staff, tenant, view.payments().stream().map(p -> p.cashierId()));
        List<PaymentView> payments = view.payments().stream()
                .map(p -> new PaymentView(
                        p,
                        WHEN.format(p.receivedAt().atZone(zone)),
                        p.cashierId() == null ? "" : people.getOrDefault(p.cashierId(), ""),
                        p.refundedAt() == null
                                ? null
                                : WHEN.format(p.refundedAt().atZone(zone))))
                .toList();
        boolean write = canWrite(me);
        boolean pending = view.providerPending();
        InvoiceStatus status = invoice.status();
        model.addAttribute("invoice", invoice);
        model.addAttribute("lines", view.lines());
        model.addAttribute("payments", payments);
        model.addAttribute("patient", patient);
        model.addAttribute("branch", branch);
        model.addAttribute("createdAt", WHEN.format(invoice.createdAt().atZone(zone)));
        model.addAttribute("providerPending", pending);
        model.addAttribute("canEdit", write && status.editable() && !pending);
        model.addAttribute("canIssue", write && status == InvoiceStatus.DRAFT);
        model.addAttribute(
                "canCancel",
                write && (status == InvoiceStatus.DRAFT || status == InvoiceStatus.ISSUED) && invoice.paid() == 0);
        model.addAttribute("canPay", me.hasRole(Role.CASHIER) && status.payable() && !pending);
        model.addAttribute("canRefund", me.hasRole(Role.ADMIN));
        model.addAttribute("prices", status.editable() && write ? prices.list(invoice.branchId()) : List.of());
        boolean linkable = status.payable() && invoice.outstanding() > 0;
        model.addAttribute(
                "payme",
                linkable
                        ? links.payme(invoice.paymentReference(), invoice.outstanding(), locale.getLanguage())
                                .orElse(null)
                        : null);
        model.addAttribute(
                "click",
                linkable
                        ? links.click(invoice.paymentReference(), invoice.outstanding())
                                .orElse(null)
                        : null);
        model.addAttribute("errors", problems);
        model.addAttribute("conflict", conflict);
        model.addAttribute("money", Amounts.INSTANCE);
        return "billing/invoice";
    }

    private Map<PatientId, PatientDirectory.Entry> patientsOf(List<InvoiceRow> rows) {
        Set<PatientId> ids =
                rows.stream().map(row -> new PatientId(row.patientId())).collect(Collectors.toSet());
        return ids.isEmpty() ? Map.of() : patients.findAll(TenantContext.require(), ids);
    }

    static boolean canWrite(Staff me) {
        return me.hasRole(Role.ADMIN) || me.hasRole(Role.CASHIER) || me.hasRole(Role.RECEPTIONIST);
    }

    static String[] names(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = values[i].name();
        }
        return names;
    }
}
