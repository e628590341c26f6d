package org.shifo.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An entry of the trail as an administrator sees it.
 *
 * @param seq the entry's sequence number (its order of insertion)
 * @param clientAddress the caller's IP address, in PostgreSQL's text form
 * @param chainIndex its position in the tenant's chain, or null while it waits for the sealer
 * @param sealedAt when it was sealed, or null while it waits
 */
public record AuditEntry(
        long seq,
        UUID tenantId,
        Instant occurredAt,
        AuditActor actor,
        String action,
        String targetType,
        String targetId,
        AuditOutcome outcome,
        @Nullable String clientAddress,
        @Nullable String requestId,
        Map<String, String> details,
        @Nullable Long chainIndex,
        @Nullable Instant sealedAt) {

    public AuditEntry {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        details = Map.copyOf(details);
    }

    public boolean isSealed() {
        return chainIndex != null;
    }

    public AuditCursor cursor() {
        return new AuditCursor(occurredAt, seq);
    }
}
