package org.shifo.identity.web;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;

/**
 * Someone who gave the right password and still owes the second factor. Kept in the session, it opens only the
 * second-factor pages, and only for {@link #LIFETIME}: it is not an authentication.
 */
record PendingSignIn(UserId userId, TenantId tenantId, boolean enrollmentRequired, Instant createdAt)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final Duration LIFETIME = Duration.ofMinutes(5);

    boolean isExpired(Instant now) {
        return !now.isBefore(createdAt.plus(LIFETIME));
    }
}
