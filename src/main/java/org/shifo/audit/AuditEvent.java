package org.shifo.audit;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.domain.EntryRules;
import org.shifo.audit.domain.IpAddressLiteral;

/**
 * One thing to put on the audit trail: in {@code tenantId}, {@code actor} did {@code action} to the {@code
 * targetType} identified by {@code targetId}, with {@code outcome}.
 *
 * <p>Only codes and identifiers are accepted, never free text: the trail records that a patient's record was
 * read, not what it says. The request id and client address are taken from the current HTTP request when
 * they are absent here.
 *
 * @param tenantId the organisation whose chain the entry joins
 * @param actor who did it
 * @param action a dotted lower-case code, {@code <module-noun>.<verb>}: {@code patient.read}, {@code
 *     invoice.refund}
 * @param targetType a lower-case noun: {@code patient}, {@code invoice}
 * @param targetId the target's identifier (a UUID, a number)
 * @param outcome how it ended
 * @param details up to 16 further identifiers (the branch, the encounter), keyed by short names
 * @param requestId the HTTP request's id, or {@code null} to take the current request's
 * @param clientAddress the caller's IP address, or {@code null} to take the current request's
 */
public record AuditEvent(
        UUID tenantId,
        AuditActor actor,
        String action,
        String targetType,
        String targetId,
        AuditOutcome outcome,
        SortedMap<String, String> details,
        @Nullable String requestId,
        @Nullable String clientAddress) {

    public AuditEvent {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(actor, "actor");
        EntryRules.requireAction(action);
        EntryRules.requireTargetType(targetType);
        EntryRules.requireIdentifier("targetId", targetId);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(details, "details");
        if (details.size() > EntryRules.MAX_DETAILS) {
            throw new IllegalArgumentException("at most " + EntryRules.MAX_DETAILS + " details");
        }
        TreeMap<String, String> copy = new TreeMap<>();
        details.forEach((key, value) ->
                copy.put(EntryRules.requireDetailKey(key), EntryRules.requireIdentifier("detail " + key, value)));
        details = Collections.unmodifiableSortedMap(copy);
        if (requestId != null) {
            EntryRules.requireIdentifier("requestId", requestId);
        }
        if (clientAddress != null) {
            String literal = clientAddress;
            clientAddress = IpAddressLiteral.normalize(literal)
                    .orElseThrow(() -> new IllegalArgumentException("clientAddress must be an IP address literal"));
        }
    }

    /** An event without details, whose request id and client address will come from the current request. */
    public static AuditEvent of(
            UUID tenantId, AuditActor actor, String action, String targetType, String targetId, AuditOutcome outcome) {
        return new AuditEvent(
                tenantId, actor, action, targetType, targetId, outcome, Collections.emptySortedMap(), null, null);
    }

    /** This event with one more detail (an identifier such as the branch or the encounter). */
    public AuditEvent withDetail(String key, String value) {
        TreeMap<String, String> more = new TreeMap<>(details);
        more.put(key, value);
        return new AuditEvent(tenantId, actor, action, targetType, targetId, outcome, more, requestId, clientAddress);
    }

    /** This event with these details in place of its own. */
    public AuditEvent withDetails(Map<String, String> replacement) {
        return new AuditEvent(
                tenantId,
                actor,
                action,
                targetType,
                targetId,
                outcome,
                new TreeMap<>(replacement),
                requestId,
                clientAddress);
    }

    /** This event with an explicit request id and client address (for work done outside an HTTP request). */
    public AuditEvent withRequest(@Nullable String requestId, @Nullable String clientAddress) {
        return new AuditEvent(
                tenantId, actor, action, targetType, targetId, outcome, details, requestId, clientAddress);
    }
}
