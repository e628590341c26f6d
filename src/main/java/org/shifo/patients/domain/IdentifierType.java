package org.shifo.patients.domain;

/** The kinds of identity documents and numbers a patient record can carry. */
public enum IdentifierType {
    /** Uzbek personal identification number (JShShIR / ПИНФЛ), 14 digits. */
    PINFL,
    /** Uzbek passport: two letters and seven digits. */
    UZ_PASSPORT,
    /** Uzbek ID card: two letters and seven digits. */
    UZ_ID_CARD,
    /** Birth certificate: series and number. */
    BIRTH_CERTIFICATE,
    /** A passport issued by another country (country + number). */
    FOREIGN_PASSPORT,
    /** A health insurance policy number. */
    INSURANCE
}
