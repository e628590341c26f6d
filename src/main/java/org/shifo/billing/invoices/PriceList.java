package org.shifo.billing.invoices;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.domain.BillingNotFoundException;
import org.shifo.billing.domain.Money;
import org.shifo.billing.domain.Violation;
import org.shifo.billing.persistence.PriceStore;
import org.shifo.identity.TenantId;
import org.shifo.scheduling.ServiceLookup;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Prices of services per branch, in tiyin, set by administrators. */
@Service
public class PriceList {

    private final PriceStore store;
    private final ServiceLookup services;
    private final BillingContext context;

    PriceList(PriceStore store, ServiceLookup services, BillingContext context) {
        this.store = store;
        this.services = services;
        this.context = context;
    }

    /** A price with the service's name. */
    public record Price(UUID serviceId, String serviceName, UUID branchId, long amount, boolean vatIncluded) {}

    /** Sets a service's price in a branch (400 for a bad amount or branch, 404 for an unknown service). */
    @Transactional
    public Price set(UUID serviceId, @Nullable UUID branchId, @Nullable Long amount, @Nullable Boolean vatIncluded) {
        Checks checks = new Checks();
        checks.required("branchId", branchId);
        Long checked = checks.amount("amount", amount, true, Money.MAX_PRICE);
        if (branchId != null && !context.worksIn(branchId)) {
            checks.add(Violation.of("branchId", "unknown-branch", "is not a branch of this organization"));
        }
        checks.check();
        UUID tenant = context.tenant();
        ServiceLookup.Service service = services.find(new TenantId(tenant), serviceId)
                .orElseThrow(() -> new BillingNotFoundException("service"));
        UUID branch = Objects.requireNonNull(branchId);
        long value = Objects.requireNonNull(checked);
        boolean vat = vatIncluded != null && vatIncluded;
        Long previous;
        try {
            previous = store.upsert(
                            tenant,
                            new PriceStore.PriceRow(
                                    serviceId,
                                    branch,
                                    value,
                                    vat,
                                    context.now(),
                                    context.staff().userId().value()))
                    .orElse(null);
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            throw org.shifo.billing.domain.BillingRuleException.invalid(
                    Violation.of("branchId", "unknown-branch", "is not a branch of this organization"));
        }
        context.record(
                "billing.price_set",
                "service",
                serviceId,
                Map.of(
                        "branch", branch.toString(),
                        "amount", Long.toString(value),
                        "previous", previous == null ? "none" : previous.toString()));
        return new Price(serviceId, service.name(), branch, value, vat);
    }

    /** The branch's prices. */
    @Transactional(readOnly = true)
    public List<Price> list(UUID branchId) {
        UUID tenant = context.tenant();
        TenantId tenantId = new TenantId(tenant);
        return store.list(tenant, branchId).stream()
                .map(row -> new Price(
                        row.serviceId(),
                        services.find(tenantId, row.serviceId())
                                .map(ServiceLookup.Service::name)
                                .orElse(""),
                        row.branchId(),
                        row.amount(),
                        row.vatIncluded()))
                .toList();
    }
}
