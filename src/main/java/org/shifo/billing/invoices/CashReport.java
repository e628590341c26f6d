package org.shifo.billing.invoices;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.domain.PaymentMethod;
import org.shifo.billing.domain.Violation;
import org.shifo.billing.persistence.CashReportStore;
import org.shifo.billing.persistence.CashReportStore.Movement;
import org.shifo.identity.BranchId;
import org.shifo.identity.BranchTimeZones;
import org.shifo.identity.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily cash report of a branch: the payments received and the refunds made on a day (in the branch's time
 * zone), totalled by method and by cashier and method. An audited read ({@code billing.cash_report}, recorded
 * after the reading transaction, as the audit log wants reads).
 */
@Service
public class CashReport {

    private final CashReportStore store;
    private final BranchTimeZones zones;
    private final BillingContext context;
    private final TransactionTemplate readOnly;

    CashReport(
            CashReportStore store,
            BranchTimeZones zones,
            BillingContext context,
            PlatformTransactionManager transactionManager) {
        this.store = store;
        this.zones = zones;
        this.context = context;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    /** Money in and out: received, refunded, net (received − refunded), in tiyin; the number of movements. */
    public record Totals(long received, long refunded, int payments, int refunds) {

        static final Totals NONE = new Totals(0, 0, 0, 0);

        public long net() {
            return received - refunded;
        }

        Totals plus(Movement movement) {
            return movement.refund()
                    ? new Totals(received, Math.addExact(refunded, movement.amount()), payments, refunds + 1)
                    : new Totals(Math.addExact(received, movement.amount()), refunded, payments + 1, refunds);
        }
    }

    /** The totals of one cashier (null: a provider's payment, nobody at the desk) and method. */
    public record CashierTotals(@Nullable UUID cashier, PaymentMethod method, Totals totals) {}

    /** A day's report. */
    public record Day(
            LocalDate date,
            UUID branch,
            ZoneId zone,
            List<Movement> movements,
            Map<PaymentMethod, Totals> byMethod,
            List<CashierTotals> byCashier,
            Totals total) {}

    /** The report of a branch the caller works in, for a day (YYYY-MM-DD; today in the branch's zone if blank). */
    public Day day(UUID branch, @Nullable String date) {
        Checks checks = new Checks();
        if (!context.worksIn(branch)) {
            checks.add(Violation.of("branchId", "unknown-branch", "is not a branch of this organization"));
        }
        ZoneId zone = zones.of(new TenantId(context.tenant()), new BranchId(branch));
        LocalDate day = null;
        if (date == null || date.isBlank()) {
            day = LocalDate.now(context.clock().withZone(zone));
        } else {
            try {
                day = LocalDate.parse(date.strip());
            } catch (DateTimeParseException e) {
                checks.add(Violation.of("date", "date-format", "must be a date as YYYY-MM-DD"));
            }
        }
        checks.check();
        LocalDate theDay = Objects.requireNonNull(day);
        Instant from = theDay.atStartOfDay(zone).toInstant();
        Instant to = theDay.plusDays(1).atStartOfDay(zone).toInstant();
        UUID tenant = context.tenant();
        List<Movement> movements =
                Objects.requireNonNull(readOnly.execute(status -> store.movements(tenant, branch, from, to)));
        Map<PaymentMethod, Totals> byMethod = new EnumMap<>(PaymentMethod.class);
        Map<String, CashierTotals> byCashier = new LinkedHashMap<>();
        Totals total = Totals.NONE;
        for (Movement movement : movements) {
            byMethod.merge(movement.method(), Totals.NONE.plus(movement), CashReport::sum);
            String key = movement.by() + "/" + movement.method();
            CashierTotals before = byCashier.get(key);
            byCashier.put(
                    key,
                    new CashierTotals(
                            movement.by(),
                            movement.method(),
                            (before == null ? Totals.NONE : before.totals()).plus(movement)));
            total = total.plus(movement);
        }
        List<CashierTotals> cashiers = new ArrayList<>(byCashier.values());
        cashiers.sort(Comparator.comparing((CashierTotals c) -> String.valueOf(c.cashier()))
                .thenComparing(CashierTotals::method));
        context.recordRead(
                "billing.cash_report",
                "branch",
                branch.toString(),
                Map.of("date", theDay.toString(), "movements", Integer.toString(movements.size())));
        return new Day(theDay, branch, zone, movements, byMethod, List.copyOf(cashiers), total);
    }

    private static Totals sum(Totals a, Totals b) {
        return new Totals(
                Math.addExact(a.received(), b.received()),
                Math.addExact(a.refunded(), b.refunded()),
                a.payments() + b.payments(),
                a.refunds() + b.refunds());
    }
}
