package org.shifo.notifications.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.shifo.notifications.rules.NotificationRuleException;
import org.shifo.notifications.rules.Violation;
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
 * The notification API's refusals as problem details: 400 naming each field and the rule it broke, in the
 * language of {@code Accept-Language} (messages {@code notifications.rule.*}).
 */
@RestControllerAdvice(basePackageClasses = NotificationProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class NotificationProblems {

    private final MessageSource messages;

    NotificationProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(NotificationRuleException.class)
    ResponseEntity<ProblemDetail> rules(NotificationRuleException exception, HttpServletRequest request) {
        Locale locale = Problems.language(request);
        List<Violation> violations = exception.violations();
        ProblemDetail problem = Problems.validation(violations.stream()
                .map(v -> new Problems.FieldError(v.field(), message(v, locale)))
                .toList());
        problem.setProperty(
                Problems.ERRORS,
                violations.stream()
                        .map(v -> Map.of("field", v.field(), "message", message(v, locale), "code", v.code()))
                        .toList());
        return Problems.response(HttpStatus.BAD_REQUEST, problem);
    }

    private String message(Violation violation, Locale locale) {
        return Objects.requireNonNullElse(
                messages.getMessage(
                        "notifications.rule." + violation.code(),
                        violation.arguments().toArray(),
                        violation.message(),
                        locale),
                violation.message());
    }
}
