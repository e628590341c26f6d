package org.shifo.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.shifo.platform.PlatformSettings;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * Who may scrape {@code /actuator/prometheus}: a caller on this machine's loopback (a Prometheus agent beside
 * the node), or anyone presenting {@code Authorization: Bearer <SHIFO_METRICS_TOKEN>} when that token is set.
 * Metrics name no patient, but they reveal traffic and load, so they are not public.
 */
@Component
final class MetricsAccess implements AuthorizationManager<RequestAuthorizationContext> {

    private final byte @Nullable [] token;

    MetricsAccess(PlatformSettings settings) {
        String configured = settings.metrics().token();
        this.token = configured == null || configured.isBlank() ? null : configured.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends @Nullable Authentication> authentication, RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        return new AuthorizationDecision(isLoopback(request.getRemoteAddr()) || hasToken(request));
    }

    private boolean hasToken(HttpServletRequest request) {
        byte[] expected = token;
        String header = request.getHeader("Authorization");
        if (expected == null || header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(expected, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    static boolean isLoopback(@Nullable String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            // a literal address: getByName does not resolve names for it
            return InetAddress.getByName(address).isLoopbackAddress() && looksLiteral(address);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean looksLiteral(String address) {
        return address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
    }
}
