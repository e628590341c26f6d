package org.shifo.audit;

import java.util.UUID;

/**
 * Whose entries the current thread may record, as the module that knows the signed-in staff member says
 * (identity provides it; {@code audit} depends on no module).
 *
 * <p>An entry written in the caller's transaction is held to the caller's tenant by row-level security. The read
 * entries that {@link AuditLog#recordRead} writes together in a transaction of their own span tenants, so the
 * same rule is checked here, on the caller's thread, before the entry is queued.
 */
public interface RecordingScope {

    /** True when work on this thread may record an entry of {@code tenantId}. */
    boolean admits(UUID tenantId);
}
