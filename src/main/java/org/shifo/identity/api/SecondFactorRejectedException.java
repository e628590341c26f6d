package org.shifo.identity.api;

/** A second-factor step failed: a wrong code (400 naming the field) or an unusable token (401). */
class SecondFactorRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    SecondFactorRejectedException(String field) {
        super(field);
        this.field = field;
    }

    String field() {
        return field;
    }

    /** The MFA token is invalid or expired: sign in again. */
    static final class InvalidMfaToken extends SecondFactorRejectedException {

        private static final long serialVersionUID = 1L;

        InvalidMfaToken() {
            super("mfaToken");
        }
    }

    /** The refresh token is unknown, expired, revoked or reused. */
    static final class InvalidRefreshToken extends SecondFactorRejectedException {

        private static final long serialVersionUID = 1L;

        InvalidRefreshToken() {
            super("refreshToken");
        }
    }
}
