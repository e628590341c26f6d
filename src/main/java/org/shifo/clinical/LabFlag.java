package org.shifo.clinical;

/**
 * How a laboratory result compares with the reference range and critical limits it was checked against (HL7
 * v2/FHIR interpretation codes): normal, low, high, critically low, critically high.
 */
public enum LabFlag {
    N,
    L,
    H,
    LL,
    HH;

    /** Whether the value is past a critical limit: someone must be told now. */
    public boolean isCritical() {
        return this == LL || this == HH;
    }
}
