package org.shifo.identity.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditCheckpoint;
import org.shifo.audit.AuditCheckpoints;
import org.shifo.audit.AuditCursor;
import org.shifo.audit.AuditEntry;
import org.shifo.audit.AuditFilter;
import org.shifo.audit.AuditOutcome;
import org.shifo.audit.AuditPage;
import org.shifo.audit.AuditPageRequest;
import org.shifo.audit.AuditTrail;
import org.shifo.audit.AuditVerification;
import org.shifo.audit.ChainVerification;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.accounts.IdentityRuleException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organization's audit trail for its administrators: search, chain verification and checkpoints. It sits
 * in identity, not in audit, because it needs the caller's organization and audit depends on no module.
 */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Audit", description = "The append-only, hash-chained audit trail of the organization")
class AuditApiController {

    private final AuditTrail trail;
    private final AuditVerification verification;
    private final AuditCheckpoints checkpoints;

    AuditApiController(AuditTrail trail, AuditVerification verification, AuditCheckpoints checkpoints) {
        this.trail = trail;
        this.verification = verification;
        this.checkpoints = checkpoints;
    }

    record AuditEntryResponse(
            long seq,
            Instant occurredAt,
            String actorType,
            @Nullable UUID actorId,
            String actorName,
            String action,
            String targetType,
            String targetId,
            AuditOutcome outcome,
            @Nullable String clientAddress,
            @Nullable String requestId,
            Map<String, String> details,
            @Nullable Long chainIndex,
            boolean sealed) {

        static AuditEntryResponse from(AuditEntry entry) {
            String type;
            UUID id = null;
            String name;
            switch (entry.actor()) {
                case org.shifo.audit.AuditActor.User user -> {
                    type = "USER";
                    id = user.id();
                    name = user.displayName();
                }
                case org.shifo.audit.AuditActor.SystemProcess process -> {
                    type = "SYSTEM";
                    name = process.name();
                }
                case org.shifo.audit.AuditActor.Anonymous anonymous -> {
                    type = "ANONYMOUS";
                    name = "";
                }
            }
            return new AuditEntryResponse(
                    entry.seq(),
                    entry.occurredAt(),
                    type,
                    id,
                    name,
                    entry.action(),
                    entry.targetType(),
                    entry.targetId(),
                    entry.outcome(),
                    entry.clientAddress(),
                    entry.requestId(),
                    entry.details(),
                    entry.chainIndex(),
                    entry.isSealed());
        }
    }

    record AuditPageResponse(List<AuditEntryResponse> items, @Nullable String nextCursor) {}

    record VerificationResponse(
            boolean intact,
            long entriesChecked,
            @Nullable Long firstBrokenChainIndex,
            @Nullable String reason,
            @Nullable CheckpointResponse checkpoint) {

        static VerificationResponse from(ChainVerification result) {
            return new VerificationResponse(
                    result.isIntact(),
                    result.entriesChecked(),
                    result.firstBreak() == null ? null : result.firstBreak().chainIndex(),
                    result.firstBreak() == null
                            ? null
                            : result.firstBreak().reason().name(),
                    result.checkpoint() == null ? null : CheckpointResponse.from(result.checkpoint()));
        }
    }

    record CheckpointResponse(Instant takenAt, long entryCount, String headMac) {
        static CheckpointResponse from(AuditCheckpoint checkpoint) {
            return new CheckpointResponse(checkpoint.takenAt(), checkpoint.entryCount(), checkpoint.headMac());
        }
    }

    @GetMapping
    @Operation(summary = "Entries of the trail, newest first, filtered and paged by cursor")
    AuditPageResponse search(
            @RequestParam(required = false) @Nullable UUID actorId,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String targetType,
            @RequestParam(required = false) @Nullable String targetId,
            @RequestParam(required = false) @Nullable AuditOutcome outcome,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "50") int size) {
        AuditFilter filter;
        AuditPageRequest page;
        try {
            filter = new AuditFilter(
                    CurrentUser.get().tenantId().value(), actorId, action, targetType, targetId, outcome, from, to);
            page = new AuditPageRequest(size, cursor == null ? null : AuditCursor.decode(cursor));
        } catch (IllegalArgumentException e) {
            // the filter's own rules; the exception's text is not echoed (it may quote what was sent)
            throw IdentityRuleException.invalid(
                    "filter",
                    "is not valid: action is a dotted lower-case code, targetId needs targetType, from must be before"
                            + " to, size is 1 to " + AuditPageRequest.MAX_SIZE + ", cursor comes from a previous page");
        }
        AuditPage result = trail.search(filter, page);
        return new AuditPageResponse(
                result.entries().stream().map(AuditEntryResponse::from).toList(),
                result.next() == null ? null : result.next().encode());
    }

    @PostMapping("/verify")
    @Operation(summary = "Recompute the organization's chain and report the first broken link, if any")
    VerificationResponse verify() {
        return VerificationResponse.from(
                verification.verify(CurrentUser.get().tenantId().value()));
    }

    @GetMapping("/checkpoints")
    @Operation(
            summary = "Recent daily checkpoints of the chain's head (time, count, MAC), to keep outside the database")
    List<CheckpointResponse> checkpoints() {
        return checkpoints.findRecent(CurrentUser.get().tenantId().value(), 30).stream()
                .map(CheckpointResponse::from)
                .toList();
    }
}
