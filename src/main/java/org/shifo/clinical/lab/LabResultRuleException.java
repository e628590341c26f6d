package org.shifo.clinical.lab;

import java.util.List;
import org.shifo.terminology.LabTest;

/**
 * A result that breaks rules: 400 (or 422 for a merged patient record), every broken rule at once; nothing
 * was stored. Carries the nearest test codes when the code is unknown and the permitted units when the unit is
 * not one of them.
 */
public final class LabResultRuleException extends RuntimeException {

    private final List<LabViolation> violations;
    private final List<LabTest> suggestions;
    private final List<String> permittedUnits;
    private final boolean refusal;

    LabResultRuleException(
            List<LabViolation> violations, List<LabTest> suggestions, List<String> permittedUnits, boolean refusal) {
        super(
                violations.isEmpty()
                        ? "invalid"
                        : violations.getFirst().field() + " "
                                + violations.getFirst().code());
        this.violations = List.copyOf(violations);
        this.suggestions = List.copyOf(suggestions);
        this.permittedUnits = List.copyOf(permittedUnits);
        this.refusal = refusal;
    }

    public List<LabViolation> violations() {
        return violations;
    }

    public List<LabTest> suggestions() {
        return suggestions;
    }

    public List<String> permittedUnits() {
        return permittedUnits;
    }

    /** Well-formed input the rules refuse (a merged record): 422 rather than 400. */
    public boolean isRefusal() {
        return refusal;
    }
}
