package org.shifo.identity.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The JSON API: stateless, bearer access tokens only; the sign-in endpoints are the only open doors. Roles
 * are checked per route with method security ({@code @PreAuthorize}) as laid down in docs/security.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class ApiSecurityConfiguration {

    static final String[] OPEN = {
        "/api/v1/auth/login",
        "/api/v1/auth/mfa",
        "/api/v1/auth/mfa/enroll",
        "/api/v1/auth/mfa/enroll/confirm",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/setup"
    };

    /**
     * Providers' callbacks: no staff token, the provider's own authentication (PayMe's Basic key, Click's signature,
     * Telegram's secret token header) is checked by the handler, which answers in the provider's protocol (PayMe and
     * Click never with a 401; Telegram's webhook with a 401 problem before reading the body).
     */
    static final String[] PROVIDER_CALLBACKS = {
        "/api/v1/payments/payme", "/api/v1/payments/click/**", "/api/v1/notifications/telegram/*/webhook"
    };

    @Bean
    @Order(50)
    SecurityFilterChain api(
            HttpSecurity http,
            AccessTokens tokens,
            AuthenticationEntryPoint problemEntryPoint,
            AccessDeniedHandler problemDeniedHandler)
            throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.POST, OPEN)
                        .permitAll()
                        .requestMatchers(PROVIDER_CALLBACKS)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.decoder(tokens.apiDecoder())
                                .jwtAuthenticationConverter(
                                        token -> new StaffAuthentication(AccessTokens.staffOf(token))))
                        .authenticationEntryPoint(problemEntryPoint)
                        .accessDeniedHandler(problemDeniedHandler))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .cors(cors -> {})
                // JSON is never a document to render: nothing may load or frame it
                .headers(headers -> headers.contentSecurityPolicy(
                        csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problemEntryPoint)
                        .accessDeniedHandler(problemDeniedHandler))
                .build();
    }
}
