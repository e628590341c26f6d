package org.shifo.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchRole;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantContext;
import org.shifo.identity.accounts.ActiveSessions;
import org.shifo.identity.accounts.Branches;
import org.shifo.identity.accounts.BrowserSessionFacts;
import org.shifo.identity.domain.UserAgentSummary;
import org.shifo.identity.security.StaffAuthentication;
import org.shifo.identity.signin.SignIn;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * The browser session's part in signing in: the pending second factor, the signed-in staff member (stored with
 * a new session id, so an id planted before sign-in is worthless), and the absolute lifetime.
 */
@Component
class BrowserSessions {

    /** However active, a session ends this long after its sign-in. */
    static final Duration ABSOLUTE_LIFETIME = ActiveSessions.BROWSER_LIFETIME;

    static final String PENDING = BrowserSessions.class.getName() + ".PENDING";
    static final String SIGNED_IN_AT = BrowserSessions.class.getName() + ".SIGNED_IN_AT";
    static final String ENROLLMENT = BrowserSessions.class.getName() + ".ENROLLMENT";
    static final String BRANCH = BrowserSessions.class.getName() + ".BRANCH";

    private final HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private final Branches branches;
    private final Clock clock;

    BrowserSessions(Branches branches, Clock clock) {
        this.branches = branches;
        this.clock = clock;
    }

    HttpSessionSecurityContextRepository repository() {
        return repository;
    }

    void startPending(HttpServletRequest request, PendingSignIn pending) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        session.setAttribute(PENDING, pending);
    }

    /** The pending second factor, if there is one and it has not expired (an expired one is dropped). */
    Optional<PendingSignIn> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING) instanceof PendingSignIn pending)) {
            return Optional.empty();
        }
        if (pending.isExpired(clock.instant())) {
            session.removeAttribute(PENDING);
            session.removeAttribute(ENROLLMENT);
            return Optional.empty();
        }
        return Optional.of(pending);
    }

    /** Drops the pending second factor: the user signs in again from the password. */
    void endPending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(PENDING);
            session.removeAttribute(ENROLLMENT);
        }
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * The authenticator secret being enrolled, kept for the pending sign-in so that a mistyped code can be
     * retried against the QR code already scanned. It lives only until sign-in completes or the pending step
     * expires.
     */
    Optional<SignIn.Enrollment> enrollment(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(ENROLLMENT) instanceof SignIn.Enrollment enrollment) {
            return Optional.of(enrollment);
        }
        return Optional.empty();
    }

    void keepEnrollment(HttpServletRequest request, SignIn.Enrollment enrollment) {
        request.getSession(true).setAttribute(ENROLLMENT, enrollment);
    }

    /** Signs the staff member in: a new session id, the authentication in the session, the branch for the shell. */
    void signIn(Staff staff, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        session.removeAttribute(PENDING);
        session.removeAttribute(ENROLLMENT);
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(new StaffAuthentication(staff));
        holder.setContext(context);
        repository.saveContext(context, request, response);
        Instant now = clock.instant();
        session.setAttribute(SIGNED_IN_AT, now);
        session.setAttribute(
                BrowserSessionFacts.ATTRIBUTE,
                new BrowserSessionFacts(
                        UUID.randomUUID(),
                        now,
                        request.getRemoteAddr(),
                        UserAgentSummary.of(request.getHeader("User-Agent"))));
        SignedInBranch branch = branchOf(staff);
        if (branch != null) {
            session.setAttribute(BRANCH, branch);
        }
    }

    /** Whether the session's sign-in is older than the absolute lifetime. */
    boolean isOutlived(HttpSession session) {
        return session.getAttribute(SIGNED_IN_AT) instanceof Instant signedInAt
                && !clock.instant().isBefore(signedInAt.plus(ABSOLUTE_LIFETIME));
    }

    /** The first branch (in the organization's order) in which the staff member holds a role. */
    private @Nullable SignedInBranch branchOf(Staff staff) {
        var held = staff.roles().stream().map(BranchRole::branchId).toList();
        return TenantContext.callAs(staff.tenantId(), () -> branches.list(staff.tenantId())).stream()
                .filter(branch -> held.contains(branch.id()))
                .findFirst()
                .map(branch -> new SignedInBranch(branch.name(), branch.timeZone()))
                .orElse(null);
    }
}
