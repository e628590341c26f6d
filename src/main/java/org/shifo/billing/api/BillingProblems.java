package org.shifo.billing.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.shifo.billing.domain.BillingConflictException;
import org.shifo.billing.domain.BillingNotFoundException;
import org.shifo.billing.domain.BillingRuleException;
import org.shifo.billing.domain.Violation;
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
 * Billing's refusals as problem details: 400 naming each field and rule, 422 for well-formed input the rules
 * refuse (no price, a discount above the caller's limit, more than is outstanding), 409 for a state that does
 * not allow the change, 404 for what the caller's organization or branch does not have. Messages follow {@code
 * Accept-Language} (uz, ru, en).
 */
@RestControllerAdvice(basePackageClasses = BillingProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class BillingProblems {

    private final MessageSource messages;

    BillingProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(BillingRuleException.class)
    ResponseEntity<ProblemDetail> rules(BillingRuleException exception, HttpServletRequest request) {
        Locale locale = Problems.language(request);
        var violations = exception.violations();
        ProblemDetail problem = Problems.validation(violations.stream()
                .map(v -> new Problems.FieldError(v.field(), message(v, locale)))
                .toList());
        HttpStatus status = exception.isRefusal() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST;
        if (exception.isRefusal()) {
            problem.setStatus(status);
            problem.setType(Problems.type("billing-refused"));
            problem.setTitle("Refused");
            problem.setDetail(message(violations.getFirst(), locale));
        }
        problem.setProperty(
                Problems.ERRORS,
                violations.stream()
                        .map(v -> Map.of("field", v.field(), "code", v.code(), "message", message(v, locale)))
                        .toList());
        return Problems.response(status, problem);
    }

    @ExceptionHandler(BillingConflictException.class)
    ResponseEntity<ProblemDetail> conflict(BillingConflictException exception, HttpServletRequest request) {
        Locale locale = Problems.language(request);
        String fallback = String.valueOf(exception.getMessage());
        String detail = Objects.requireNonNullElse(
                messages.getMessage(
                        "billing.conflict." + exception.code(),
                        exception.arguments().toArray(),
                        fallback,
                        locale),
                fallback);
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "billing-conflict", "Not possible now", detail);
        problem.setProperty("code", exception.code());
        return Problems.response(HttpStatus.CONFLICT, problem);
    }

    @ExceptionHandler(BillingNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(BillingNotFoundException exception) {
        return Problems.notFound(exception.what());
    }

    private String message(Violation violation, Locale locale) {
        String text = messages.getMessage(
                "billing.rule." + violation.code(), violation.arguments().toArray(), violation.message(), locale);
        return Objects.requireNonNullElse(text, violation.message());
    }
}
