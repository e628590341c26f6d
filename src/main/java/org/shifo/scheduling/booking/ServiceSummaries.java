package org.shifo.scheduling.booking;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.shifo.identity.TenantId;
import org.shifo.scheduling.ServiceLookup;
import org.shifo.scheduling.persistence.ServiceStore;
import org.springframework.stereotype.Component;

/** {@link ServiceLookup} over the service store. */
@Component
class ServiceSummaries implements ServiceLookup {

    private final ServiceStore store;

    ServiceSummaries(ServiceStore store) {
        this.store = store;
    }

    @Override
    public Optional<Service> find(TenantId tenant, UUID id) {
        return store.find(tenant.value(), id).map(row -> new Service(row.id(), row.name(), row.active()));
    }

    @Override
    public List<Service> all(TenantId tenant) {
        return store.list(tenant.value()).stream()
                .map(row -> new Service(row.id(), row.name(), row.active()))
                .toList();
    }
}
