package org.shifo.clinical.domain;

import java.util.List;

/**
 * Input that breaks a rule: a 400 (malformed, missing or unknown values) or a 422 (well-formed but refused:
 * physiologically impossible vitals, a code that may not be recorded, a measurement in the future). Nothing was
 * saved.
 */
public final class ClinicalRuleException extends RuntimeException {

    private final List<Violation> violations;
    private final boolean refusal;

    private ClinicalRuleException(List<Violation> violations, boolean refusal) {
        super(
                violations.isEmpty()
                        ? "invalid"
                        : violations.getFirst().field() + " "
                                + violations.getFirst().code());
        this.violations = List.copyOf(violations);
        this.refusal = refusal;
    }

    /** Malformed, missing or unknown values: 400. */
    public static ClinicalRuleException invalid(List<Violation> violations) {
        return new ClinicalRuleException(violations, false);
    }

    public static ClinicalRuleException invalid(Violation violation) {
        return invalid(List.of(violation));
    }

    /** Well-formed values the rules refuse: 422. */
    public static ClinicalRuleException refused(List<Violation> violations) {
        return new ClinicalRuleException(violations, true);
    }

    public static ClinicalRuleException refused(Violation violation) {
        return refused(List.of(violation));
    }

    public List<Violation> violations() {
        return violations;
    }

    public boolean isRefusal() {
        return refusal;
    }
}
