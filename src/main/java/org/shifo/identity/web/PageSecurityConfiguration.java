package org.shifo.identity.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.shifo.platform.BrowserSecurityBaseline;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Which browser pages need a sign-in: every page but the public ones listed here. A visitor who is not signed in
 * is sent to {@code /login}; someone who has passed only the password (a pending second factor) is not signed
 * in either. The JSON API ({@code /api/**}) has its own chain.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityConfiguration {

    static final String[] PUBLIC = {
        "/",
        "/login",
        "/login/**",
        "/setup",
        "/error",
        "/css/**",
        "/js/**",
        "/webjars/**",
        "/favicon.svg",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/v3/api-docs",
        "/v3/api-docs/**",
        // WebSocket endpoints authenticate in their own handshake: the session's fully signed-in staff member,
        // a one-time ticket or a display token; anything else (a pre-2FA session too) is refused there
        "/ws/**",
        // test-only controllers live here; in production nothing answers below this path
        "/test-support/**"
    };

    @Bean
    @Order(80)
    SecurityFilterChain pages(
            HttpSecurity http,
            BrowserSessions sessions,
            AuthenticationEntryPoint problemEntryPoint,
            AccessDeniedHandler problemDeniedHandler)
            throws Exception {
        return BrowserSecurityBaseline.apply(http)
                .securityMatcher(request -> !request.getRequestURI()
                        .substring(request.getContextPath().length())
                        .startsWith("/api/"))
                .authorizeHttpRequests(authorize -> authorize
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
                        .permitAll()
                        .requestMatchers(PUBLIC)
                        .permitAll()
                        .requestMatchers("/admin/**")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .authenticated())
                .securityContext(context -> context.securityContextRepository(sessions.repository()))
                .addFilterAfter(new SessionLifetimeFilter(sessions), SecurityContextHolderFilter.class)
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .exceptionHandling(exceptions -> exceptions
                        // a browser is sent to the sign-in page; a script or API client asking for JSON gets a 401
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/login"),
                                PageSecurityConfiguration::isPageRequest)
                        .defaultAuthenticationEntryPointFor(problemEntryPoint, request -> true)
                        .accessDeniedHandler(problemDeniedHandler))
                .build();
    }

    private static boolean isPageRequest(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept == null || accept.contains("text/html") || accept.contains("*/*");
    }
}
