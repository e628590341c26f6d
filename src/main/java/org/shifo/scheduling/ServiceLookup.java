package org.shifo.scheduling;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.shifo.identity.TenantId;

/** What another module may ask about a service of the organization (billing prices it): its name and state. */
public interface ServiceLookup {

    /** A service: its id, its name and whether it is still offered. */
    record Service(UUID id, String name, boolean active) {}

    /** The service, unless the organization has none with this id. */
    Optional<Service> find(TenantId tenant, UUID id);

    /** Every service of the organization (the price list offers them), offered or not. */
    List<Service> all(TenantId tenant);
}
