package org.shifo.clinical.lab;

import java.util.List;
import java.util.Objects;

/** One broken rule of a result: the field, a stable code, an English message and the values it mentions. */
public record LabViolation(String field, String code, String message, List<Object> arguments) {

    public LabViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        arguments = List.copyOf(arguments);
    }

    static LabViolation of(String field, String code, String message, Object... arguments) {
        return new LabViolation(field, code, message, List.of(arguments));
    }
}
