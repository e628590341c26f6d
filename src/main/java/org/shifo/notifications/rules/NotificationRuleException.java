package org.shifo.notifications.rules;

import java.util.List;

/** Input the notification module refuses, with every broken rule (answered 400, nothing stored). */
public class NotificationRuleException extends RuntimeException {

    private final List<Violation> violations;

    public NotificationRuleException(List<Violation> violations) {
        super(violations.isEmpty() ? "refused" : violations.getFirst().code());
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a refusal names at least one rule");
        }
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Throws when {@code violations} is not empty. */
    public static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new NotificationRuleException(violations);
        }
    }
}
