package org.shifo.patients.api;

import java.util.UUID;
import org.shifo.identity.TenantContext;
import org.shifo.patients.PatientId;
import org.shifo.patients.persistence.PatientStore;
import org.shifo.patients.registry.PatientNotFoundException;
import org.shifo.patients.registry.RegistryClock;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test classpath only, for {@code PatientReadAuditBenchmark}: {@code GET /api/v1/patients/{id}} exactly,
 * with the same security, transaction, queries and JSON, but without the audit entry ("audit off").
 */
@RestController
class UnauditedReadBenchController {

    private final PatientStore store;
    private final TransactionTemplate transactions;
    private final RegistryClock clock;

    UnauditedReadBenchController(PatientStore store, TransactionTemplate transactions, RegistryClock clock) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
    }

    @GetMapping("/api/test-support/patients/{id}")
    @PreAuthorize(PatientApiController.READ)
    PatientResponse get(@PathVariable UUID id) {
        var record = transactions.execute(
                status -> store.find(TenantContext.require().value(), new PatientId(id))
                        .orElseThrow(PatientNotFoundException::new));
        if (record == null) {
            throw new PatientNotFoundException();
        }
        return PatientResponse.from(record, clock.today(), true);
    }
}
