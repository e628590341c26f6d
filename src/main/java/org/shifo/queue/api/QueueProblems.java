package org.shifo.queue.api;

import java.util.List;
import java.util.Map;
import org.shifo.platform.Problems;
import org.shifo.queue.domain.QueueException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The queue's refusals as problem details: 400 naming the field, 404, or 409 with the actions possible now. */
@RestControllerAdvice(basePackageClasses = QueueProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class QueueProblems {

    @ExceptionHandler(QueueException.class)
    ResponseEntity<ProblemDetail> refused(QueueException exception) {
        String message = String.valueOf(exception.getMessage());
        return switch (exception.kind()) {
            case NOT_FOUND ->
                Problems.response(
                        HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not Found", message));
            case INVALID -> {
                ProblemDetail problem =
                        Problems.validation(List.of(new Problems.FieldError(exception.field(), message)));
                problem.setProperty(
                        Problems.ERRORS,
                        List.of(Map.of("field", exception.field(), "message", message, "code", exception.code())));
                yield Problems.response(HttpStatus.BAD_REQUEST, problem);
            }
            case CONFLICT -> {
                ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, exception.code(), "Not possible now", message);
                if (!exception.allowed().isEmpty()) {
                    problem.setProperty("allowedActions", exception.allowed());
                }
                yield Problems.response(HttpStatus.CONFLICT, problem);
            }
        };
    }
}
