package org.shifo.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@IntegrationTest
class OperatorEndpointsIntegrationTests {

    private static final RequestPostProcessor FROM_ELSEWHERE = request -> {
        request.setRemoteAddr("203.0.113.7");
        return request;
    };

    @Autowired
    MockMvcTester mvc;

    @Test
    void servesLivenessAndReadinessToAnyone() {
        assertThat(mvc.get().uri("/actuator/health/liveness").with(FROM_ELSEWHERE))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.status")
                .isEqualTo("UP");
        assertThat(mvc.get().uri("/actuator/health/readiness").with(FROM_ELSEWHERE))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    void servesMetricsWithRequestTimerHistogramsToLoopback() {
        mvc.get().uri("/actuator/health/liveness").exchange();

        MvcTestResult result = mvc.get().uri("/actuator/prometheus").exchange();

        assertThat(result).hasStatusOk();
        assertThat(result.getResponse().getContentAsByteArray())
                .asString()
                .contains("http_server_requests_seconds_bucket")
                .contains("hikaricp_connections");
    }

    @Test
    void refusesMetricsToAnotherMachineWithoutTheOperatorToken() {
        MvcTestResult result =
                mvc.get().uri("/actuator/prometheus").with(FROM_ELSEWHERE).exchange();

        assertThat(result).hasStatus(401);
        assertThat(result).contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://shifo.uz/problems/unauthenticated");
    }

    @Test
    void refusesMetricsWithAWrongToken() {
        assertThat(mvc.get()
                        .uri("/actuator/prometheus")
                        .with(FROM_ELSEWHERE)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer guess"))
                .hasStatus(401);
    }

    @Test
    void servesMetricsToAnotherMachineWithTheOperatorToken() {
        assertThat(mvc.get()
                        .uri("/actuator/prometheus")
                        .with(FROM_ELSEWHERE)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer test-metrics-token-4f9c2e7a"))
                .hasStatusOk();
    }

    @Test
    void exposesNoOtherActuatorEndpoint() {
        assertThat(mvc.get().uri("/actuator/env").exchange().getResponse().getStatus())
                .isIn(401, 403, 404);
        assertThat(mvc.get().uri("/actuator/heapdump").exchange().getResponse().getStatus())
                .isIn(401, 403, 404);
    }

    @Test
    void allowsCrossOriginApiCallsOnlyFromNamedOrigins() {
        MvcTestResult allowed = mvc.options()
                .uri("/api/test-support/fixtures")
                .header(HttpHeaders.ORIGIN, "https://clinic.example.uz")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange();
        MvcTestResult refused = mvc.options()
                .uri("/api/test-support/fixtures")
                .header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange();

        assertThat(allowed)
                .hasStatusOk()
                .headers()
                .hasValue(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://clinic.example.uz");
        assertThat(refused).hasStatus(403).headers().doesNotContainHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void sendsStrictSecurityHeaders() {
        MvcTestResult result = mvc.get().uri("/actuator/health/liveness").exchange();
        MvcTestResult page = mvc.get().uri("/api/v1/none").exchange();

        assertThat(result).headers().hasValue("X-Content-Type-Options", "nosniff");
        assertThat(page).headers().containsHeader("Content-Security-Policy");
        assertThat(page.getResponse().getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }
}
