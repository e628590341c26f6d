package org.shifo.clinical.domain;

import java.util.List;

/**
 * A measurement that is possible but clinically abnormal: accepted and flagged with the rule that raised it.
 * {@code code} is stable ({@code fever}, {@code hypertension-grade-2}); the message is English, translated
 * under {@code clinical.flag.<code>} with the arguments.
 */
public record VitalFlag(String measure, String code, String message, List<Object> arguments) {

    public VitalFlag {
        arguments = List.copyOf(arguments);
    }

    static VitalFlag of(String measure, String code, String message, Object... arguments) {
        return new VitalFlag(measure, code, message, List.of(arguments));
    }
}
