package org.shifo.platform;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem details the way every Shifo module answers errors: a stable {@code type} URI under
 * {@link #TYPE_BASE}, a title, a {@code detail} that never contains patient data, the request id, and for
 * validation failures an {@code errors} array of {@code {field, message}}.
 */
public final class Problems {

    /** Every problem type is this base plus a slug, for example {@code .../validation}. */
    public static final String TYPE_BASE = "https://shifo.uz/problems/";

    /** The property that carries the request id. */
    public static final String REQUEST_ID = "requestId";

    /** The property that carries per-field errors. */
    public static final String ERRORS = "errors";

    private Problems() {}

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    /** A problem of {@code slug} with the current request's id attached. */
    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        CurrentRequest.requestId().ifPresent(id -> problem.setProperty(REQUEST_ID, id));
        return problem;
    }

    /** A 400 validation problem listing each field that failed and the rule it broke. */
    public static ProblemDetail validation(List<FieldError> errors) {
        ProblemDetail problem = of(
                org.springframework.http.HttpStatus.BAD_REQUEST,
                "validation",
                "Invalid request",
                errors.size() == 1
                        ? "The field '" + errors.getFirst().field() + "' is invalid: "
                                + errors.getFirst().message()
                        : errors.size() + " fields are invalid; see errors.");
        problem.setProperty(
                ERRORS,
                errors.stream()
                        .map(error -> Map.of("field", error.field(), "message", error.message()))
                        .toList());
        return problem;
    }

    /** One field that failed validation: its JSON path (or parameter name) and the rule it broke. */
    public record FieldError(String field, String message) {}

    /**
     * The language of an API answer: uz, ru or en, the first of these in {@code Accept-Language} (the servlet
     * container parses it); English when the header names none of them.
     */
    public static java.util.Locale language(jakarta.servlet.http.HttpServletRequest request) {
        if (request.getHeader("Accept-Language") != null) {
            for (java.util.Locale locale : java.util.Collections.list(request.getLocales())) {
                String language = locale.getLanguage();
                if (language.equals("uz") || language.equals("ru") || language.equals("en")) {
                    return java.util.Locale.of(language);
                }
            }
        }
        return java.util.Locale.ENGLISH;
    }

    /** A 404 answer: "There is no such {what}." (the same whether it does not exist or is another tenant's). */
    public static org.springframework.http.ResponseEntity<ProblemDetail> notFound(String what) {
        return response(
                org.springframework.http.HttpStatus.NOT_FOUND,
                of(
                        org.springframework.http.HttpStatus.NOT_FOUND,
                        "not-found",
                        "Not Found",
                        "There is no such " + what + "."));
    }

    /** The problem as a response with its status and the problem media type. */
    public static org.springframework.http.ResponseEntity<ProblemDetail> response(
            HttpStatusCode status, ProblemDetail problem) {
        return org.springframework.http.ResponseEntity.status(status)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
