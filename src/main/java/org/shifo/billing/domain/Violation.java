package org.shifo.billing.domain;

import java.util.List;

/**
 * One broken rule: the field (JSON path) it concerns, a stable code (the message key under {@code
 * billing.rule.}), the English message, and the message's arguments.
 */
public record Violation(String field, String code, String message, List<Object> arguments) {

    public Violation {
        arguments = List.copyOf(arguments);
    }

    public static Violation of(String field, String code, String message, Object... arguments) {
        return new Violation(field, code, message, List.of(arguments));
    }
}
