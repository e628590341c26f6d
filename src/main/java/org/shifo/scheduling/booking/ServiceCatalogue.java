package org.shifo.scheduling.booking;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.scheduling.domain.Inputs;
import org.shifo.scheduling.domain.SchedulingRuleException;
import org.shifo.scheduling.domain.Violation;
import org.shifo.scheduling.persistence.ServiceStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The services an organization offers, each with its default duration. */
@Service
public class ServiceCatalogue {

    private final ServiceStore store;
    private final SchedulingContext context;
    private final AuditLog audit;

    ServiceCatalogue(ServiceStore store, SchedulingContext context, AuditLog audit) {
        this.store = store;
        this.context = context;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<ServiceStore.ServiceRow> list() {
        return store.list(context.tenantValue());
    }

    @Transactional
    public ServiceStore.ServiceRow create(
            @Nullable String name, @Nullable Integer durationMinutes, @Nullable String specialty) {
        Inputs inputs = new Inputs();
        String cleanName = inputs.text("name", name, 200, true);
        String cleanSpecialty = inputs.text("specialty", specialty, 100, false);
        if (durationMinutes == null) {
            inputs.add(Violation.of("durationMinutes", "required", "is required"));
        } else if (durationMinutes < 5 || durationMinutes > 480) {
            inputs.add(Violation.of("durationMinutes", "range", "must be between 5 and 480 minutes", 5, 480));
        } else if (durationMinutes % 5 != 0) {
            inputs.add(Violation.of("durationMinutes", "multiple-of-five", "must be a multiple of 5 minutes"));
        }
        inputs.check();
        UUID tenant = context.tenantValue();
        if (store.nameTaken(tenant, java.util.Objects.requireNonNull(cleanName))) {
            throw SchedulingRuleException.invalid(
                    Violation.of("name", "taken", "a service with this name exists already"));
        }
        ServiceStore.ServiceRow service = new ServiceStore.ServiceRow(
                UUID.randomUUID(), cleanName, java.util.Objects.requireNonNull(durationMinutes), cleanSpecialty, true);
        store.insert(tenant, service, context.now());
        audit.record(AuditEvent.of(
                tenant,
                context.actor(),
                "scheduling.service_created",
                "service",
                service.id().toString(),
                AuditOutcome.SUCCESS));
        return service;
    }
}
