package org.shifo.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.shifo.platform.CurrentRequest;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is well formed (so a request can be
 * followed across a proxy and into our logs), otherwise a new UUID. The id is echoed in the response, kept as
 * a request attribute for problem details and the audit trail, and put into the MDC for every log line.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
final class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";

    /** Up to 128 characters of letters, digits, dot, dash, underscore and colon: nothing to inject into a log. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = accept(request.getHeader(HEADER));
        request.setAttribute(CurrentRequest.REQUEST_ID_ATTRIBUTE, requestId);
        response.setHeader(HEADER, requestId);
        try (var ignored = MDC.putCloseable(CurrentRequest.REQUEST_ID_MDC_KEY, requestId)) {
            chain.doFilter(request, response);
        }
    }

    static String accept(@Nullable String offered) {
        if (offered != null && WELL_FORMED.matcher(offered).matches()) {
            return offered;
        }
        return UUID.randomUUID().toString();
    }
}
