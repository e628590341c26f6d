package org.shifo.billing.invoices;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.BillingRoles;
import org.shifo.billing.domain.BillingConflictException;
import org.shifo.billing.domain.BillingNotFoundException;
import org.shifo.billing.domain.BillingRuleException;
import org.shifo.billing.domain.DiscountKind;
import org.shifo.billing.domain.InvoiceStatus;
import org.shifo.billing.domain.Money;
import org.shifo.billing.domain.PaymentMethod;
import org.shifo.billing.domain.Violation;
import org.shifo.billing.persistence.InvoiceStore;
import org.shifo.billing.persistence.InvoiceStore.InvoiceRow;
import org.shifo.billing.persistence.InvoiceStore.LineRow;
import org.shifo.billing.persistence.PaymentStore;
import org.shifo.billing.persistence.PaymentStore.PaymentRow;
import org.shifo.billing.persistence.PriceStore;
import org.shifo.billing.persistence.ProviderTransactionStore;
import org.shifo.identity.BranchId;
import org.shifo.identity.BranchTimeZones;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantId;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.shifo.scheduling.AppointmentId;
import org.shifo.scheduling.AppointmentLookup;
import org.shifo.scheduling.ServiceLookup;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invoices from creation to payment and refund. The server prices every line from the branch's price list and
 * computes the discounts and totals; a client's totals are never read. Every change locks the invoice row
 * first, is audited, and commits with its effects (payment row, invoice status, {@code InvoicePaid} / {@code
 * PaymentRefunded}) or not at all. Invoices in a branch the caller does not work in are "not found".
 */
@Service
public class InvoiceBook {

    static final int MAX_REASON = 500;

    /** PayMe's timeout of a created transaction (spec §7): after it, the transaction holds the invoice no more. */
    public static final long PAYME_TIMEOUT_MS = 43_200_000L;

    public static final int MAX_LIST = 500;

    private final InvoiceStore invoices;
    private final PaymentStore payments;
    private final PriceStore prices;
    private final ProviderTransactionStore providerTransactions;
    private final ServiceLookup services;
    private final AppointmentLookup appointments;
    private final PatientDirectory patients;
    private final BranchTimeZones zones;
    private final BillingContext context;
    private final InvoicePayments paying;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readOnly;

    private final org.springframework.context.ApplicationEventPublisher events;

    InvoiceBook(
            InvoiceStore invoices,
            PaymentStore payments,
            PriceStore prices,
            ProviderTransactionStore providerTransactions,
            ServiceLookup services,
            AppointmentLookup appointments,
            PatientDirectory patients,
            BranchTimeZones zones,
            BillingContext context,
            InvoicePayments paying,
            org.springframework.context.ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager) {
        this.events = events;
        this.invoices = invoices;
        this.payments = payments;
        this.prices = prices;
        this.providerTransactions = providerTransactions;
        this.services = services;
        this.appointments = appointments;
        this.patients = patients;
        this.zones = zones;
        this.context = context;
        this.paying = paying;
        this.transactions = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    /** A discount as the client sends it: kind PERCENT (whole percent) or FIXED (tiyin), value, reason. */
    public record DiscountInput(@Nullable String kind, @Nullable Long value, @Nullable String reason) {}

    /** A line as the client sends it; quantity defaults to 1. */
    public record LineInput(@Nullable UUID serviceId, @Nullable Integer quantity, @Nullable DiscountInput discount) {}

    /** A new invoice; with an appointment and no lines, one line of the appointment's service. */
    public record CreateInput(
            @Nullable UUID patientId,
            @Nullable UUID branchId,
            @Nullable UUID encounterId,
            @Nullable UUID appointmentId,
            @Nullable List<LineInput> lines) {}

    /** An invoice with its lines and payments, and whether a provider payment holds it now. */
    public record InvoiceView(
            InvoiceRow invoice, List<LineRow> lines, List<PaymentRow> payments, boolean providerPending) {

        public long outstanding() {
            return invoice.outstanding();
        }
    }

    // --- creating and editing --------------------------------------------------------------------------------

    /** Creates a DRAFT invoice priced from the branch's price list; 400/422 store nothing. */
    public InvoiceView create(CreateInput input) {
        Checks checks = new Checks();
        UUID patientId = checks.required("patientId", input.patientId());
        UUID branchId = checks.required("branchId", input.branchId());
        if (branchId != null && !context.worksIn(branchId)) {
            checks.add(Violation.of("branchId", "unknown-branch", "is not a branch of this organization"));
        }
        List<LineInput> lines = input.lines();
        if ((lines == null || lines.isEmpty()) && input.appointmentId() == null) {
            checks.add(Violation.of("lines", "required", "must have at least one line (or name an appointment)"));
        }
        checks.check();
        UUID tenant = context.tenant();
        Staff staff = context.staff();
        UUID branch = Objects.requireNonNull(branchId);
        UUID patient = Objects.requireNonNull(patientId);
        try {
            InvoiceView view = transactions.execute(status -> {
                if (patients.find(new TenantId(tenant), new PatientId(patient)).isEmpty()) {
                    throw BillingRuleException.invalid(
                            Violation.of("patientId", "unknown-patient", "is not a patient of this organization"));
                }
                List<LineInput> wanted = lines == null || lines.isEmpty() ? List.of() : lines;
                if (input.appointmentId() != null) {
                    AppointmentLookup.Summary appointment = appointments
                            .find(new TenantId(tenant), new AppointmentId(input.appointmentId()))
                            .filter(a -> a.patient().value().equals(patient))
                            .orElseThrow(() -> BillingRuleException.invalid(Violation.of(
                                    "appointmentId", "unknown-appointment", "is not an appointment of this patient")));
                    if (wanted.isEmpty()) {
                        wanted = List.of(new LineInput(appointment.service(), 1, null));
                    }
                }
                List<LineRow> priced = price(tenant, staff, branch, wanted, "lines");
                long total = total(priced);
                Instant now = context.now();
                InvoiceRow row = new InvoiceRow(
                        UUID.randomUUID(),
                        branch,
                        patient,
                        input.encounterId(),
                        input.appointmentId(),
                        invoices.nextReference(tenant),
                        InvoiceStatus.DRAFT,
                        total,
                        0,
                        true,
                        now,
                        staff.userId().value(),
                        null,
                        null,
                        null,
                        null,
                        now,
                        0);
                invoices.insert(tenant, row);
                invoices.insertLines(tenant, row.id(), priced);
                context.record("invoice.create", "invoice", row.id(), details(row, priced));
                return new InvoiceView(row, priced, List.of(), false);
            });
            return Objects.requireNonNull(view);
        } catch (DataIntegrityViolationException e) {
            throw integrity(e);
        }
    }

    /** Replaces the lines of an invoice that is not paid in full, cancelled or refunded. */
    public InvoiceView replaceLines(UUID id, @Nullable List<LineInput> lines) {
        if (lines == null || lines.isEmpty()) {
            throw BillingRuleException.invalid(Violation.of("lines", "required", "must have at least one line"));
        }
        UUID tenant = context.tenant();
        Staff staff = context.staff();
        try {
            transactions.executeWithoutResult(status -> {
                InvoiceRow invoice = locked(tenant, id);
                if (!invoice.status().editable()) {
                    throw new BillingConflictException(
                            "not-editable",
                            "An invoice in status " + invoice.status() + " cannot be changed.",
                            invoice.status().name());
                }
                refuseWhileProviderPending(tenant, invoice);
                List<LineRow> priced = price(tenant, staff, invoice.branchId(), lines, "lines");
                long total = total(priced);
                if (invoice.paid() > 0 && total <= invoice.paid()) {
                    throw BillingRuleException.refused(Violation.of(
                            "lines",
                            "total-not-above-paid",
                            "the new total must stay above what was paid already (" + invoice.paid() + " tiyin)",
                            invoice.paid()));
                }
                invoices.replaceLines(tenant, id, priced, total, context.now());
                Map<String, String> details = details(invoice, priced);
                details.put("previousTotal", Long.toString(invoice.total()));
                details.put("total", Long.toString(total));
                context.record("invoice.update_lines", "invoice", id, details);
            });
        } catch (DataIntegrityViolationException e) {
            throw integrity(e);
        }
        return view(tenant, id);
    }

    /** DRAFT → ISSUED: payable from now on (at the desk and through the providers). */
    public InvoiceView issue(UUID id) {
        UUID tenant = context.tenant();
        UUID by = context.staff().userId().value();
        transactions.executeWithoutResult(status -> {
            InvoiceRow invoice = locked(tenant, id);
            if (invoice.status() != InvoiceStatus.DRAFT) {
                throw new BillingConflictException(
                        "not-draft",
                        "Only a draft can be issued; this invoice is " + invoice.status() + ".",
                        invoice.status().name());
            }
            if (invoice.total() == 0) {
                throw BillingRuleException.refused(
                        Violation.of("total", "zero-total", "an invoice of 0 tiyin cannot be issued; cancel it"));
            }
            Instant now = context.now();
            invoices.issue(tenant, id, by, now);
            context.record("invoice.issue", "invoice", id, Map.of("total", Long.toString(invoice.total())));
            events.publishEvent(new org.shifo.billing.InvoiceIssued(
                    new org.shifo.identity.TenantId(tenant),
                    id,
                    invoice.paymentReference(),
                    new org.shifo.patients.PatientId(invoice.patientId()),
                    new org.shifo.identity.BranchId(invoice.branchId()),
                    invoice.total(),
                    now));
        });
        return view(tenant, id);
    }

    /** Cancels an invoice nothing was paid on (DRAFT or ISSUED), with a reason. */
    public InvoiceView cancel(UUID id, @Nullable String reason) {
        Checks checks = new Checks();
        String why = checks.text("reason", reason, MAX_REASON, true);
        checks.check();
        UUID tenant = context.tenant();
        UUID by = context.staff().userId().value();
        transactions.executeWithoutResult(status -> {
            InvoiceRow invoice = locked(tenant, id);
            if (invoice.status() != InvoiceStatus.DRAFT && invoice.status() != InvoiceStatus.ISSUED) {
                throw new BillingConflictException(
                        "not-cancellable",
                        "An invoice in status " + invoice.status() + " cannot be cancelled.",
                        invoice.status().name());
            }
            refuseWhileProviderPending(tenant, invoice);
            invoices.cancel(tenant, id, by, Objects.requireNonNull(why), context.now());
            context.record(
                    "invoice.cancel",
                    "invoice",
                    id,
                    Map.of("patient", invoice.patientId().toString()));
        });
        return view(tenant, id);
    }

    // --- reading -------------------------------------------------------------------------------------------

    /** One invoice with its lines and payments; audited as a read. */
    public InvoiceView get(UUID id) {
        UUID tenant = context.tenant();
        InvoiceView view = view(tenant, id);
        context.recordRead(
                "invoice.read",
                "invoice",
                id.toString(),
                Map.of("patient", view.invoice().patientId().toString()));
        return view;
    }

    /** A branch's invoices created on a day (in the branch's time zone), of one status when given; audited. */
    public List<InvoiceRow> list(
            @Nullable UUID branchId, @Nullable String date, @Nullable String status, @Nullable Integer limit) {
        Checks checks = new Checks();
        checks.required("branchId", branchId);
        if (branchId != null && !context.worksIn(branchId)) {
            checks.add(Violation.of("branchId", "unknown-branch", "is not a branch of this organization"));
        }
        InvoiceStatus wanted = checks.oneOf("status", status, InvoiceStatus.class, false);
        LocalDate day = null;
        ZoneId zone = BranchTimeZones.DEFAULT;
        if (branchId != null) {
            zone = zones.of(new TenantId(context.tenant()), new BranchId(branchId));
        }
        if (date == null || date.isBlank()) {
            day = LocalDate.now(context.clock().withZone(zone));
        } else {
            try {
                day = LocalDate.parse(date.strip());
            } catch (java.time.format.DateTimeParseException e) {
                checks.add(Violation.of("date", "date-format", "must be a date as YYYY-MM-DD"));
            }
        }
        int max = limit == null ? 200 : limit;
        if (max < 1 || max > MAX_LIST) {
            checks.add(Violation.of("limit", "range", "must be between 1 and " + MAX_LIST, 1, MAX_LIST));
        }
        checks.check();
        UUID tenant = context.tenant();
        UUID branch = Objects.requireNonNull(branchId);
        Instant from = Objects.requireNonNull(day).atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<InvoiceRow> rows = readOnly.execute(s -> invoices.list(tenant, branch, from, to, wanted, max));
        List<InvoiceRow> found = Objects.requireNonNull(rows);
        context.recordRead(
                "invoice.list",
                "branch",
                branch.toString(),
                Map.of("date", day.toString(), "invoices", Integer.toString(found.size())));
        return found;
    }

    // --- paying at the desk and refunding --------------------------------------------------------------------

    /** A cash or card-terminal payment by the cashier: 0 < amount ≤ outstanding; one transaction. */
    public InvoiceView pay(UUID id, @Nullable String method, @Nullable Long amount) {
        Checks checks = new Checks();
        PaymentMethod how = checks.oneOf("method", method, PaymentMethod.class, true);
        if (how != null && !how.atDesk()) {
            checks.add(Violation.of("method", "one-of", "must be one of CASH, CARD", "CASH, CARD"));
        }
        Long value = checks.amount("amount", amount, false, 200_000_000_000_000_000L);
        checks.check();
        UUID tenant = context.tenant();
        Staff staff = context.staff();
        transactions.executeWithoutResult(status -> {
            InvoiceRow invoice = locked(tenant, id);
            if (!invoice.status().payable()) {
                throw new BillingConflictException(
                        "not-payable",
                        "An invoice in status " + invoice.status() + " takes no payment.",
                        invoice.status().name());
            }
            refuseWhileProviderPending(tenant, invoice);
            long outstanding = invoice.outstanding();
            if (Objects.requireNonNull(value) > outstanding) {
                throw BillingRuleException.refused(Violation.of(
                        "amount",
                        "above-outstanding",
                        "must be at most the outstanding " + outstanding + " tiyin",
                        outstanding));
            }
            paying.record(
                    tenant,
                    invoice,
                    Objects.requireNonNull(how),
                    value,
                    staff.userId().value(),
                    null,
                    context.actor(),
                    context.now());
        });
        return view(tenant, id);
    }

    /** Refunds a cash or card payment (administrators, with a reason); the invoice's paid amount goes down. */
    public InvoiceView refund(UUID paymentId, @Nullable String reason) {
        Checks checks = new Checks();
        String why = checks.text("reason", reason, MAX_REASON, true);
        checks.check();
        UUID tenant = context.tenant();
        UUID by = context.staff().userId().value();
        UUID invoiceId = transactions.execute(status -> {
            PaymentRow payment =
                    payments.find(tenant, paymentId).orElseThrow(() -> new BillingNotFoundException("payment"));
            InvoiceRow invoice = locked(tenant, payment.invoiceId());
            if (!payment.method().atDesk()) {
                throw new BillingConflictException(
                        "provider-refund",
                        "A " + payment.method() + " payment is refunded through " + payment.method()
                                + " (its cancellation reaches Shifo by itself).",
                        payment.method().name());
            }
            paying.refund(tenant, invoice, payment, by, Objects.requireNonNull(why), context.actor(), context.now());
            return invoice.id();
        });
        return view(tenant, Objects.requireNonNull(invoiceId));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private InvoiceView view(UUID tenant, UUID id) {
        InvoiceView view = readOnly.execute(status -> {
            InvoiceRow invoice = invoices.find(tenant, id)
                    .filter(row -> context.worksIn(row.branchId()))
                    .orElseThrow(() -> new BillingNotFoundException("invoice"));
            return new InvoiceView(
                    invoice,
                    invoices.lines(tenant, id),
                    payments.forInvoice(tenant, id),
                    providerTransactions.pendingFor(tenant, id, pendingCutoff()));
        });
        return Objects.requireNonNull(view);
    }

    /** PayMe transactions created before this (epoch ms) have timed out (12 hours, PayMe spec §7). */
    private long pendingCutoff() {
        return context.clock().millis() - PAYME_TIMEOUT_MS;
    }

    private InvoiceRow locked(UUID tenant, UUID id) {
        return invoices.lock(tenant, id)
                .filter(row -> context.worksIn(row.branchId()))
                .orElseThrow(() -> new BillingNotFoundException("invoice"));
    }

    private void refuseWhileProviderPending(UUID tenant, InvoiceRow invoice) {
        if (providerTransactions.pendingFor(tenant, invoice.id(), pendingCutoff())) {
            throw new BillingConflictException(
                    "provider-pending",
                    "A PayMe or Click payment of this invoice is in progress; wait for it to finish.");
        }
    }

    /** Prices the lines from the branch's price list and applies the discounts the caller may give. */
    private List<LineRow> price(UUID tenant, Staff staff, UUID branch, List<LineInput> lines, String path) {
        Checks checks = new Checks();
        if (lines.size() > Money.MAX_LINES) {
            checks.add(Violation.of(
                    path, "too-many-lines", "must have at most " + Money.MAX_LINES + " lines", Money.MAX_LINES));
            checks.check();
        }
        List<Violation> refusals = new ArrayList<>();
        List<LineRow> priced = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String at = path + "[" + i + "]";
            LineInput line = lines.get(i);
            if (line == null) {
                checks.add(Violation.of(at, "required", "is required"));
                continue;
            }
            UUID serviceId = checks.required(at + ".serviceId", line.serviceId());
            int quantity = line.quantity() == null ? 1 : line.quantity();
            if (quantity < 1 || quantity > Money.MAX_QUANTITY) {
                checks.add(Violation.of(
                        at + ".quantity",
                        "range",
                        "must be between 1 and " + Money.MAX_QUANTITY,
                        1,
                        Money.MAX_QUANTITY));
            }
            DiscountKind kind = null;
            Long value = null;
            String reason = null;
            DiscountInput discount = line.discount();
            if (discount != null) {
                kind = checks.oneOf(at + ".discount.kind", discount.kind(), DiscountKind.class, true);
                value = checks.amount(at + ".discount.value", discount.value(), false, Money.MAX_PRICE * 1000);
                if (kind == DiscountKind.PERCENT && value != null && value > 100) {
                    checks.add(
                            Violation.of(at + ".discount.value", "percent-range", "must be between 1 and 100", 1, 100));
                }
                reason = checks.text(at + ".discount.reason", discount.reason(), MAX_REASON, true);
            }
            if (serviceId == null || checks.failed()) {
                continue;
            }
            ServiceLookup.Service service =
                    services.find(new TenantId(tenant), serviceId).orElse(null);
            if (service == null) {
                checks.add(Violation.of(at + ".serviceId", "unknown-service", "is not a service of this organization"));
                continue;
            }
            PriceStore.PriceRow price = prices.find(tenant, serviceId, branch).orElse(null);
            if (price == null) {
                refusals.add(Violation.of(
                        at + ".serviceId", "no-price", "has no price in this branch; an administrator sets it first"));
                continue;
            }
            long gross = price.amount() * quantity;
            long discountAmount = 0;
            if (kind != null && value != null) {
                discountAmount = Money.discount(gross, kind, value);
                if (discountAmount > gross) {
                    refusals.add(Violation.of(
                            at + ".discount.value",
                            "discount-above-line",
                            "must not exceed the line's " + gross + " tiyin",
                            gross));
                    continue;
                }
                if (!staff.hasRole(Role.ADMIN)) {
                    int limit = staff.hasRole(Role.CASHIER) ? BillingRoles.CASHIER_DISCOUNT_PERCENT : 0;
                    // discountAmount / gross > limit / 100, without division
                    if (discountAmount * 100 > gross * limit) {
                        refusals.add(Violation.of(
                                at + ".discount",
                                "discount-not-allowed",
                                limit == 0
                                        ? "may be given only by a cashier (up to "
                                                + BillingRoles.CASHIER_DISCOUNT_PERCENT
                                                + " %) or an administrator"
                                        : "may be at most " + limit + " % of the line for a cashier; an administrator"
                                                + " may give more",
                                limit));
                        continue;
                    }
                }
            }
            priced.add(new LineRow(
                    UUID.randomUUID(),
                    i + 1,
                    serviceId,
                    service.name(),
                    quantity,
                    price.amount(),
                    price.vatIncluded(),
                    kind,
                    kind == null ? null : value,
                    reason,
                    kind == null ? null : staff.userId().value(),
                    discountAmount,
                    gross - discountAmount));
        }
        checks.check();
        if (!refusals.isEmpty()) {
            throw BillingRuleException.refused(refusals);
        }
        return priced;
    }

    private static long total(List<LineRow> lines) {
        long total = 0;
        for (LineRow line : lines) {
            total = Math.addExact(total, line.lineTotal());
        }
        return total;
    }

    private static Map<String, String> details(InvoiceRow invoice, List<LineRow> lines) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("patient", invoice.patientId().toString());
        details.put("branch", invoice.branchId().toString());
        details.put("lines", Integer.toString(lines.size()));
        details.put("total", Long.toString(total(lines)));
        long discounted = lines.stream().filter(l -> l.discountKind() != null).count();
        if (discounted > 0) {
            details.put("discountedLines", Long.toString(discounted));
        }
        return details;
    }

    private static BillingRuleException integrity(DataIntegrityViolationException e) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        if (message.contains("invoices_encounter_fkey")) {
            return BillingRuleException.invalid(
                    Violation.of("encounterId", "unknown-encounter", "is not an encounter of this organization"));
        }
        if (message.contains("invoices_branch_fkey")) {
            return BillingRuleException.invalid(
                    Violation.of("branchId", "unknown-branch", "is not a branch of this organization"));
        }
        if (message.contains("invoices_patient_fkey")) {
            return BillingRuleException.invalid(
                    Violation.of("patientId", "unknown-patient", "is not a patient of this organization"));
        }
        throw e;
    }
}
