package org.shifo.scheduling.domain;

/** A change to a practitioner's template: absences take time away everywhere, an extra shift adds some. */
public enum ExceptionKind {
    VACATION,
    SICK_LEAVE,
    OTHER_ABSENCE,
    EXTRA_SHIFT;

    public boolean isAbsence() {
        return this != EXTRA_SHIFT;
    }
}
