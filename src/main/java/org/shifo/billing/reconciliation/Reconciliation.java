package org.shifo.billing.reconciliation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditActor;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.billing.ReconciliationFound;
import org.shifo.billing.persistence.ProviderTransactionStore;
import org.shifo.billing.persistence.ReconciliationStore;
import org.shifo.billing.persistence.ReconciliationStore.Checked;
import org.shifo.billing.persistence.ReconciliationStore.ItemRow;
import org.shifo.billing.persistence.ReconciliationStore.RunRow;
import org.shifo.billing.providers.ProviderCredentials;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares one day's provider transactions (PayMe and Click, selected by the provider's time as PayMe's
 * GetStatement selects them) with the invoices and payments they belong to, stores what disagrees as a run with
 * its items, and publishes {@link ReconciliationFound} when anything does. It corrects nothing.
 *
 * <p>Kinds: {@code PAID_NOT_PERFORMED} (a payment is counted for a transaction that is not performed, or Click
 * debited the payer but the payment could not be credited), {@code PERFORMED_INVOICE_UNPAID} (performed at the
 * provider, but no payment counts on the invoice), {@code AMOUNT_MISMATCH} (the payment's amount is not the
 * transaction's, or a performed transaction exceeds its invoice), {@code STALE_CREATED} (still created/prepared
 * past the provider's timeout: PayMe 12 hours, Click 30 minutes).
 */
@Service
public class Reconciliation {

    public static final String PAID_NOT_PERFORMED = "PAID_NOT_PERFORMED";
    public static final String PERFORMED_INVOICE_UNPAID = "PERFORMED_INVOICE_UNPAID";
    public static final String AMOUNT_MISMATCH = "AMOUNT_MISMATCH";
    public static final String STALE_CREATED = "STALE_CREATED";

    /** PayMe's timeout of a created transaction (PayMe spec §7). */
    static final long PAYME_TIMEOUT_MS = 12 * 60 * 60 * 1000L;

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);
    private static final AuditActor JOB = AuditActor.system("billing-reconciliation");

    private final ReconciliationStore store;
    private final ReconciliationSettings settings;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;

    Reconciliation(
            ReconciliationStore store,
            ReconciliationSettings settings,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.store = store;
        this.settings = settings;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** A run and its discrepancies. */
    public record Report(RunRow run, List<ItemRow> items) {}

    public ZoneId zone() {
        return settings.zone();
    }

    /** Today in the reconciliation's zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), settings.zone());
    }

    /** Runs the day for the caller's organization now (an administrator's "run now"); a new run each time. */
    public Report runNow(LocalDate day) {
        UUID tenant = TenantContext.require().value();
        UUID by = CurrentUser.get().userId().value();
        return Objects.requireNonNull(
                transaction.execute(status -> run(tenant, day, by, CurrentUser.auditActor("billing"))));
    }

    /**
     * The daily job: runs the day for every organization with provider transactions in it, each in its own scope
     * and transaction (one organization's failure is logged and does not stop the others). Answers how many runs
     * were stored.
     */
    public int runScheduled(LocalDate day) {
        long[] period = period(day);
        List<UUID> tenants = TenantContext.callAsSystem(() -> Objects.requireNonNull(
                transaction.execute(status -> store.tenantsWithTransactions(period[0], period[1]))));
        int runs = 0;
        for (UUID tenant : tenants) {
            try {
                TenantContext.callAs(
                        new TenantId(tenant), () -> transaction.execute(status -> run(tenant, day, null, JOB)));
                runs++;
            } catch (RuntimeException e) {
                log.error(
                        "Reconciliation of {} for organization {} failed ({})",
                        day,
                        tenant,
                        e.getClass().getSimpleName());
            }
        }
        return runs;
    }

    /** The latest run of the day for the caller's organization, if the day was reconciled. */
    public Optional<Report> latest(LocalDate day) {
        UUID tenant = TenantContext.require().value();
        Optional<Report> report = Objects.requireNonNull(transaction.execute(
                status -> store.latestRun(tenant, day).map(run -> new Report(run, store.items(tenant, run.id())))));
        // a report names invoices and what was paid on them: reading it is audited, whoever shows it (page, API)
        report.ifPresent(found -> audit.recordRead(AuditEvent.of(
                        tenant,
                        CurrentUser.auditActor("billing"),
                        "billing.reconciliation.read",
                        "reconciliation",
                        found.run().id().toString(),
                        AuditOutcome.SUCCESS)
                .withDetails(Map.of("day", day.toString()))));
        return report;
    }

    private Report run(UUID tenant, LocalDate day, @Nullable UUID by, AuditActor actor) {
        long[] period = period(day);
        Instant now = clock.instant();
        List<Checked> checked = store.transactions(tenant, period[0], period[1]);
        List<ItemRow> items = discrepancies(
                checked, now.toEpochMilli(), settings.clickPrepareTimeout().toMillis());
        RunRow run = new RunRow(
                UUID.randomUUID(),
                day,
                period[0],
                period[1],
                now,
                by == null ? "SCHEDULE" : "MANUAL",
                by,
                checked.size(),
                items.size());
        store.insertRun(tenant, run, items);
        audit.record(AuditEvent.of(
                        tenant,
                        actor,
                        "billing.reconciliation",
                        "reconciliation",
                        run.id().toString(),
                        AuditOutcome.SUCCESS)
                .withDetails(Map.of(
                        "day", day.toString(),
                        "checked", Integer.toString(checked.size()),
                        "discrepancies", Integer.toString(items.size()))));
        if (!items.isEmpty()) {
            Map<String, Integer> byKind = new TreeMap<>();
            items.forEach(item -> byKind.merge(item.kind(), 1, Integer::sum));
            events.publishEvent(new ReconciliationFound(new TenantId(tenant), run.id(), day, items.size(), byKind));
            log.warn(
                    "Reconciliation of {} for organization {}: {} discrepancies {}", day, tenant, items.size(), byKind);
        }
        return new Report(run, items);
    }

    /** The day's first and last millisecond in the reconciliation's zone. */
    long[] period(LocalDate day) {
        long from = day.atStartOfDay(settings.zone()).toInstant().toEpochMilli();
        long to = day.plusDays(1).atStartOfDay(settings.zone()).toInstant().toEpochMilli() - 1;
        return new long[] {from, to};
    }

    /** The discrepancies of the checked transactions at {@code now} (epoch ms), in their order. */
    static List<ItemRow> discrepancies(List<Checked> transactions, long now, long clickTimeout) {
        List<ItemRow> items = new ArrayList<>();
        for (Checked t : transactions) {
            boolean credited = t.paymentId() != null && !t.paymentRefunded();
            if (t.state() == ProviderTransactionStore.PERFORMED) {
                if (!credited) {
                    items.add(new ItemRow(
                            PERFORMED_INVOICE_UNPAID, t.paymentId() == null ? "no-payment" : "payment-refunded", t));
                } else if (!t.invoiceStatus().equals("PAID")
                        && !t.invoiceStatus().equals("PARTIALLY_PAID")) {
                    items.add(new ItemRow(
                            PERFORMED_INVOICE_UNPAID,
                            "invoice-" + t.invoiceStatus().toLowerCase(Locale.ROOT),
                            t));
                }
            } else if (credited) {
                items.add(new ItemRow(PAID_NOT_PERFORMED, "credited-in-state-" + t.state(), t));
            }
            if (t.problem() != null && t.state() == ProviderTransactionStore.CREATED) {
                items.add(new ItemRow(PAID_NOT_PERFORMED, "debited-not-credited-" + t.problem(), t));
            }
            Long paymentAmount = t.paymentAmount();
            if (paymentAmount != null && paymentAmount != t.amount()) {
                items.add(new ItemRow(AMOUNT_MISMATCH, "payment-amount", t));
            } else if (t.state() == ProviderTransactionStore.PERFORMED && t.amount() > t.invoiceTotal()) {
                items.add(new ItemRow(AMOUNT_MISMATCH, "above-invoice-total", t));
            }
            long timeout = ProviderCredentials.CLICK.equals(t.provider()) ? clickTimeout : PAYME_TIMEOUT_MS;
            if (t.state() == ProviderTransactionStore.CREATED
                    && t.problem() == null
                    && now - t.createTime() > timeout) {
                items.add(new ItemRow(STALE_CREATED, "past-timeout", t));
            }
        }
        return items;
    }
}
