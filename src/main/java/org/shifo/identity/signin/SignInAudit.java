package org.shifo.identity.signin;

import org.jspecify.annotations.Nullable;
import org.shifo.identity.domain.StaffAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Records every sign-in event: success, failure (with the fine reason the caller is never told), 2FA events. */
@Component
class SignInAudit {

    private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);

    void succeeded(StaffAccount account, String method) {
        log.info("Sign-in succeeded: user {} tenant {} by {}", account.id(), account.tenantId(), method);
    }

    void passwordAccepted(StaffAccount account) {
        log.info("Password accepted, second factor due: user {} tenant {}", account.id(), account.tenantId());
    }

    void failed(@Nullable StaffAccount account, String username, String reason) {
        log.info("Sign-in failed: user {} reason {}", account == null ? "(unknown)" : account.id(), reason);
    }

    void throttled(@Nullable StaffAccount account, String username) {
        log.info("Sign-in throttled: user {}", account == null ? "(unknown or address)" : account.id());
    }

    void secondFactorFailed(StaffAccount account, String kind) {
        log.info("Second factor failed: user {} kind {}", account.id(), kind);
    }

    void secondFactorEnrolled(StaffAccount account) {
        log.info("Second factor enrolled: user {}", account.id());
    }
}
