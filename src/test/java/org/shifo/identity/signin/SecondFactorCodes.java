package org.shifo.identity.signin;

import java.util.Set;

/** Codes for tests of the second factor. */
public final class SecondFactorCodes {

    private SecondFactorCodes() {}

    /** A six-digit code that is valid neither now nor one time step either side. */
    public static String wrongCode(SecondFactor secondFactor, String secret) {
        long now = secondFactor.currentStep();
        Set<String> valid = Set.of(
                secondFactor.codeAt(secret, now - 1),
                secondFactor.codeAt(secret, now),
                secondFactor.codeAt(secret, now + 1));
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (!valid.contains(code)) {
                return code;
            }
        }
    }
}
