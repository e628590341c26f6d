package org.shifo.clinical.domain;

/** How sure the doctor is (FHIR Condition.verificationStatus: unconfirmed, confirmed, refuted). */
public enum DiagnosisStatus {
    SUSPECTED,
    CONFIRMED,
    RULED_OUT
}
