package org.shifo.clinical.domain;

import java.util.List;
import java.util.Objects;

/**
 * One broken rule: the field (a JSON name such as {@code temperatureC}), a stable code, an English message, and
 * the values the message mentions (for its translations, under {@code clinical.rule.<code>}).
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
