package org.shifo.billing.invoices;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.shifo.audit.AuditActor;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.BranchId;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantContext;
import org.springframework.stereotype.Component;

/** The caller's tenant and identity, the clock, and the audit trail, as every billing use case needs them. */
@Component
public class BillingContext {

    private final Clock clock;
    private final AuditLog audit;

    BillingContext(Clock clock, AuditLog audit) {
        this.clock = clock;
        this.audit = audit;
    }

    public UUID tenant() {
        return TenantContext.require().value();
    }

    public Instant now() {
        return clock.instant();
    }

    public Clock clock() {
        return clock;
    }

    public Staff staff() {
        return CurrentUser.get();
    }

    public boolean worksIn(UUID branch) {
        return CurrentUser.worksIn(new BranchId(branch));
    }

    public AuditActor actor() {
        return CurrentUser.auditActor("billing");
    }

    /** Records the event in the caller's transaction. */
    public void record(String action, String targetType, UUID target, java.util.Map<String, String> details) {
        audit.record(AuditEvent.of(tenant(), actor(), action, targetType, target.toString(), AuditOutcome.SUCCESS)
                .withDetails(details));
    }

    /** Records a read after its transaction (batched with other reads). */
    public void recordRead(String action, String targetType, String target, java.util.Map<String, String> details) {
        audit.recordRead(AuditEvent.of(tenant(), actor(), action, targetType, target, AuditOutcome.SUCCESS)
                .withDetails(details));
    }
}
