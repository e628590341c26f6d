package org.shifo.platform.web;

import io.sentry.Sentry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.shifo.platform.Problems;
import org.shifo.platform.Problems.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The last word on errors of the JSON API: every exception a module does not map itself becomes a problem
 * detail with a stable type, the right 4xx (or a bare 500 that reveals nothing), and the request id. Page
 * requests are not answered here: the exception goes on to the error page. Security exceptions always go on
 * to Spring Security, which decides between 401 and 403.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
final class ApiProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handle(Exception exception, HttpServletRequest request) throws Exception {
        if (exception instanceof AccessDeniedException || exception instanceof AuthenticationException) {
            throw exception;
        }
        if (!ApiRequests.isApi(request)) {
            throw exception;
        }
        ResponseEntity<ProblemDetail> response = answer(exception);
        ProblemDetail problem = Objects.requireNonNull(response.getBody());
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private ResponseEntity<ProblemDetail> answer(Exception exception) {
        return switch (exception) {
            case BindException e -> bad(Problems.validation(fieldErrors(e)));
            case HandlerMethodValidationException e -> bad(Problems.validation(fieldErrors(e)));
            case ConstraintViolationException e -> bad(Problems.validation(fieldErrors(e)));
            case MissingServletRequestParameterException e ->
                bad(Problems.validation(List.of(new FieldError(e.getParameterName(), "is required"))));
            case MethodArgumentTypeMismatchException e ->
                bad(Problems.validation(List.of(new FieldError(e.getName(), "has the wrong format"))));
            case TypeMismatchException e ->
                bad(Problems.validation(List.of(new FieldError(
                        Objects.requireNonNullElse(e.getPropertyName(), "value"), "has the wrong format"))));
            case HttpMessageNotReadableException e -> unreadable(e);
            case OptimisticLockingFailureException e ->
                of(
                        HttpStatus.CONFLICT,
                        "concurrent-modification",
                        "Changed by someone else",
                        "The record was changed by someone else in the meantime; reload it and try again.");
            case MaxUploadSizeExceededException e ->
                of(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "payload-too-large",
                        "Upload too large",
                        "The upload is larger than this installation accepts"
                                + (e.getMaxUploadSize() > 0 ? " (" + e.getMaxUploadSize() + " bytes)." : "."));
            case MultipartException e ->
                of(
                        HttpStatus.BAD_REQUEST,
                        "malformed-multipart",
                        "Malformed upload",
                        "The request is not a readable multipart/form-data upload.");
            case ErrorResponse e -> fromErrorResponse(e);
            default -> internalError(exception);
        };
    }

    private ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException exception) {
        PayloadTooLargeException tooLarge = causeOf(exception, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return of(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "payload-too-large",
                    "Request body too large",
                    "The request body is larger than the limit of " + tooLarge.limitBytes() + " bytes.");
        }
        UnrecognizedPropertyException unknown = causeOf(exception, UnrecognizedPropertyException.class);
        if (unknown != null) {
            ProblemDetail problem = Problems.validation(List.of(new FieldError(path(unknown), "is not a known field")));
            problem.setType(Problems.type("unknown-field"));
            problem.setTitle("Unknown field");
            return bad(problem);
        }
        MismatchedInputException mismatched = causeOf(exception, MismatchedInputException.class);
        if (mismatched != null && !mismatched.getPath().isEmpty()) {
            String expected = mismatched instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                    ? describe(invalid.getTargetType())
                    : describe(mismatched.getTargetType());
            ProblemDetail problem =
                    Problems.validation(List.of(new FieldError(path(mismatched), "must be " + expected)));
            problem.setType(Problems.type("invalid-field-type"));
            problem.setTitle("Wrong type of value");
            return bad(problem);
        }
        if (causeOf(exception, StreamReadException.class) != null
                || causeOf(exception, DatabindException.class) != null) {
            return of(
                    HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", "The request body is not valid JSON.");
        }
        if (causeOf(exception, JacksonException.class) == null) {
            return of(HttpStatus.BAD_REQUEST, "missing-body", "Missing request body", "The request needs a JSON body.");
        }
        return of(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", "The request body is not valid JSON.");
    }

    private static ResponseEntity<ProblemDetail> fromErrorResponse(ErrorResponse error) {
        HttpStatusCode status = error.getStatusCode();
        ProblemDetail body = error.getBody();
        ProblemDetail problem = Problems.of(status, slugFor(status), titleFor(status, body), detailFor(status, body));
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(error.getHeaders());
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    private ResponseEntity<ProblemDetail> internalError(Exception exception) {
        log.error("Unhandled error answering an API request", exception);
        Sentry.captureException(exception);
        return of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "Something went wrong on our side. Quote the request id when you report it.");
    }

    /** The stable slug for the statuses Spring MVC itself produces. */
    static String slugFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 503 -> "unavailable";
            default -> status.is4xxClientError() ? "client-error" : "internal-error";
        };
    }

    private static String titleFor(HttpStatusCode status, ProblemDetail body) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String title = body.getTitle();
        return title != null ? title : known != null ? known.getReasonPhrase() : "Error";
    }

    private static String detailFor(HttpStatusCode status, ProblemDetail body) {
        return switch (status.value()) {
            case 404 -> "There is nothing at this address.";
            case 405, 406, 415 -> Objects.requireNonNullElse(body.getDetail(), "The request cannot be served as sent.");
            default ->
                status.is5xxServerError()
                        ? "Something went wrong on our side. Quote the request id when you report it."
                        : Objects.requireNonNullElse(body.getDetail(), "The request cannot be served as sent.");
        };
    }

    private static ResponseEntity<ProblemDetail> bad(ProblemDetail problem) {
        return ResponseEntity.badRequest().body(problem);
    }

    private static ResponseEntity<ProblemDetail> of(HttpStatus status, String slug, String title, String detail) {
        return ResponseEntity.status(status).body(Problems.of(status, slug, title, detail));
    }

    private static List<FieldError> fieldErrors(BindException exception) {
        List<FieldError> errors = new ArrayList<>();
        exception
                .getFieldErrors()
                .forEach(error -> errors.add(new FieldError(
                        error.getField(), Objects.requireNonNullElse(error.getDefaultMessage(), "is invalid"))));
        exception
                .getGlobalErrors()
                .forEach(error -> errors.add(new FieldError(
                        error.getObjectName(), Objects.requireNonNullElse(error.getDefaultMessage(), "is invalid"))));
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }

    private static List<FieldError> fieldErrors(HandlerMethodValidationException exception) {
        List<FieldError> errors = new ArrayList<>();
        exception.getParameterValidationResults().forEach(result -> {
            String name = Objects.requireNonNullElse(result.getMethodParameter().getParameterName(), "parameter");
            result.getResolvableErrors()
                    .forEach(error -> errors.add(
                            new FieldError(name, Objects.requireNonNullElse(error.getDefaultMessage(), "is invalid"))));
        });
        return errors;
    }

    private static List<FieldError> fieldErrors(ConstraintViolationException exception) {
        return exception.getConstraintViolations().stream()
                .map(violation ->
                        new FieldError(lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
    }

    private static String lastNode(String propertyPath) {
        // "register.request.familyName" -> "familyName": the method and argument names mean nothing to a client
        String[] parts = propertyPath.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : propertyPath;
    }

    private static String path(DatabindException exception) {
        StringBuilder path = new StringBuilder();
        for (var reference : exception.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String describe(@Nullable Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 " + type.getSimpleName() + " (for example 2026-01-31 or 2026-01-31T09:30:00Z)";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        return "an object";
    }

    private static <T extends Throwable> @Nullable T causeOf(Throwable throwable, Class<T> type) {
        for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
