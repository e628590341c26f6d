package org.shifo.identity;

import java.util.Optional;

/** The staff member on whose behalf the current request runs. */
public final class CurrentUser {

    private CurrentUser() {}

    /** The signed-in staff member who has completed every sign-in step, if any. */
    public static Optional<Staff> find() {
        return TenantContext.currentPrincipal();
    }

    /** The signed-in staff member as the audit actor, else the named part of the system acting on its own. */
    public static org.shifo.audit.AuditActor auditActor(String process) {
        return find().map(Staff::auditActor).orElseGet(() -> org.shifo.audit.AuditActor.system(process));
    }

    /** Whether the signed-in staff member works in the branch; work without a signed-in member is not limited. */
    public static boolean worksIn(BranchId branch) {
        return find().map(staff -> staff.worksIn(branch)).orElse(true);
    }

    /** The signed-in staff member; fails when there is none (a route that needs one is never public). */
    public static Staff get() {
        return find().orElseThrow(() -> new IllegalStateException("No signed-in staff member"));
    }
}
