package org.shifo.audit;

import org.shifo.audit.persistence.Entries;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the audit trail for administrators: one tenant's entries, filtered, newest first, a page at a time.
 * It runs in the caller's tenant scope, so row-level security shows no other tenant's entries whatever the
 * filter says. Callers check that the reader may see the tenant's trail (and should audit the search).
 */
@Service
public class AuditTrail {

    private final Entries entries;

    public AuditTrail(Entries entries) {
        this.entries = entries;
    }

    @Transactional(readOnly = true)
    public AuditPage search(AuditFilter filter, AuditPageRequest page) {
        return entries.search(filter, page);
    }
}
