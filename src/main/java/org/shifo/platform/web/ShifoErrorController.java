package org.shifo.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import org.shifo.platform.CurrentRequest;
import org.shifo.platform.Problems;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers whatever reaches the servlet container's error dispatch (an unknown page, an error a filter raised,
 * an exception no handler took): API callers get a problem detail, people get the error page in the shell and
 * in their language. Neither ever shows a stack trace or an exception message.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
final class ShifoErrorController implements ErrorController {

    private static final Set<Integer> PAGES = Set.of(403, 404, 500);

    @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
    Object page(HttpServletRequest request, HttpServletResponse response) {
        HttpStatusCode status = statusOf(request);
        if (ApiRequests.isApi(request)) {
            return problem(request);
        }
        response.setStatus(status.value());
        String view = PAGES.contains(status.value()) ? "error/" + status.value() : "error/error";
        return new ModelAndView(
                view,
                Map.of(
                        "status",
                        status.value(),
                        "requestId",
                        CurrentRequest.requestId().orElse("")),
                status);
    }

    @RequestMapping
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        HttpStatusCode status = statusOf(request);
        String detail =
                switch (status.value()) {
                    case 404 -> "There is nothing at this address.";
                    case 401 -> "Sign in first.";
                    case 403 -> "You are not allowed to do this.";
                    default ->
                        status.is5xxServerError()
                                ? "Something went wrong on our side. Quote the request id when you report it."
                                : "The request cannot be served as sent.";
                };
        HttpStatus known = HttpStatus.resolve(status.value());
        ProblemDetail problem = Problems.of(
                status, ApiProblemHandler.slugFor(status), known != null ? known.getReasonPhrase() : "Error", detail);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            problem.setInstance(java.net.URI.create(path));
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static HttpStatusCode statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer value && value >= 400 && value <= 599) {
            return HttpStatusCode.valueOf(value);
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
