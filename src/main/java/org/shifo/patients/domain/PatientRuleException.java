package org.shifo.patients.domain;

import java.util.List;

/** Input that breaks the registry's rules; nothing was saved. */
public final class PatientRuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public PatientRuleException(List<Violation> violations) {
        super("patient rules broken: " + violations.size(), null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
