package org.shifo.identity.accounts;

import java.io.Serial;
import java.util.UUID;

/** No active session with this id belongs to the staff member (or it ended already). */
public final class SessionNotFoundException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public SessionNotFoundException(UUID id) {
        super("no active session " + id);
    }
}
