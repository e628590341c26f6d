package org.shifo.clinical.domain;

/** Something the caller cannot see: missing, deleted, or of another clinic (404, never the data). */
public final class ClinicalNotFoundException extends RuntimeException {

    private final String what;

    public ClinicalNotFoundException(String what) {
        super(what + " not found");
        this.what = what;
    }

    public String what() {
        return what;
    }
}
