package org.shifo.clinical.domain;

/** The encounter's main reason (one at most) or another condition treated or noted. */
public enum DiagnosisKind {
    PRIMARY,
    SECONDARY
}
