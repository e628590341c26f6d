package org.shifo.scheduling.domain;

import java.util.List;

/**
 * Input that breaks a rule: a 400 (malformed or unknown values) or a 422 (well-formed but refused: in the
 * past, outside working hours, a disabled practitioner, a merged patient). Nothing was saved.
 */
public final class SchedulingRuleException extends RuntimeException {

    private final List<Violation> violations;
    private final boolean refusal;

    private SchedulingRuleException(List<Violation> violations, boolean refusal) {
        super(
                violations.isEmpty()
                        ? "invalid"
                        : violations.getFirst().field() + " "
                                + violations.getFirst().code());
        this.violations = List.copyOf(violations);
        this.refusal = refusal;
    }

    /** Malformed, missing or unknown values: 400. */
    public static SchedulingRuleException invalid(List<Violation> violations) {
        return new SchedulingRuleException(violations, false);
    }

    public static SchedulingRuleException invalid(Violation violation) {
        return invalid(List.of(violation));
    }

    /** Well-formed values the rules refuse: 422. */
    public static SchedulingRuleException refused(Violation violation) {
        return new SchedulingRuleException(List.of(violation), true);
    }

    public List<Violation> violations() {
        return violations;
    }

    public boolean isRefusal() {
        return refusal;
    }
}
