package org.shifo.clinical.lab;

import java.util.Optional;
import java.util.UUID;
import org.shifo.clinical.LabResultLookup;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link LabResultLookup} over the lab result store. */
@Component
class LabResultRecipients implements LabResultLookup {

    private final LabResultStore store;

    LabResultRecipients(LabResultStore store) {
        this.store = store;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<UserId> responsiblePractitioner(TenantId tenant, UUID resultId) {
        return store.responsiblePractitioner(tenant.value(), resultId, ATTENDING_WINDOW_DAYS)
                .map(UserId::new);
    }
}
