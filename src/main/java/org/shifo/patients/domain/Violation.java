package org.shifo.patients.domain;

import java.util.List;

/**
 * One rule an input broke: the JSON path of the field, a stable code (a message key {@code
 * patients.rule.<code>} in the bundles, so pages and API answers can say it in the reader's language), the
 * message arguments, and the English message.
 */
public record Violation(String field, String code, List<Object> arguments, String message) {

    public Violation {
        arguments = List.copyOf(arguments);
    }

    public static Violation of(String field, String code, String message, Object... arguments) {
        return new Violation(field, code, List.of(arguments), message);
    }
}
