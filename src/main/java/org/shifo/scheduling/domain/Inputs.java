package org.shifo.scheduling.domain;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the text of requests into values, collecting one {@link Violation} per field that cannot be read, so a
 * request with three mistakes hears of all three.
 */
public final class Inputs {

    private static final Pattern TIME_OF_DAY = Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])|24:00");

    private final List<Violation> violations = new java.util.ArrayList<>();

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    public void add(Violation violation) {
        violations.add(violation);
    }

    /** Throws a 400 with every violation collected so far, if any. */
    public void check() {
        if (!violations.isEmpty()) {
            throw SchedulingRuleException.invalid(violations);
        }
    }

    public @Nullable UUID requiredId(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            violations.add(Violation.of(field, "required", "is required"));
            return null;
        }
        return optionalId(field, value);
    }

    public @Nullable UUID optionalId(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() != 36) {
                throw new IllegalArgumentException("length");
            }
            return UUID.fromString(value);
        } catch (IllegalArgumentException malformed) {
            violations.add(Violation.of(field, "malformed-id", "must be an id (a UUID)"));
            return null;
        }
    }

    /**
     * A moment with its offset, as ISO 8601 ({@code 2026-12-01T09:00:00+05:00} or {@code ...Z}). A time without
     * an offset is refused: it would mean different moments in different branches.
     */
    public @Nullable OffsetDateTime requiredMoment(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            violations.add(Violation.of(field, "required", "is required"));
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException malformed) {
            violations.add(Violation.of(
                    field,
                    "malformed-moment",
                    "must be an ISO 8601 date and time with its UTC offset, such as 2026-12-01T09:00:00+05:00"));
            return null;
        }
    }

    /** A date ({@code 2026-12-01}). */
    public @Nullable LocalDate requiredDate(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            violations.add(Violation.of(field, "required", "is required"));
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException malformed) {
            violations.add(Violation.of(field, "malformed-date", "must be a date such as 2026-12-01"));
            return null;
        }
    }

    /** A date, a local date and time, or a moment with offset; which one it was is kept. */
    public sealed interface When permits Day, Local, Moment {}

    public record Day(LocalDate date) implements When {}

    public record Local(LocalDateTime dateTime) implements When {}

    public record Moment(OffsetDateTime moment) implements When {}

    public @Nullable When requiredWhen(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            violations.add(Violation.of(field, "required", "is required"));
            return null;
        }
        String text = value.strip();
        try {
            if (text.length() == 10) {
                return new Day(LocalDate.parse(text));
            }
            try {
                return new Moment(OffsetDateTime.parse(text));
            } catch (DateTimeParseException noOffset) {
                return new Local(LocalDateTime.parse(text));
            }
        } catch (DateTimeParseException malformed) {
            violations.add(Violation.of(
                    field,
                    "malformed-when",
                    "must be a date (2026-12-01), a local date and time (2026-12-01T09:00) or one with its offset"));
            return null;
        }
    }

    /** A time of day, {@code HH:mm}, where {@code 24:00} is the end of the day; as minutes since midnight. */
    public @Nullable Integer timeOfDay(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            violations.add(Violation.of(field, "required", "is required"));
            return null;
        }
        var matcher = TIME_OF_DAY.matcher(value.strip());
        if (!matcher.matches()) {
            violations.add(
                    Violation.of(field, "malformed-time", "must be a time of day such as 09:00 (00:00 to 24:00)"));
            return null;
        }
        if (matcher.group(1) == null) {
            return 1440;
        }
        return Integer.parseInt(matcher.group(1)) * 60 + Integer.parseInt(matcher.group(2));
    }

    /** A weekday: {@code MONDAY} (any case, or its first three letters) or ISO 1 (Monday) to 7 (Sunday). */
    public @Nullable DayOfWeek dayOfWeek(String field, @Nullable Object value) {
        if (value == null) {
            violations.add(Violation.of(field, "required", "is required"));
            return null;
        }
        String text = value.toString().strip().toUpperCase(Locale.ROOT);
        try {
            if (text.matches("[1-7]")) {
                return DayOfWeek.of(Integer.parseInt(text));
            }
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day.name().equals(text) || (text.length() == 3 && day.name().startsWith(text))) {
                    return day;
                }
            }
        } catch (DateTimeException impossible) {
            // falls through to the violation
        }
        violations.add(Violation.of(field, "malformed-day", "must be a weekday: MONDAY to SUNDAY, or 1 to 7"));
        return null;
    }

    /** Free text of 1 to {@code max} characters without control characters; blank means absent. */
    public @Nullable String text(String field, @Nullable String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                violations.add(Violation.of(field, "required", "is required"));
            }
            return null;
        }
        String text = java.text.Normalizer.normalize(value.strip(), java.text.Normalizer.Form.NFC);
        if (text.length() > max) {
            violations.add(Violation.of(field, "too-long", "must be at most " + max + " characters", max));
            return null;
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            violations.add(Violation.of(field, "control-characters", "must not contain control characters"));
            return null;
        }
        return text;
    }
}
