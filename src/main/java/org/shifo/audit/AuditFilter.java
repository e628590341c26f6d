package org.shifo.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.domain.EntryRules;

/**
 * Which entries of one tenant's trail to list. Build it with {@link #forTenant(UUID)} and the {@code with…}
 * methods; every criterion left null matches everything.
 *
 * @param from inclusive lower bound of the time the entries occurred
 * @param to exclusive upper bound
 */
public record AuditFilter(
        UUID tenantId,
        @Nullable UUID actorId,
        @Nullable String action,
        @Nullable String targetType,
        @Nullable String targetId,
        @Nullable AuditOutcome outcome,
        @Nullable Instant from,
        @Nullable Instant to) {

    public AuditFilter {
        Objects.requireNonNull(tenantId, "tenantId");
        if (action != null) {
            EntryRules.requireAction(action);
        }
        if (targetType != null) {
            EntryRules.requireTargetType(targetType);
        }
        if (targetId != null) {
            EntryRules.requireIdentifier("targetId", targetId);
            if (targetType == null) {
                throw new IllegalArgumentException("a targetId needs its targetType");
            }
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    /** Every entry of the tenant. */
    public static AuditFilter forTenant(UUID tenantId) {
        return new AuditFilter(tenantId, null, null, null, null, null, null, null);
    }

    public AuditFilter withActor(UUID actor) {
        return new AuditFilter(tenantId, actor, action, targetType, targetId, outcome, from, to);
    }

    public AuditFilter withAction(String code) {
        return new AuditFilter(tenantId, actorId, code, targetType, targetId, outcome, from, to);
    }

    public AuditFilter withTargetType(String type) {
        return new AuditFilter(tenantId, actorId, action, type, null, outcome, from, to);
    }

    public AuditFilter withTarget(String type, String id) {
        return new AuditFilter(tenantId, actorId, action, type, id, outcome, from, to);
    }

    public AuditFilter withOutcome(AuditOutcome result) {
        return new AuditFilter(tenantId, actorId, action, targetType, targetId, result, from, to);
    }

    /** Entries that occurred at or after {@code start} and before {@code end}; either may be null. */
    public AuditFilter between(@Nullable Instant start, @Nullable Instant end) {
        return new AuditFilter(tenantId, actorId, action, targetType, targetId, outcome, start, end);
    }
}
