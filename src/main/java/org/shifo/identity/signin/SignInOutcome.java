package org.shifo.identity.signin;

import java.time.Duration;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;

/** What a sign-in step ended in. */
public sealed interface SignInOutcome {

    /** Every step passed: the staff member is signed in. */
    record Completed(Staff staff) implements SignInOutcome {}

    /** The password was right; a second factor must follow (and be enrolled first when {@code enrollmentRequired}). */
    record SecondFactorRequired(UserId userId, TenantId tenantId, boolean enrollmentRequired)
            implements SignInOutcome {}

    /** Refused: wrong credentials (never saying which), or too many attempts (with the wait). */
    record Refused(Reason reason, Duration retryAfter) implements SignInOutcome {

        /** Why, for the answer's status; the audit trail records the finer reason. */
        public enum Reason {
            BAD_CREDENTIALS,
            THROTTLED
        }
    }
}
