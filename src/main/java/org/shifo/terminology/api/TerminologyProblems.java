package org.shifo.terminology.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shifo.platform.Problems;
import org.shifo.terminology.importing.ImportJobNotFoundException;
import org.shifo.terminology.importing.ImportRefusedException;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Terminology's refusals as problem details: 400 for a missing or unreadable field (format, file, system, q,
 * limit), 422 for a file of another format or a system the format does not hold, 404 for an import job the clinic
 * does not have. The field's message follows {@code Accept-Language}.
 */
@RestControllerAdvice(basePackageClasses = TerminologyProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TerminologyProblems {

    private final MessageSource messages;

    TerminologyProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(ImportRefusedException.class)
    ResponseEntity<ProblemDetail> refused(ImportRefusedException exception, HttpServletRequest request) {
        Locale locale = Problems.language(request);
        String message = messages.getMessage(
                "terminology.import.error." + exception.field() + "." + exception.code(),
                exception.arguments().toArray(),
                String.valueOf(exception.getMessage()),
                locale);
        return answer(exception.isRefusal(), exception.field(), exception.code(), String.valueOf(message));
    }

    @ExceptionHandler(TerminologyApiController.BadParameterException.class)
    ResponseEntity<ProblemDetail> badParameter(TerminologyApiController.BadParameterException exception) {
        return answer(false, exception.field(), exception.code(), String.valueOf(exception.getMessage()));
    }

    @ExceptionHandler(ImportJobNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound() {
        return Problems.response(
                HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not Found", "There is no such import job."));
    }

    private static ResponseEntity<ProblemDetail> answer(boolean refusal, String field, String code, String message) {
        ProblemDetail problem = Problems.validation(List.of(new Problems.FieldError(field, message)));
        HttpStatus status = refusal ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST;
        if (refusal) {
            problem.setStatus(status);
            problem.setType(Problems.type("terminology-import-refused"));
            problem.setTitle("Refused");
            problem.setDetail(message);
        }
        problem.setProperty(Problems.ERRORS, List.of(Map.of("field", field, "message", message, "code", code)));
        return Problems.response(status, problem);
    }
}
