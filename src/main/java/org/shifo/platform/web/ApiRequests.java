package org.shifo.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;

/** Tells a request of the JSON API (answered with problem details) from a page request (answered with HTML). */
final class ApiRequests {

    private ApiRequests() {}

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
