package org.shifo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Sentry;
import org.junit.jupiter.api.Test;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@IntegrationTest
class OpenApiIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Test
    void describesTheApiWithTheSharedProblemSchema() {
        MvcTestResult result = mvc.get().uri("/v3/api-docs").exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.info.title").isEqualTo("Shifo API");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.components.schemas.Problem.properties.errors")
                .isNotNull();
        assertThat(result)
                .bodyJson()
                .extractingPath(
                        "$.paths['/api/test-support/fixtures'].post.responses['400'].content['application/problem+json']")
                .isNotNull();
    }

    @Test
    void servesSwaggerUi() {
        MvcTestResult result = mvc.get().uri("/swagger-ui.html").exchange();

        assertThat(result.getResponse().getStatus()).isIn(200, 302);
    }

    @Test
    void leavesSentryOffWithoutADsn() {
        assertThat(Sentry.isEnabled()).isFalse();
    }
}
