package org.shifo.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Shows a browser the shell's error page for Spring MVC's own errors: an unknown address, a wrong method, a
 * {@code ResponseStatusException} thrown by a page controller. Without it they would reach the platform's {@code
 * ApiProblemHandler} (Boot's own problem-details handler is off) and a browser asking for HTML would get a problem
 * detail. For a page request ({@link ApiRequests#isPage}) this sends the status through {@code sendError}, so the
 * servlet container forwards to {@code /error}, which renders {@code error/<status>}. Every other request keeps its
 * problem details.
 */
@Component
final class HtmlErrorPageResolver implements HandlerExceptionResolver, Ordered {

    /** Just after Boot's {@code DefaultErrorAttributes}, which only records the exception for {@code /error}. */
    private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Override
    public @Nullable ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, @Nullable Object handler, Exception exception) {
        if (!(exception instanceof ErrorResponse error) || response.isCommitted() || !ApiRequests.isPage(request)) {
            return null;
        }
        error.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        try {
            response.sendError(error.getStatusCode().value());
        } catch (IOException clientGone) {
            return null;
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
