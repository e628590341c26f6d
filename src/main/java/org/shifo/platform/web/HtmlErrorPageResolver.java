package org.shifo.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Shows a browser the shell's error page for Spring MVC's own errors: an unknown address, a wrong method, a
 * {@code ResponseStatusException} thrown by a page controller. Boot's problem-details handler would otherwise
 * answer them with {@code application/problem+json}, even to a browser asking for HTML. For a page request (it
 * accepts {@code text/html} by name, is not under {@code /api/} and is not an htmx request) this sends the status
 * through {@code sendError}, so the servlet container forwards to {@code /error}, which renders {@code
 * error/<status>}. Every other request keeps its problem details.
 */
@Component
final class HtmlErrorPageResolver implements HandlerExceptionResolver, Ordered {

    /** Just after Boot's {@code DefaultErrorAttributes}, which only records the exception for {@code /error}. */
    private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Override
    public @Nullable ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, @Nullable Object handler, Exception exception) {
        if (!(exception instanceof ErrorResponse error) || response.isCommitted() || !isPageRequest(request)) {
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

    static boolean isPageRequest(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || request.getHeader("HX-Request") != null) {
            return false;
        }
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(MediaType.TEXT_HTML));
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }
}
