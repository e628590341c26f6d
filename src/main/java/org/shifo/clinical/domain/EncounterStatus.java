package org.shifo.clinical.domain;

/** An encounter is written while OPEN; once CLOSED it changes only by an amendment. */
public enum EncounterStatus {
    OPEN,
    CLOSED
}
