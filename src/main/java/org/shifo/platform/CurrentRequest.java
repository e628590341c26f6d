package org.shifo.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the platform knows about the HTTP request being served on this thread: its request id (taken from a
 * well-formed {@code X-Request-Id} or generated) and the client's address. Both are empty outside a request,
 * for example in a background job.
 */
public final class CurrentRequest {

    /** The request attribute under which the request id is kept. */
    public static final String REQUEST_ID_ATTRIBUTE = CurrentRequest.class.getName() + ".requestId";

    /** The MDC key that puts the request id into every log line of the request. */
    public static final String REQUEST_ID_MDC_KEY = "requestId";

    private CurrentRequest() {}

    public static Optional<String> requestId() {
        return request()
                .map(request -> request.getAttribute(REQUEST_ID_ATTRIBUTE))
                .filter(String.class::isInstance)
                .map(String.class::cast);
    }

    /** The address of the peer that sent the request (behind a proxy, per {@code server.forward-headers-strategy}). */
    public static Optional<String> clientAddress() {
        return request().map(HttpServletRequest::getRemoteAddr);
    }

    /** The request's {@code User-Agent} header, as the client sent it (untrusted text: summarise before showing). */
    public static Optional<String> userAgent() {
        return request().map(request -> request.getHeader("User-Agent"));
    }

    private static Optional<HttpServletRequest> request() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            return Optional.of(servlet.getRequest());
        }
        return Optional.empty();
    }
}
