package org.shifo.patients.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.shifo.patients.domain.DuplicateScore;
import org.shifo.patients.domain.Violation;
import org.shifo.platform.ShellContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Dates, reasons and broken rules in the reader's language, for the patient pages. */
@Component
class PatientPageText {

    private final MessageSource messages;
    private final ObjectProvider<ShellContext> shell;

    PatientPageText(MessageSource messages, ObjectProvider<ShellContext> shell) {
        this.messages = messages;
        this.shell = shell;
    }

    String message(String key, Locale locale, Object... arguments) {
        return Objects.requireNonNullElse(messages.getMessage(key, arguments, key, locale), key);
    }

    /** The message, or {@code fallback} when the bundles have no such key (an action added later). */
    String messageOr(String key, String fallback, Locale locale) {
        return Objects.requireNonNullElse(messages.getMessage(key, null, fallback, locale), fallback);
    }

    /** A date as the locale writes it ({@code 12.03.1985}, {@code Mar 12, 1985}). */
    static String date(LocalDate date, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(locale)
                .format(date);
    }

    /** A moment in the branch's time zone, as the locale writes it. */
    String moment(Instant at, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(shell.getIfAvailable(ShellContext::signedOut).timeZone())
                .format(at);
    }

    /** "same phone, name 92 % similar" in the reader's language. */
    String reasons(DuplicateScore score, Locale locale) {
        return score.reasons().stream()
                .map(reason -> message("patients.reason." + reason.code(), locale, reason.percent()))
                .collect(Collectors.joining(", "));
    }

    /** Each broken rule's message by the page's field name (the first per field). */
    Map<String, String> errors(List<Violation> violations, PatientFormFields fields, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Violation violation : violations) {
            errors.putIfAbsent(fields.originalField(violation.field()), rule(violation, locale));
        }
        return errors;
    }

    /** The rule's message, capitalised: on a page it stands alone under its field's label. */
    String rule(Violation violation, Locale locale) {
        String message = Objects.requireNonNullElse(
                messages.getMessage(
                        "patients.rule." + violation.code(),
                        violation.arguments().toArray(),
                        violation.message(),
                        locale),
                violation.message());
        return message.isEmpty() ? message : message.substring(0, 1).toUpperCase(locale) + message.substring(1);
    }
}
