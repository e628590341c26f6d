package org.shifo.terminology;

/** Where a laboratory test's code comes from. */
public enum LabCodeSystem {
    /** A LOINC code ({@code 718-7}), as published by Regenstrief; never altered. */
    LOINC("http://loinc.org"),
    /** A code the clinic (or Shifo's starter catalogue) made up for a test without a LOINC code it is sure of. */
    LOCAL("urn:shifo:lab-test");

    private final String uri;

    LabCodeSystem(String uri) {
        this.uri = uri;
    }

    /** The code system URI, as FHIR writes it. */
    public String uri() {
        return uri;
    }
}
