package org.shifo.billing.invoices;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.domain.BillingRuleException;
import org.shifo.billing.domain.Violation;

/** Collects the broken rules of one request, so that the answer names all of them at once. */
final class Checks {

    private final List<Violation> violations = new ArrayList<>();

    void add(Violation violation) {
        violations.add(violation);
    }

    <T> @Nullable T required(String field, @Nullable T value) {
        if (value == null) {
            add(Violation.of(field, "required", "is required"));
        }
        return value;
    }

    /** Text stripped, required or optional, at most {@code max} characters. */
    @Nullable
    String text(String field, @Nullable String value, int max, boolean required) {
        String stripped = value == null ? null : value.strip();
        if (stripped == null || stripped.isEmpty()) {
            if (required) {
                add(Violation.of(field, "required", "is required"));
            }
            return null;
        }
        if (stripped.length() > max) {
            add(Violation.of(field, "too-long", "must be at most " + max + " characters", max));
            return null;
        }
        if (stripped.chars().anyMatch(c -> Character.isISOControl(c))) {
            add(Violation.of(field, "control-characters", "must not contain control characters"));
            return null;
        }
        return stripped;
    }

    /** An amount in tiyin: present, more than zero (or zero when allowed), at most {@code max}. */
    @Nullable
    Long amount(String field, @Nullable Long value, boolean zeroAllowed, long max) {
        if (value == null) {
            add(Violation.of(field, "required", "is required"));
            return null;
        }
        if (value < 0 || (!zeroAllowed && value == 0)) {
            add(
                    zeroAllowed
                            ? Violation.of(field, "negative", "must not be negative")
                            : Violation.of(field, "not-positive", "must be more than zero"));
            return null;
        }
        if (value > max) {
            add(Violation.of(field, "too-large", "must be at most " + max + " tiyin", max));
            return null;
        }
        return value;
    }

    /** One of the enum's names, exactly. */
    <E extends Enum<E>> @Nullable E oneOf(String field, @Nullable String value, Class<E> type, boolean required) {
        if (value == null) {
            if (required) {
                add(Violation.of(field, "required", "is required"));
            }
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        List<String> names =
                java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        add(Violation.of(field, "one-of", "must be one of " + String.join(", ", names), String.join(", ", names)));
        return null;
    }

    boolean failed() {
        return !violations.isEmpty();
    }

    /** Throws a 400 naming every broken rule, if any. */
    void check() {
        if (!violations.isEmpty()) {
            throw BillingRuleException.invalid(violations);
        }
    }
}
