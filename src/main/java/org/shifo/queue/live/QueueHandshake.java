package org.shifo.queue.live;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.CurrentUser;
import org.shifo.platform.RateLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Decides at the handshake who connects: a fully signed-in staff member (session cookie; a session still
 * waiting for its second factor has no staff member and is refused), an API client with a one-time
 * {@code ?ticket=}, or a lobby display with its {@code ?display=} token. Attempts are rate-limited per client
 * address; every connection and refusal is logged, never with the ticket or token.
 */
@Component
class QueueHandshake implements HandshakeInterceptor {

    static final String VIEWER = "shifo.queue.viewer";
    private static final Logger log = LoggerFactory.getLogger(QueueHandshake.class);

    private final LiveAccess access;
    private final RateLimits limits;

    QueueHandshake(LiveAccess access, RateLimits limits) {
        this.access = access;
        this.limits = limits;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        String address = request.getRemoteAddress() == null
                ? "unknown"
                : request.getRemoteAddress().getAddress().getHostAddress();
        Optional<Duration> wait = limits.tryConsume("ws-connect", address);
        if (wait.isPresent()) {
            log.info("Live queue connection refused from {}: too many attempts", address);
            response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
            response.getHeaders()
                    .set("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
            return false;
        }
        Map<String, String> query = UriComponentsBuilder.fromUri(request.getURI())
                .build()
                .getQueryParams()
                .toSingleValueMap();
        Viewer viewer = viewer(query.get("ticket"), query.get("display"));
        if (viewer == null) {
            log.info("Live queue connection refused from {}: not authenticated", address);
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        attributes.put(VIEWER, viewer);
        log.info("Live queue handshake from {} by {}", address, viewer.label());
        return true;
    }

    private @Nullable Viewer viewer(@Nullable String ticket, @Nullable String display) {
        if (ticket != null) {
            return access.redeem(ticket).orElse(null);
        }
        if (display != null) {
            return access.display(display).orElse(null);
        }
        return CurrentUser.find().map(access::viewerOf).orElse(null);
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            @Nullable Exception exception) {}
}
