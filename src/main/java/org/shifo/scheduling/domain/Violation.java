package org.shifo.scheduling.domain;

import java.util.List;
import java.util.Objects;

/**
 * One broken rule: the field (a JSON path such as {@code weekly[0].breaks[1].end}), a stable code, an English
 * message, and the values the message mentions (for its translations).
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
