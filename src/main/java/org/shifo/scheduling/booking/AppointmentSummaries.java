package org.shifo.scheduling.booking;

import java.util.Optional;
import org.shifo.identity.TenantId;
import org.shifo.scheduling.AppointmentId;
import org.shifo.scheduling.AppointmentLookup;
import org.shifo.scheduling.persistence.AppointmentStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link AppointmentLookup} over the appointment store. */
@Component
class AppointmentSummaries implements AppointmentLookup {

    private final AppointmentStore store;

    AppointmentSummaries(AppointmentStore store) {
        this.store = store;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Summary> find(TenantId tenant, AppointmentId id) {
        return store.find(tenant.value(), id)
                .map(a -> new Summary(
                        a.id(),
                        a.patient(),
                        a.practitioner(),
                        a.branch(),
                        a.status().name(),
                        a.start(),
                        a.end(),
                        a.service()));
    }
}
