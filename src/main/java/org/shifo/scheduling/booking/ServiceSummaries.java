package org.shifo.scheduling.booking;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.shifo.identity.TenantId;
import org.shifo.scheduling.ServiceLookup;
import org.shifo.scheduling.persistence.ServiceStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link ServiceLookup} over the service store; in the caller's transaction, or a read-only one of its own. */
@Component
class ServiceSummaries implements ServiceLookup {

    private final ServiceStore store;

    ServiceSummaries(ServiceStore store) {
        this.store = store;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Service> find(TenantId tenant, UUID id) {
        return store.find(tenant.value(), id).map(row -> new Service(row.id(), row.name(), row.active()));
    }

    @Override
    @Transactional(readOnly = true)
    public List<Service> all(TenantId tenant) {
        return store.list(tenant.value()).stream()
                .map(row -> new Service(row.id(), row.name(), row.active()))
                .toList();
    }
}
