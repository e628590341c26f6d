package org.shifo.identity.accounts;

import org.shifo.identity.UserId;

/** No staff account with this id in the caller's organization (another organization's ids are not found either). */
public final class StaffNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StaffNotFoundException(UserId id) {
        super("No staff account " + id);
    }
}
