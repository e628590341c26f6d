package org.shifo.identity.api;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.accounts.ActiveSession;

/** An active session as the API shows it: never a session id or token, only the handle to revoke it by. */
record SessionResponse(
        UUID id,
        String kind,
        Instant startedAt,
        Instant lastUsedAt,
        @Nullable String clientAddress,
        @Nullable String userAgent,
        boolean current) {

    static SessionResponse from(ActiveSession session) {
        return new SessionResponse(
                session.id(),
                session.kind().name().toLowerCase(Locale.ROOT),
                session.startedAt(),
                session.lastUsedAt(),
                session.clientAddress(),
                session.userAgent(),
                session.current());
    }
}
