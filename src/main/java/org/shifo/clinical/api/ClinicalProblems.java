package org.shifo.clinical.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shifo.clinical.domain.ClinicalConflictException;
import org.shifo.clinical.domain.ClinicalNotFoundException;
import org.shifo.clinical.domain.ClinicalRuleException;
import org.shifo.clinical.domain.Violation;
import org.shifo.clinical.encounters.EncounterDesk;
import org.shifo.platform.Problems;
import org.shifo.terminology.CodeCheck;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Clinical refusals as problem details: 400 for input that cannot be read, 422 for values medicine refuses
 * (impossible vitals with the allowed range, a code that may not be recorded with the nearest valid ones), 409
 * for what the record's state forbids (closed, no primary diagnosis), 404 for what the caller cannot see. Field
 * messages follow {@code Accept-Language}.
 */
@RestControllerAdvice(basePackageClasses = ClinicalProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClinicalProblems {

    private final MessageSource messages;

    ClinicalProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(ClinicalRuleException.class)
    ResponseEntity<ProblemDetail> rules(ClinicalRuleException exception, HttpServletRequest request) {
        Locale locale = Problems.language(request);
        List<Violation> violations = exception.violations();
        ProblemDetail problem = Problems.validation(violations.stream()
                .map(v -> new Problems.FieldError(v.field(), message(v, locale)))
                .toList());
        HttpStatus status = exception.isRefusal() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST;
        if (exception.isRefusal()) {
            problem.setStatus(status);
            problem.setType(Problems.type("clinical-refused"));
            problem.setTitle("Refused");
            Violation first = violations.getFirst();
            problem.setDetail("'" + first.field() + "' " + message(first, locale)
                    + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more; see errors)" : ""));
        }
        problem.setProperty(
                Problems.ERRORS,
                violations.stream()
                        .map(v -> Map.of("field", v.field(), "message", message(v, locale), "code", v.code()))
                        .toList());
        return Problems.response(status, problem);
    }

    @ExceptionHandler(EncounterDesk.UnrecordableCodeException.class)
    ResponseEntity<ProblemDetail> code(EncounterDesk.UnrecordableCodeException exception, HttpServletRequest request) {
        Locale locale = Problems.language(request);
        CodeCheck check = exception.check();
        String rule = "code-" + check.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-');
        String fallback =
                switch (check.verdict()) {
                    case UNKNOWN -> "is not in the imported code set";
                    case NOT_CODABLE -> "is a heading with subdivisions: choose one of its codes";
                    case RETIRED -> "was retired from the code set and may not be used for new diagnoses";
                    case MALFORMED -> "is not shaped like a code of the system";
                    case UNKNOWN_SYSTEM -> "belongs to no known code system";
                    case VALID, UNVERIFIED -> "may be recorded";
                };
        Violation violation = Violation.of("code", rule, fallback, check.code());
        String message = message(violation, locale);
        List<Map<String, Object>> suggestions = check.suggestions().stream()
                .map(c -> Map.<String, Object>of("system", c.system(), "code", c.code(), "display", c.display()))
                .toList();
        ProblemDetail problem = Problems.of(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "unrecordable-code",
                "Code may not be recorded",
                "'" + check.code() + "' " + message
                        + (suggestions.isEmpty()
                                ? "."
                                : "; nearest valid codes: "
                                        + String.join(
                                                ", ",
                                                check.suggestions().stream()
                                                        .map(c -> c.code())
                                                        .toList())
                                        + "."));
        problem.setProperty(
                Problems.ERRORS, List.of(Map.of("field", "code", "message", message, "code", violation.code())));
        problem.setProperty("verdict", check.verdict().name());
        problem.setProperty("suggestions", suggestions);
        return Problems.response(HttpStatus.UNPROCESSABLE_CONTENT, problem);
    }

    @ExceptionHandler(ClinicalConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ClinicalConflictException exception, HttpServletRequest request) {
        Locale locale = Problems.language(request);
        String detail = messages.getMessage(
                "clinical.conflict." + exception.code(), null, String.valueOf(exception.getMessage()), locale);
        ProblemDetail problem = Problems.of(
                HttpStatus.CONFLICT,
                exception.code(),
                "Not possible now",
                detail == null ? String.valueOf(exception.getMessage()) : detail);
        problem.setProperty("code", exception.code());
        return Problems.response(HttpStatus.CONFLICT, problem);
    }

    @ExceptionHandler(ClinicalNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(ClinicalNotFoundException exception) {
        return Problems.response(
                HttpStatus.NOT_FOUND,
                Problems.of(
                        HttpStatus.NOT_FOUND, "not-found", "Not Found", "There is no such " + exception.what() + "."));
    }

    private String message(Violation violation, Locale locale) {
        String message = messages.getMessage(
                "clinical.rule." + violation.code(), violation.arguments().toArray(), violation.message(), locale);
        return message == null ? violation.message() : message;
    }
}
