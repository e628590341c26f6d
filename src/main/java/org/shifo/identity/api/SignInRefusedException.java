package org.shifo.identity.api;

import org.shifo.identity.signin.SignInOutcome;

/** The password step refused: 401 for wrong credentials, 429 with Retry-After when throttled. */
final class SignInRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SignInOutcome.Refused refusal;

    SignInRefusedException(SignInOutcome.Refused refusal) {
        super(refusal.reason().name());
        this.refusal = refusal;
    }

    SignInOutcome.Refused refusal() {
        return refusal;
    }
}
