package org.shifo.patients.api;

import io.swagger.v3.oas.annotations.Hidden;
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
 *
 * <p>It answers at the very same path, chosen by the request header {@value #HEADER}{@code =}{@value
 * #UNAUDITED} (the benchmark sends that header with another value to the audited endpoint): Spring MVC
 * matches a request with a path variable against every mapping, and how far each one gets depends on the
 * path, so a different path (it was {@code /api/test-support/patients/{id}}) made the two sides differ in
 * routing cost as well as in the audit entry; about 20 µs per read on this machine (bench/README.md).
 */
@Hidden // not part of the API: only the benchmark sends the header
@RestController
public class UnauditedReadBenchController {

    /** The header that picks this controller, and the value that does. */
    public static final String HEADER = "X-Shifo-Bench";

    public static final String UNAUDITED = "unaudited";

    private final PatientStore store;
    private final TransactionTemplate transactions;
    private final RegistryClock clock;

    UnauditedReadBenchController(PatientStore store, TransactionTemplate transactions, RegistryClock clock) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
    }

    @GetMapping(path = "/api/v1/patients/{id}", headers = HEADER + "=" + UNAUDITED)
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
