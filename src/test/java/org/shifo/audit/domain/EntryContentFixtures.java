package org.shifo.audit.domain;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Entry contents as the database would hand them to the sealer or the verifier. */
final class EntryContentFixtures {

    static final UUID TENANT = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
    static final UUID OTHER_TENANT = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8058");
    static final UUID USER = UUID.fromString("01890a5e-0000-7000-8000-000000000001");
    static final String PATIENT = "01890a5f-1111-7222-8333-444455556666";

    private EntryContentFixtures() {}

    /** A patient read by a user, with two details: the content of the pinned test vector. */
    static EntryContent patientRead() {
        return new EntryContent(
                42,
                TENANT,
                Instant.parse("2026-11-22T10:15:30.123456Z"),
                "USER",
                USER,
                "Dilnoza Karimova",
                "patient.read",
                "patient",
                PATIENT,
                "SUCCESS",
                "192.0.2.10",
                "req-1",
                new TreeMap<>(Map.of("branchId", "b1", "encounterId", "e-7")));
    }

    static EntryContent patientRead(UUID tenantId, long seq) {
        EntryContent template = patientRead();
        return new EntryContent(
                seq,
                tenantId,
                template.occurredAt().plusSeconds(seq),
                template.actorType(),
                template.actorId(),
                template.actorName(),
                template.action(),
                template.targetType(),
                template.targetId(),
                template.outcome(),
                template.clientIp(),
                template.requestId(),
                template.details());
    }

    static EntryContent withAction(EntryContent content, String action) {
        return new EntryContent(
                content.seq(),
                content.tenantId(),
                content.occurredAt(),
                content.actorType(),
                content.actorId(),
                content.actorName(),
                action,
                content.targetType(),
                content.targetId(),
                content.outcome(),
                content.clientIp(),
                content.requestId(),
                content.details());
    }

    static EntryContent withActorNameAndAction(EntryContent content, String actorName, String action) {
        return withAction(
                new EntryContent(
                        content.seq(),
                        content.tenantId(),
                        content.occurredAt(),
                        content.actorType(),
                        content.actorId(),
                        actorName,
                        content.action(),
                        content.targetType(),
                        content.targetId(),
                        content.outcome(),
                        content.clientIp(),
                        content.requestId(),
                        content.details()),
                action);
    }

    static EntryContent withClientIp(EntryContent content, String clientIp) {
        return new EntryContent(
                content.seq(),
                content.tenantId(),
                content.occurredAt(),
                content.actorType(),
                content.actorId(),
                content.actorName(),
                content.action(),
                content.targetType(),
                content.targetId(),
                content.outcome(),
                clientIp,
                content.requestId(),
                content.details());
    }

    static EntryContent occurredAt(EntryContent content, Instant occurredAt) {
        return new EntryContent(
                content.seq(),
                content.tenantId(),
                occurredAt,
                content.actorType(),
                content.actorId(),
                content.actorName(),
                content.action(),
                content.targetType(),
                content.targetId(),
                content.outcome(),
                content.clientIp(),
                content.requestId(),
                content.details());
    }

    static EntryContent withDetails(EntryContent content, Map<String, String> details) {
        return new EntryContent(
                content.seq(),
                content.tenantId(),
                content.occurredAt(),
                content.actorType(),
                content.actorId(),
                content.actorName(),
                content.action(),
                content.targetType(),
                content.targetId(),
                content.outcome(),
                content.clientIp(),
                content.requestId(),
                new TreeMap<>(details));
    }
}
