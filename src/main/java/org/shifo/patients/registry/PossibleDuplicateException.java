package org.shifo.patients.registry;

import java.util.List;

/** A strong duplicate candidate exists; the user must look and then explicitly register anyway. */
public final class PossibleDuplicateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Candidate> candidates;

    public PossibleDuplicateException(List<Candidate> candidates) {
        super("possible duplicate", null, false, false);
        this.candidates = List.copyOf(candidates);
    }

    public List<Candidate> candidates() {
        return candidates;
    }
}
