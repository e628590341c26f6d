package org.shifo.billing.domain;

import java.util.List;

/**
 * Input that breaks billing's rules, every broken rule at once; nothing was stored. 400 for input that cannot
 * be read or names nothing known, 422 ({@link #isRefusal}) for well-formed input the rules refuse (an amount
 * above what is outstanding, a discount above the caller's limit, a service without a price).
 */
public final class BillingRuleException extends RuntimeException {

    private final List<Violation> violations;
    private final boolean refusal;

    private BillingRuleException(List<Violation> violations, boolean refusal) {
        super(
                violations.isEmpty()
                        ? "invalid"
                        : violations.getFirst().field() + " "
                                + violations.getFirst().code());
        this.violations = List.copyOf(violations);
        this.refusal = refusal;
    }

    public static BillingRuleException invalid(List<Violation> violations) {
        return new BillingRuleException(violations, false);
    }

    public static BillingRuleException invalid(Violation violation) {
        return invalid(List.of(violation));
    }

    public static BillingRuleException refused(Violation violation) {
        return new BillingRuleException(List.of(violation), true);
    }

    public static BillingRuleException refused(List<Violation> violations) {
        return new BillingRuleException(violations, true);
    }

    public List<Violation> violations() {
        return violations;
    }

    public boolean isRefusal() {
        return refusal;
    }
}
