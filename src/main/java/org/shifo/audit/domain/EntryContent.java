package org.shifo.audit.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.SortedMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An entry's content as the database holds it: what its MAC covers besides the chain position. The fields
 * are not re-validated, because verification must read whatever a tampered row now says.
 *
 * @param occurredAt microsecond precision, as {@code timestamptz} stores it
 * @param clientIp PostgreSQL's text form of the address ({@code host(client_ip)}), or null
 */
public record EntryContent(
        long seq,
        UUID tenantId,
        Instant occurredAt,
        String actorType,
        @Nullable UUID actorId,
        String actorName,
        String action,
        String targetType,
        String targetId,
        String outcome,
        @Nullable String clientIp,
        @Nullable String requestId,
        SortedMap<String, String> details) {

    public EntryContent {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(actorName, "actorName");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(details, "details");
    }
}
