package org.shifo.patients.registry;

/** No such patient in the caller's organization (or deleted): answered 404, like a record that never existed. */
public final class PatientNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PatientNotFoundException() {
        super("no such patient", null, false, false);
    }
}
