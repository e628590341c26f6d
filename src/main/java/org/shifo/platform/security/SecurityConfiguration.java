package org.shifo.platform.security;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.shifo.platform.BrowserSecurityBaseline;
import org.shifo.platform.PlatformSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The platform's security baseline: operator endpoints under {@code /actuator} (health public, metrics for
 * loopback or the operator token, nothing else), CORS for the API from named origins only, CSRF on for
 * browser requests, strict response headers, and problem-detail answers for 401 and 403 on the API.
 *
 * <p>Which staff role may reach which page or API route is decided by the identity module, which adds its own
 * filter chains ahead of the application chain here.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(10)
    SecurityFilterChain operatorEndpoints(
            HttpSecurity http,
            MetricsAccess metricsAccess,
            ProblemAuthenticationEntryPoint entryPoint,
            ProblemAccessDeniedHandler deniedHandler)
            throws Exception {
        return http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus")
                        .access(metricsAccess)
                        .anyRequest()
                        .denyAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
                .build();
    }

    @Bean
    @Order(100)
    SecurityFilterChain application(
            HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler deniedHandler)
            throws Exception {
        return BrowserSecurityBaseline.apply(http)
                .authorizeHttpRequests(authorize -> authorize
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
                        .permitAll()
                        // Pages that need a sign-in are matched by identity's chain ahead of this one; what
                        // reaches this chain is public (without identity, nothing needs a sign-in).
                        .anyRequest()
                        .permitAll())
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
                .build();
    }

    /**
     * No Micrometer observations from Spring Security: with a registry present it would wrap every filter of
     * every chain, and every authentication and authorization, in an observation of its own (a timer and a
     * long-task timer each), a measurable share of a small request's CPU (the PayMe profile in bench/README.md)
     * for metrics nothing here reads. Requests are still timed as a whole ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** No users live in memory: this keeps Spring Boot from generating a default user and printing its password. */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(PlatformSettings settings) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = settings.cors().allowedOrigins();
        if (!origins.isEmpty()) {
            CorsConfiguration api = new CorsConfiguration();
            api.setAllowedOrigins(origins);
            api.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
            api.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Request-Id", "Idempotency-Key"));
            api.setExposedHeaders(List.of("X-Request-Id", "Retry-After", "Location"));
            api.setMaxAge(3600L);
            source.registerCorsConfiguration("/api/**", api);
        }
        return source;
    }
}
