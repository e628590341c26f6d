package org.shifo.clinical.images.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shifo.clinical.images.EncounterClosedException;
import org.shifo.clinical.images.ImageInputException;
import org.shifo.clinical.images.ImageNotFoundException;
import org.shifo.clinical.images.ImageRefusedException;
import org.shifo.clinical.images.UploadThrottledException;
import org.shifo.platform.Problems;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Image refusals as problem details, in the language of {@code Accept-Language}: 400 naming each field and rule,
 * 413 too large, 415 not an accepted type (the detail says what is), 422 unreadable or too many pixels, 409 a
 * closed encounter, 404 what the caller's organization does not have, 429 with {@code Retry-After}.
 */
@RestControllerAdvice(basePackageClasses = ImageProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ImageProblems {

    private final MessageSource messages;

    ImageProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(ImageRefusedException.class)
    ResponseEntity<ProblemDetail> refused(ImageRefusedException exception, HttpServletRequest request) {
        ImageRefusedException.Reason reason = exception.reason();
        HttpStatusCode status = HttpStatusCode.valueOf(reason.status());
        String detail = message(
                "clinical.images.refused." + reason.code(),
                exception.arguments().toArray(),
                Problems.language(request));
        ProblemDetail problem = Problems.of(status, "image-" + reason.code(), title(reason), detail);
        problem.setProperty("code", reason.code());
        problem.setProperty(
                Problems.ERRORS, List.of(Map.of("field", "file", "message", detail, "code", reason.code())));
        return Problems.response(status, problem);
    }

    private static String title(ImageRefusedException.Reason reason) {
        return switch (reason) {
            case EMPTY -> "No file";
            case NOT_AN_IMAGE -> "Not an image";
            case UNSUPPORTED_TYPE, HEIC_NOT_DECODABLE -> "Image type not accepted";
            case TOO_LARGE -> "File too large";
            case TOO_MANY_PIXELS -> "Image too large";
            case UNREADABLE -> "Unreadable image";
        };
    }

    @ExceptionHandler(ImageInputException.class)
    ResponseEntity<ProblemDetail> input(ImageInputException exception, HttpServletRequest request) {
        Locale locale = Problems.language(request);
        ProblemDetail problem = Problems.validation(exception.violations().stream()
                .map(v -> new Problems.FieldError(v.field(), fieldMessage(v, locale)))
                .toList());
        problem.setProperty(
                Problems.ERRORS,
                exception.violations().stream()
                        .map(v -> Map.of("field", v.field(), "message", fieldMessage(v, locale), "code", v.code()))
                        .toList());
        return Problems.response(HttpStatus.BAD_REQUEST, problem);
    }

    String fieldMessage(ImageInputException.Violation violation, Locale locale) {
        return message(
                "clinical.images.field." + violation.code(),
                violation.arguments().toArray(),
                locale);
    }

    @ExceptionHandler(EncounterClosedException.class)
    ResponseEntity<ProblemDetail> closed(HttpServletRequest request) {
        return Problems.response(
                HttpStatus.CONFLICT,
                Problems.of(
                        HttpStatus.CONFLICT,
                        "encounter-closed",
                        "Encounter closed",
                        message("clinical.images.closed", new Object[0], Problems.language(request))));
    }

    @ExceptionHandler(ImageNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(ImageNotFoundException exception) {
        return Problems.response(
                HttpStatus.NOT_FOUND,
                Problems.of(
                        HttpStatus.NOT_FOUND, "not-found", "Not Found", "There is no such " + exception.what() + "."));
    }

    @ExceptionHandler(UploadThrottledException.class)
    ResponseEntity<ProblemDetail> throttled(UploadThrottledException exception, HttpServletRequest request) {
        long seconds = exception.retryAfterSeconds();
        ProblemDetail problem = Problems.of(
                HttpStatus.TOO_MANY_REQUESTS,
                "too-many-requests",
                "Too many uploads",
                message("clinical.images.throttled", new Object[] {seconds}, Problems.language(request)));
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private String message(String key, Object[] arguments, Locale locale) {
        return java.util.Objects.requireNonNullElse(messages.getMessage(key, arguments, key, locale), key);
    }
}
