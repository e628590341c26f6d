package org.shifo.clinical.lab;

/** No such patient in the caller's organization (or a deleted one): a 404 that says nothing more. */
public final class LabPatientNotFoundException extends RuntimeException {

    public LabPatientNotFoundException() {
        super("patient not found");
    }
}
