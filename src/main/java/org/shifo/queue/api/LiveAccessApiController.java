package org.shifo.queue.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditActor;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Staff;
import org.shifo.queue.QueueRoles;
import org.shifo.queue.live.LiveAccess;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Tickets that open the live queue WebSocket for API clients, and lobby display tokens (administrators). */
@RestController
@Tag(name = "Queue")
class LiveAccessApiController {

    private final LiveAccess access;

    LiveAccessApiController(LiveAccess access) {
        this.access = access;
    }

    record WsTicket(String ticket, long expiresInSeconds, String url) {}

    @PostMapping("/api/v1/queue/ws-ticket")
    @PreAuthorize(QueueRoles.STAFF)
    @Operation(summary = "A one-time ticket for /ws/queue?ticket=… (valid 30 s, used once)")
    WsTicket wsTicket() {
        String ticket = access.issueTicket(CurrentUser.get());
        return new WsTicket(ticket, 30, "/ws/queue?ticket=" + ticket);
    }

    record DisplayRequest(@Nullable String branchId, @Nullable String name) {}

    record DisplayCreated(String id, String token, String url) {}

    @PostMapping("/api/v1/queue/display-tokens")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "A lobby display token for one branch {branchId, name}; the token is shown only now")
    ResponseEntity<DisplayCreated> createDisplay(@RequestBody DisplayRequest request) {
        Staff admin = CurrentUser.get();
        UUID branch = null;
        try {
            branch = request.branchId() == null ? null : UUID.fromString(request.branchId());
        } catch (IllegalArgumentException malformed) {
            // reported as an unknown branch below
        }
        LiveAccess.NewDisplayToken created = access.createDisplay(
                admin.tenantId(), branch, request.name(), admin.userId().value(), actor(admin));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new DisplayCreated(
                        created.id().toString(), created.token(), "/queue/board?display=" + created.token()));
    }

    @GetMapping("/api/v1/queue/display-tokens")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "The organization's display tokens (without the tokens)")
    List<LiveAccess.DisplayToken> displays() {
        return access.displays(CurrentUser.get().tenantId());
    }

    @PostMapping("/api/v1/queue/display-tokens/{id}/revoke")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a display token; its connections close within 30 s")
    void revoke(@PathVariable UUID id) {
        Staff admin = CurrentUser.get();
        access.revokeDisplay(admin.tenantId(), id, actor(admin));
    }

    private static AuditActor actor(Staff staff) {
        return staff.auditActor();
    }
}
