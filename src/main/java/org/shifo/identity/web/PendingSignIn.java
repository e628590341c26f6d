package org.shifo.identity.web;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.identity.signin.SecondStep;

/**
 * Someone who gave the right password and still owes the second factor. Kept in the session, it opens only the
 * second-factor pages, and only for {@link #LIFETIME}: it is not an authentication.
 */
record PendingSignIn(UserId userId, TenantId tenantId, boolean enrollmentRequired, Instant createdAt, UUID stepId)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final Duration LIFETIME = Duration.ofMinutes(5);

    boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt());
    }

    Instant expiresAt() {
        return createdAt.plus(LIFETIME);
    }

    /** The second step this pending sign-in is, for the client at {@code clientAddress}. */
    SecondStep secondStep(String clientAddress) {
        return new SecondStep(userId, tenantId, "page:" + stepId, expiresAt(), clientAddress);
    }
}
