package org.shifo.scheduling.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.shifo.scheduling.domain.BookingConflictException;
import org.shifo.scheduling.domain.IllegalTransitionException;
import org.shifo.scheduling.domain.Violation;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Dates, times and refusals in the reader's language, for the scheduling pages. */
@Component
class SchedulingPageText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final MessageSource messages;

    SchedulingPageText(MessageSource messages) {
        this.messages = messages;
    }

    String message(String key, Locale locale, Object... arguments) {
        return Objects.requireNonNullElse(messages.getMessage(key, arguments, key, locale), key);
    }

    static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }

    /** A date as the locale writes it in full ({@code Sunday, November 22, 2026}). */
    static String longDate(LocalDate date, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL)
                .withLocale(locale)
                .format(date);
    }

    static String shortDate(LocalDate date, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(locale)
                .format(date);
    }

    /** Each broken rule's message by field (the first per field), capitalised: it stands under its label. */
    Map<String, String> errors(List<Violation> violations, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Violation violation : violations) {
            errors.putIfAbsent(violation.field(), rule(violation, locale));
        }
        return errors;
    }

    String rule(Violation violation, Locale locale) {
        String message = Objects.requireNonNullElse(
                messages.getMessage(
                        "scheduling.rule." + violation.code(),
                        violation.arguments().toArray(),
                        violation.message(),
                        locale),
                violation.message());
        return message.isEmpty() ? message : message.substring(0, 1).toUpperCase(locale) + message.substring(1);
    }

    /** "The practitioner is booked then: another appointment runs from 10:00 to 10:30 on 2026-11-22." */
    String conflict(BookingConflictException conflict, Locale locale) {
        ZoneId zone = conflict.zone();
        String code = conflict.resource().equals("room") ? "room-busy" : "practitioner-busy";
        return message(
                "scheduling.conflict." + code,
                locale,
                time(conflict.conflictStart(), zone),
                time(conflict.conflictEnd(), zone),
                conflict.conflictStart().atZone(zone).toLocalDate().toString());
    }

    String transition(IllegalTransitionException refused, Locale locale) {
        return message(
                "scheduling.page.illegalTransition",
                locale,
                status(refused.current().name(), locale),
                status(refused.requested().name(), locale));
    }

    String status(String status, Locale locale) {
        return message("scheduling.status." + status, locale);
    }
}
