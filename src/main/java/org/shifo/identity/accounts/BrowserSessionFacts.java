package org.shifo.identity.accounts;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a signed-in browser session shows in the list of active sessions, kept in the session itself (Spring
 * Session JDBC stores it with the other attributes). The handle names the session for revocation: the session id
 * is the cookie's value, a credential, and is never shown.
 */
public record BrowserSessionFacts(
        UUID handle, Instant signedInAt, @Nullable String clientAddress, @Nullable String userAgent)
        implements Serializable {

    /** The session attribute under which the facts are kept. */
    public static final String ATTRIBUTE = BrowserSessionFacts.class.getName();

    @Serial
    private static final long serialVersionUID = 1L;
}
