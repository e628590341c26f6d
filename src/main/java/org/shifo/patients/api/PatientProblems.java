package org.shifo.patients.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shifo.patients.domain.PatientRuleException;
import org.shifo.patients.domain.Violation;
import org.shifo.patients.registry.DuplicateIdentifierException;
import org.shifo.patients.registry.MergeRefusedException;
import org.shifo.patients.registry.PatientNotFoundException;
import org.shifo.patients.registry.PossibleDuplicateException;
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
 * The registry's refusals as problem details. Field messages are in the language the caller asks for with
 * {@code Accept-Language} (uz, ru or en; English when none of these), and each error carries its stable
 * {@code code} too. Details never contain patient data.
 */
@RestControllerAdvice(basePackageClasses = PatientProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PatientProblems {

    private final MessageSource messages;

    PatientProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(PatientRuleException.class)
    ResponseEntity<ProblemDetail> rules(PatientRuleException exception, HttpServletRequest request) {
        Locale locale = locale(request);
        List<Violation> violations = exception.violations();
        ProblemDetail problem = Problems.validation(violations.stream()
                .map(v -> new Problems.FieldError(v.field(), message(v, locale)))
                .toList());
        problem.setProperty(
                Problems.ERRORS,
                violations.stream()
                        .map(v -> Map.of("field", v.field(), "message", message(v, locale), "code", v.code()))
                        .toList());
        return answer(HttpStatus.BAD_REQUEST, problem);
    }

    @ExceptionHandler(PossibleDuplicateException.class)
    ResponseEntity<ProblemDetail> possibleDuplicate(PossibleDuplicateException exception) {
        ProblemDetail problem = Problems.of(
                HttpStatus.CONFLICT,
                "possible-duplicate",
                "Possible duplicate",
                "This patient may be registered already; look at the candidates, and send the request again with"
                        + " registerAnyway: true if it is a different person.");
        problem.setProperty(
                "candidates",
                exception.candidates().stream()
                        .map(c -> {
                            Map<String, Object> candidate = new LinkedHashMap<>();
                            candidate.put("id", c.id().toString());
                            candidate.put("medicalRecordNumber", c.medicalRecordNumber());
                            candidate.put("displayName", c.displayName());
                            candidate.put("birthDate", c.birthDate().toString());
                            candidate.put("score", c.match().score());
                            candidate.put("reasons", c.match().texts());
                            candidate.put(
                                    "reasonCodes",
                                    c.match().reasons().stream()
                                            .map(r -> r.code())
                                            .toList());
                            return candidate;
                        })
                        .toList());
        return answer(HttpStatus.CONFLICT, problem);
    }

    @ExceptionHandler(DuplicateIdentifierException.class)
    ResponseEntity<ProblemDetail> duplicateIdentifier(DuplicateIdentifierException exception) {
        ProblemDetail problem = Problems.of(
                HttpStatus.CONFLICT,
                "duplicate-identifier",
                "Identifier already registered",
                "The " + exception.type() + " in '" + exception.field()
                        + "' belongs to another patient record; open that record instead.");
        problem.setProperty("field", exception.field());
        problem.setProperty("identifierType", exception.type().name());
        problem.setProperty("existingPatientId", exception.existing().toString());
        problem.setProperty("existingPatient", "/api/v1/patients/" + exception.existing());
        return answer(HttpStatus.CONFLICT, problem);
    }

    @ExceptionHandler(PatientNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound() {
        return answer(
                HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not Found", "There is no such patient record."));
    }

    @ExceptionHandler(MergeRefusedException.class)
    ResponseEntity<ProblemDetail> mergeRefused(MergeRefusedException exception) {
        ProblemDetail problem = Problems.of(
                HttpStatus.CONFLICT,
                "merge-not-possible",
                "Not possible now",
                exception.reason().detail());
        problem.setProperty("reason", exception.reason().name());
        return answer(HttpStatus.CONFLICT, problem);
    }

    private String message(Violation violation, Locale locale) {
        String message = messages.getMessage(
                "patients.rule." + violation.code(), violation.arguments().toArray(), violation.message(), locale);
        return message == null ? violation.message() : message;
    }

    static Locale locale(HttpServletRequest request) {
        return Problems.language(request);
    }

    private static ResponseEntity<ProblemDetail> answer(HttpStatus status, ProblemDetail problem) {
        return Problems.response(status, problem);
    }
}
