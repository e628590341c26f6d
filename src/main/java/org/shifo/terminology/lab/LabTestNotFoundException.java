package org.shifo.terminology.lab;

/** No test of that code in the clinic's catalogue: a 404. */
public final class LabTestNotFoundException extends RuntimeException {

    public LabTestNotFoundException(String code) {
        super("lab test not found");
    }
}
