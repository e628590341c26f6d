package org.shifo.clinical.domain;

/**
 * A request that the record's state does not allow (409): writing to a closed encounter, closing without a
 * primary diagnosis, a second primary diagnosis, a stale version. {@code code} is stable for clients.
 */
public final class ClinicalConflictException extends RuntimeException {

    private final String code;

    public ClinicalConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
