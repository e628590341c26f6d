package org.shifo.notifications.rules;

import java.util.List;
import java.util.Objects;

/**
 * One broken rule: the field (the API's JSON name), a stable code (messages {@code notifications.rule.<code>}),
 * the English text when no bundle has the code, and the message's arguments.
 */
public record Violation(String field, String code, String message, List<Object> arguments) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        arguments = List.copyOf(arguments);
    }

    public static Violation of(String field, String code, String message, Object... arguments) {
        return new Violation(field, code, message, List.of(arguments));
    }
}
