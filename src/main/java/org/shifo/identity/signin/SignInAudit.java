package org.shifo.identity.signin;

import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditActor;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.domain.StaffAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts every sign-in event on the organization's audit trail, with the fine reason the caller is never told
 * (wrong password, locked, disabled, throttled). An attempt on a username that does not exist belongs to no
 * organization, so it has no chain to join: it is logged (without the username) and counted per address.
 */
@Component
class SignInAudit {

    private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);
    private static final String TARGET = "staff_user";

    private final AuditLog audit;

    SignInAudit(AuditLog audit) {
        this.audit = audit;
    }

    void succeeded(StaffAccount account, String method) {
        record(account, "auth.sign_in", AuditOutcome.SUCCESS, "method", method);
    }

    void passwordAccepted(StaffAccount account) {
        record(account, "auth.password", AuditOutcome.SUCCESS, "next", "second-factor");
    }

    void failed(@Nullable StaffAccount account, String username, String reason) {
        if (account == null) {
            log.info("Sign-in failed for an unknown username (reason {})", reason);
            return;
        }
        record(account, "auth.sign_in", AuditOutcome.FAILURE, "reason", reason);
    }

    void throttled(@Nullable StaffAccount account, String username) {
        if (account == null) {
            log.info("Sign-in refused: too many attempts from the client address");
            return;
        }
        record(account, "auth.sign_in", AuditOutcome.DENIED, "reason", "throttled");
    }

    void secondFactorFailed(StaffAccount account, String kind) {
        record(account, "auth.second_factor", AuditOutcome.FAILURE, "kind", kind);
    }

    void secondFactorThrottled(StaffAccount account) {
        record(account, "auth.second_factor", AuditOutcome.DENIED, "reason", "throttled");
    }

    void secondFactorEnrolled(StaffAccount account) {
        record(account, "auth.second_factor_enrol", AuditOutcome.SUCCESS, "kind", "totp");
    }

    private void record(StaffAccount account, String action, AuditOutcome outcome, String key, String value) {
        audit.record(AuditEvent.of(
                        account.tenantId().value(),
                        AuditActor.user(account.id().value(), account.fullName()),
                        action,
                        TARGET,
                        account.id().toString(),
                        outcome)
                .withDetail(key, value));
    }
}
