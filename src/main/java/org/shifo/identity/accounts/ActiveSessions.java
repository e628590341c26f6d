package org.shifo.identity.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditActor;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.identity.domain.StaffAccount;
import org.shifo.identity.persistence.RefreshTokens;
import org.shifo.identity.persistence.StaffAccounts;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A staff member's active sessions (browsers and API clients), listed and revoked by the staff member or by an
 * administrator of the same organization. Every revocation goes on the audit trail.
 *
 * <p>Browser sessions live in Spring Session's tables, which it reads and writes in transactions of its own on
 * another connection. This service therefore opens its tenant transactions itself (a {@link TransactionTemplate})
 * and never holds one while Spring Session works: a request holding one connection while waiting for a second is
 * how the pool deadlocked once (see docs/architecture.md, "Tenant scope").
 */
@Service
public class ActiveSessions {

    /** However active, a browser session ends this long after its sign-in. */
    public static final Duration BROWSER_LIFETIME = Duration.ofHours(12);

    private static final String ACTION = "staff_user.revoke_session";

    private final FindByIndexNameSessionRepository<? extends Session> browserSessions;
    private final StaffAccounts accounts;
    private final RefreshTokens refreshTokens;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ActiveSessions(
            FindByIndexNameSessionRepository<? extends Session> browserSessions,
            StaffAccounts accounts,
            RefreshTokens refreshTokens,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock) {
        this.browserSessions = browserSessions;
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The user's active sessions, most recently used first.
     *
     * @param currentSessionId the id of the browser session asking, to mark it as current; {@code null} for none
     * @throws StaffNotFoundException when the user is not one of the organization's staff
     */
    public List<ActiveSession> list(TenantId tenant, UserId user, @Nullable String currentSessionId) {
        StaffAccount account = account(tenant, user);
        Instant now = clock.instant();
        List<ActiveSession> sessions = new ArrayList<>();
        for (LiveBrowserSession browser : browser(account, now)) {
            BrowserSessionFacts facts = browser.facts();
            sessions.add(new ActiveSession(
                    facts.handle(),
                    ActiveSession.Kind.BROWSER,
                    facts.signedInAt(),
                    browser.lastAccessedAt(),
                    facts.clientAddress(),
                    facts.userAgent(),
                    browser.sessionId().equals(currentSessionId)));
        }
        List<RefreshTokens.FamilyRow> families =
                Objects.requireNonNull(transactions.execute(status -> refreshTokens.activeFamilies(tenant, user, now)));
        for (RefreshTokens.FamilyRow family : families) {
            sessions.add(new ActiveSession(
                    family.familyId(),
                    ActiveSession.Kind.API,
                    family.startedAt(),
                    family.lastUsedAt(),
                    family.clientAddress(),
                    family.userAgent(),
                    false));
        }
        sessions.sort(Comparator.comparing(ActiveSession::lastUsedAt).reversed());
        return List.copyOf(sessions);
    }

    /**
     * Ends one session: a browser session is deleted (its next request is anonymous), an API family is revoked
     * (its refresh token stops working; an access token already issued lives out its 15 minutes).
     *
     * @throws StaffNotFoundException when the user is not one of the organization's staff
     * @throws SessionNotFoundException when the user has no active session with this id
     */
    public void revoke(TenantId tenant, UserId user, UUID id) {
        StaffAccount account = account(tenant, user);
        Instant now = clock.instant();
        for (LiveBrowserSession browser : browser(account, now)) {
            if (browser.facts().handle().equals(id)) {
                browserSessions.deleteById(browser.sessionId());
                transactions.executeWithoutResult(status -> record(account, ActiveSession.Kind.BROWSER, id));
                return;
            }
        }
        boolean revoked = Boolean.TRUE.equals(transactions.execute(status -> {
            if (refreshTokens.revokeFamilyOf(tenant, user, id, now) == 0) {
                return false;
            }
            record(account, ActiveSession.Kind.API, id);
            return true;
        }));
        if (!revoked) {
            throw new SessionNotFoundException(id);
        }
    }

    /**
     * Ends every session of the user but the browser session asking ({@code null}: all of them).
     *
     * @return how many sessions were ended
     */
    public int revokeOthers(TenantId tenant, UserId user, @Nullable String currentSessionId) {
        int ended = 0;
        for (ActiveSession session : list(tenant, user, currentSessionId)) {
            if (!session.current()) {
                try {
                    revoke(tenant, user, session.id());
                    ended++;
                } catch (SessionNotFoundException endedMeanwhile) {
                    // it expired or was revoked between the list and now: nothing left to do
                }
            }
        }
        return ended;
    }

    /**
     * Ends every browser session of the account at once, signed in or not: each is deleted, so its next
     * request is anonymous. For an account just disabled; call it outside any transaction (Spring Session
     * deletes on a connection of its own).
     *
     * @return how many sessions were ended
     */
    int endBrowserSessions(StaffAccount account) {
        Set<String> ids = Set.copyOf(
                browserSessions.findByPrincipalName(account.username()).keySet());
        ids.forEach(browserSessions::deleteById);
        return ids.size();
    }

    private StaffAccount account(TenantId tenant, UserId user) {
        return Objects.requireNonNull(transactions.execute(
                status -> accounts.find(tenant, user).orElseThrow(() -> new StaffNotFoundException(user))));
    }

    /**
     * The user's live browser sessions that completed sign-in. (A session signed in before the facts were kept
     * has none and is not listed; it ends with its idle timeout or absolute lifetime.)
     */
    private List<LiveBrowserSession> browser(StaffAccount account, Instant now) {
        List<LiveBrowserSession> live = new ArrayList<>();
        browserSessions.findByPrincipalName(account.username()).forEach((sessionId, session) -> {
            if (!session.isExpired()
                    && session.getAttribute(BrowserSessionFacts.ATTRIBUTE) instanceof BrowserSessionFacts facts
                    && now.isBefore(facts.signedInAt().plus(BROWSER_LIFETIME))) {
                live.add(new LiveBrowserSession(sessionId, session.getLastAccessedTime(), facts));
            }
        });
        return live;
    }

    private record LiveBrowserSession(String sessionId, Instant lastAccessedAt, BrowserSessionFacts facts) {}

    private void record(StaffAccount account, ActiveSession.Kind kind, UUID id) {
        AuditActor actor = ActingStaff.asAuditActor();
        audit.record(AuditEvent.of(
                        account.tenantId().value(),
                        actor,
                        ACTION,
                        "staff_user",
                        account.id().toString(),
                        AuditOutcome.SUCCESS)
                .withDetail("sessionKind", kind.name().toLowerCase(java.util.Locale.ROOT))
                .withDetail("sessionId", id.toString()));
    }
}
