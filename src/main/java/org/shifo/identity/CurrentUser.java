package org.shifo.identity;

import java.util.Optional;

/** The staff member on whose behalf the current request runs. */
public final class CurrentUser {

    private CurrentUser() {}

    /** The signed-in staff member who has completed every sign-in step, if any. */
    public static Optional<Staff> find() {
        return TenantContext.currentPrincipal();
    }

    /** The signed-in staff member; fails when there is none (a route that needs one is never public). */
    public static Staff get() {
        return find().orElseThrow(() -> new IllegalStateException("No signed-in staff member"));
    }
}
