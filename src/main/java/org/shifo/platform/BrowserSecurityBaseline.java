package org.shifo.platform;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The baseline every filter chain that serves browser pages applies, so that a module deciding who may open
 * its pages keeps the platform's protections: CSRF on (the API authenticates with bearer tokens and is exempt),
 * CORS from the configured origins, a Content-Security-Policy with no inline script or style, and strict
 * referrer and permissions policies.
 */
public final class BrowserSecurityBaseline {

    /** No inline script or style, images also from {@code data:} (QR codes), nothing may frame a page. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none';"
            + " base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private BrowserSecurityBaseline() {}

    /** Applies the baseline to a chain and returns it for further configuration. */
    public static HttpSecurity apply(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
                .cors(cors -> {})
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .permissionsPolicyHeader(
                                permissions -> permissions.policy("camera=(self), microphone=(), geolocation=()")));
    }
}
