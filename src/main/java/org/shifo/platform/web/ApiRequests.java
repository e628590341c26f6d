package org.shifo.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;

/**
 * Tells a request of the JSON API (answered with problem details) from a page request (answered with HTML). The
 * one place that decides it, for the problem handler, the error controller and the error-page resolver alike.
 */
final class ApiRequests {

    private ApiRequests() {}

    /**
     * A page request: not an API request, and not an htmx request (htmx gets the plain status of a failed request
     * and handles it in the page; an error page swapped into a fragment would make no sense).
     */
    static boolean isPage(HttpServletRequest request) {
        return !isApi(request) && request.getHeader("HX-Request") == null;
    }

    /**
     * An API request: a path under {@code /api/}, {@code /v3/api-docs} or {@code /actuator}, or any request that
     * does not accept {@code text/html} by name ({@code *}{@code /*} alone is a script's default, not a browser's).
     */
    static boolean isApi(HttpServletRequest request) {
        String path = pathOf(request);
        if (path.startsWith("/api/")
                || path.equals("/api")
                || path.startsWith("/v3/api-docs")
                || path.startsWith("/actuator")) {
            return true;
        }
        return !acceptsHtml(request);
    }

    private static String pathOf(HttpServletRequest request) {
        Object original = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        String uri = original instanceof String s ? s : request.getRequestURI();
        String context = request.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.includes(MediaType.TEXT_HTML) && !type.isWildcardType());
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
    }
}
