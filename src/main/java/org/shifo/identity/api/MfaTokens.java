package org.shifo.identity.api;

import org.shifo.identity.security.AccessTokens;
import org.springframework.security.oauth2.jwt.JwtException;

/** Reads the MFA token of a second-step request; an invalid or expired one is a 401. */
final class MfaTokens {

    private MfaTokens() {}

    static AccessTokens.PendingMfa read(AccessTokens tokens, String mfaToken) {
        try {
            return tokens.readMfa(mfaToken);
        } catch (JwtException | IllegalArgumentException | NullPointerException e) {
            throw new SecondFactorRejectedException.InvalidMfaToken();
        }
    }
}
