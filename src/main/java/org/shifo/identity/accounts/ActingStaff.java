package org.shifo.identity.accounts;

import org.shifo.audit.AuditActor;
import org.shifo.identity.CurrentUser;

/** Who an account change is recorded as done by: the signed-in staff member, else identity's own process. */
final class ActingStaff {

    private ActingStaff() {}

    static AuditActor asAuditActor() {
        return CurrentUser.find()
                .<AuditActor>map(staff -> AuditActor.user(staff.userId().value(), staff.fullName()))
                .orElseGet(() -> AuditActor.system("identity"));
    }
}
