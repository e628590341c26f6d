package org.shifo.clinical.lab.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.shifo.clinical.lab.LabPatientNotFoundException;
import org.shifo.clinical.lab.LabResultRuleException;
import org.shifo.clinical.lab.LabViolation;
import org.shifo.platform.Problems;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Laboratory results' refusals as problem details: 400 naming each field and rule (with {@code suggestions} for
 * an unknown test code and {@code permittedUnits} for a unit the test does not have), 422 for a merged patient
 * record, 404 for a patient the caller's organization does not have. Messages follow {@code Accept-Language}.
 */
@RestControllerAdvice(basePackageClasses = LabResultProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class LabResultProblems {

    private final MessageSource messages;

    LabResultProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(LabResultRuleException.class)
    ResponseEntity<ProblemDetail> rules(LabResultRuleException exception, HttpServletRequest request) {
        Locale locale = Problems.language(request);
        var violations = exception.violations();
        ProblemDetail problem = Problems.validation(violations.stream()
                .map(v -> new Problems.FieldError(v.field(), message(messages, v, locale)))
                .toList());
        HttpStatus status = exception.isRefusal() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST;
        if (exception.isRefusal()) {
            problem.setStatus(status);
            problem.setType(Problems.type("lab-result-refused"));
            problem.setTitle("Refused");
            problem.setDetail(message(messages, violations.getFirst(), locale));
        }
        problem.setProperty(
                Problems.ERRORS,
                violations.stream()
                        .map(v -> Map.of("field", v.field(), "code", v.code(), "message", message(messages, v, locale)))
                        .toList());
        if (!exception.suggestions().isEmpty()) {
            problem.setProperty(
                    "suggestions",
                    exception.suggestions().stream()
                            .map(test -> LabResultResponse.suggestion(test, locale.getLanguage()))
                            .toList());
        }
        if (!exception.permittedUnits().isEmpty()) {
            problem.setProperty("permittedUnits", exception.permittedUnits());
        }
        return Problems.response(status, problem);
    }

    @ExceptionHandler(LabPatientNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound() {
        return Problems.response(
                HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not Found", "There is no such patient."));
    }

    /** The rule's message in the locale (its English text when the bundles lack it). */
    public static String message(MessageSource messages, LabViolation violation, Locale locale) {
        String text = messages.getMessage(
                "lab.rule." + violation.code(), violation.arguments().toArray(), violation.message(), locale);
        return Objects.requireNonNullElse(text, violation.message());
    }
}
