package org.shifo.terminology.lab.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.shifo.platform.Problems;
import org.shifo.terminology.lab.CatalogueRule;
import org.shifo.terminology.lab.LabCatalogueRuleException;
import org.shifo.terminology.lab.LabTestNotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The catalogue's refusals: 400 listing each broken rule (line and column of an import), 404 for a test. */
@RestControllerAdvice(basePackageClasses = LabCatalogueProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class LabCatalogueProblems {

    private final MessageSource messages;

    LabCatalogueProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(LabCatalogueRuleException.class)
    ResponseEntity<ProblemDetail> rules(LabCatalogueRuleException exception, HttpServletRequest request) {
        Locale locale = Problems.language(request);
        ProblemDetail problem = Problems.validation(exception.rules().stream()
                .map(rule -> new Problems.FieldError(rule.field(), message(rule, locale)))
                .toList());
        problem.setProperty(
                Problems.ERRORS,
                exception.rules().stream()
                        .map(rule ->
                                Map.of("field", rule.field(), "code", rule.code(), "message", message(rule, locale)))
                        .toList());
        return Problems.response(HttpStatus.BAD_REQUEST, problem);
    }

    @ExceptionHandler(LabTestNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound() {
        return Problems.response(
                HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not Found", "There is no such laboratory test."));
    }

    private String message(CatalogueRule rule, Locale locale) {
        return Objects.requireNonNullElse(
                messages.getMessage(
                        "lab.catalogue.rule." + rule.code(), rule.arguments().toArray(), rule.message(), locale),
                rule.message());
    }
}
