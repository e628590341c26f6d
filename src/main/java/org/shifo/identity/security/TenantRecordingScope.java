package org.shifo.identity.security;

import java.util.UUID;
import org.shifo.audit.RecordingScope;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.springframework.stereotype.Component;

/** The audit trail's recording rule: the tenant in scope, or any tenant for work that spans tenants by design. */
@Component
class TenantRecordingScope implements RecordingScope {

    @Override
    public boolean admits(UUID tenantId) {
        TenantContext.Scope scope = TenantContext.scope();
        TenantId tenant = scope.tenant();
        return scope.system() || (tenant != null && tenant.value().equals(tenantId));
    }
}
