package org.shifo.identity.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Staff;
import org.shifo.identity.UserId;
import org.shifo.identity.accounts.ActiveSessions;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Active sessions: the caller's own ({@code /me/sessions}) and, for administrators, those of their organization's
 * staff ({@code /users/{id}/sessions}; a user of another organization is a 404).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Identity")
class SessionApiController {

    private final ActiveSessions sessions;

    SessionApiController(ActiveSessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/me/sessions")
    @Operation(summary = "The caller's active browser sessions and API clients")
    List<SessionResponse> mine(HttpServletRequest request) {
        Staff me = CurrentUser.get();
        return sessions.list(me.tenantId(), me.userId(), currentSessionId(request)).stream()
                .map(SessionResponse::from)
                .toList();
    }

    @DeleteMapping("/me/sessions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End one of the caller's sessions")
    void revokeMine(@PathVariable UUID id) {
        Staff me = CurrentUser.get();
        sessions.revoke(me.tenantId(), me.userId(), id);
    }

    @DeleteMapping("/me/sessions")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End all of the caller's sessions but the browser session asking, if any")
    void revokeMyOthers(HttpServletRequest request) {
        Staff me = CurrentUser.get();
        sessions.revokeOthers(me.tenantId(), me.userId(), currentSessionId(request));
    }

    @GetMapping("/users/{id}/sessions")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "A staff member's active sessions (administrators)")
    List<SessionResponse> ofUser(@PathVariable UUID id) {
        return sessions.list(CurrentUser.get().tenantId(), new UserId(id), null).stream()
                .map(SessionResponse::from)
                .toList();
    }

    @DeleteMapping("/users/{id}/sessions/{sessionId}")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End one of a staff member's sessions (administrators)")
    void revokeOfUser(@PathVariable UUID id, @PathVariable UUID sessionId) {
        sessions.revoke(CurrentUser.get().tenantId(), new UserId(id), sessionId);
    }

    /** API calls normally carry no session; a browser calling the API with its cookie does. */
    private static @Nullable String currentSessionId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : session.getId();
    }
}
