package org.shifo.identity.accounts;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One place a staff member is signed in: a browser session or an API client's refresh-token family. The id
 * names the session for revocation and is not a credential (never the session cookie or a token).
 *
 * @param current whether this is the browser session the list was asked from
 */
public record ActiveSession(
        UUID id,
        Kind kind,
        Instant startedAt,
        Instant lastUsedAt,
        @Nullable String clientAddress,
        @Nullable String userAgent,
        boolean current) {

    /** A browser (server-side session, cookie) or an API client (refresh tokens). */
    public enum Kind {
        BROWSER,
        API
    }
}
