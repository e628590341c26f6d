package org.shifo.patients.domain;

/** Administrative sex, as FHIR's {@code AdministrativeGender}. */
public enum Sex {
    MALE,
    FEMALE,
    OTHER,
    UNKNOWN
}
