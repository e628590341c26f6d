package org.shifo.platform.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.identity.Role;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@IntegrationTest
class ProblemDetailsIntegrationTests {

    private static final String FIXTURES = "/api/test-support/fixtures";
    private static final String TYPES = "https://shifo.uz/problems/";

    @Autowired
    MockMvcTester mvc;

    @LocalServerPort
    int port;

    @Autowired
    IdentityFixtures fixtures;

    private String bearer = "";

    @BeforeEach
    void signIn() {
        bearer = fixtures.bearer(fixtures.staff(fixtures.clinic(), Role.NURSE));
    }

    private MvcTestResult post(String body) {
        return mvc.post()
                .uri(FIXTURES)
                .header(HttpHeaders.AUTHORIZATION, bearer)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }

    private static void assertProblem(MvcTestResult result, int status, String slug) {
        assertThat(result).hasStatus(status);
        assertThat(result).contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(TYPES + slug);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status);
        assertThat(result).bodyJson().extractingPath("$.title").isNotNull();
        assertThat(result).bodyJson().extractingPath("$.detail").isNotNull();
        assertThat(result).bodyJson().extractingPath("$.instance").isNotNull();
        assertThat(result).bodyJson().extractingPath("$.requestId").isNotNull();
        assertThat(result.getResponse().getContentAsByteArray())
                .asString()
                .doesNotContain("Exception", "\tat ", "trace");
    }

    @Nested
    class BadBodies {

        @Test
        void answersMalformedJsonWith400() {
            assertProblem(post("{\"name\": \"Ali\", "), 400, "malformed-json");
        }

        @Test
        void answersAMissingBodyWith400() {
            assertProblem(post(""), 400, "missing-body");
        }

        @Test
        void namesAnUnknownField() {
            MvcTestResult result = post("{\"name\":\"Ali\",\"age\":30,\"nickname\":\"x\"}");

            assertProblem(result, 400, "unknown-field");
            assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("nickname");
        }

        @Test
        void namesAFieldOfTheWrongType() {
            MvcTestResult result = post("{\"name\":\"Ali\",\"age\":\"thirty\"}");

            assertProblem(result, 400, "invalid-field-type");
            assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("age");
            assertThat(result).bodyJson().extractingPath("$.errors[0].message").isEqualTo("must be a number");
        }

        @Test
        void namesADateInTheWrongFormat() {
            MvcTestResult result = post("{\"name\":\"Ali\",\"age\":3,\"birthDate\":\"31.01.2020\"}");

            assertProblem(result, 400, "invalid-field-type");
            assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("birthDate");
        }

        @Test
        void listsEveryFieldThatFailsValidation() {
            MvcTestResult result = post("{\"name\":\"  \",\"age\":200}");

            assertProblem(result, 400, "validation");
            assertThat(result)
                    .bodyJson()
                    .extractingPath("$.errors[*].field")
                    .asArray()
                    .containsExactly("age", "name");
        }

        @Test
        void refusesAWrongContentTypeWith415() {
            MvcTestResult result = mvc.post()
                    .uri(FIXTURES)
                    .header(HttpHeaders.AUTHORIZATION, bearer)
                    .contentType(MediaType.TEXT_PLAIN)
                    .content("name=Ali")
                    .exchange();

            assertProblem(result, 415, "unsupported-media-type");
        }

        @Test
        void refusesADeclaredOversizedBodyWith413() {
            byte[] body = new byte[1024 * 1024 + 1];
            Arrays.fill(body, (byte) ' ');

            MvcTestResult result = mvc.post()
                    .uri(FIXTURES)
                    .header(HttpHeaders.AUTHORIZATION, bearer)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body)
                    .exchange();

            assertProblem(result, 413, "payload-too-large");
        }

        @Test
        void stopsReadingAChunkedOversizedBodyWith413() throws Exception {
            // one string value the parser must read to its end: nothing fails before the cap
            byte[] body = ("{\"name\":\"" + "a".repeat(2 * 1024 * 1024) + "\",\"age\":1}").getBytes(UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + FIXTURES))
                    .header("Content-Type", "application/json")
                    .header("Authorization", bearer)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                    .build();

            HttpResponse<String> response;
            try (HttpClient client = HttpClient.newHttpClient()) {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            }

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains(TYPES + "payload-too-large");
        }
    }

    @Nested
    class BadRoutes {

        @Test
        void answersAnUnknownApiRouteWith404() {
            assertProblem(
                    mvc.get()
                            .uri("/api/v1/no-such-thing")
                            .header(HttpHeaders.AUTHORIZATION, bearer)
                            .exchange(),
                    404,
                    "not-found");
        }

        @Test
        void answersAnUnknownApiRouteWith404EvenForABrowser() {
            MvcTestResult result = mvc.get()
                    .uri("/api/v1/no-such-thing")
                    .header(HttpHeaders.AUTHORIZATION, bearer)
                    .accept(MediaType.TEXT_HTML)
                    .exchange();

            assertProblem(result, 404, "not-found");
        }

        @Test
        void answersAWrongMethodWith405AndTheAllowedOnes() {
            MvcTestResult result = mvc.delete()
                    .uri(FIXTURES)
                    .header(HttpHeaders.AUTHORIZATION, bearer)
                    .exchange();

            assertProblem(result, 405, "method-not-allowed");
            assertThat(result).headers().containsHeader(HttpHeaders.ALLOW);
        }

        @Test
        void namesAMissingQueryParameter() {
            MvcTestResult result = mvc.get()
                    .uri(FIXTURES)
                    .header(HttpHeaders.AUTHORIZATION, bearer)
                    .exchange();

            assertProblem(result, 400, "validation");
            assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("page");
        }

        @Test
        void namesAQueryParameterOfTheWrongType() {
            MvcTestResult result = mvc.get()
                    .uri(FIXTURES + "?page=first")
                    .header(HttpHeaders.AUTHORIZATION, bearer)
                    .exchange();

            assertProblem(result, 400, "validation");
            assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("page");
        }
    }

    @Nested
    class Anonymous {

        @Test
        void answersAnyApiRouteWith401WithoutAToken() {
            MvcTestResult result = mvc.get().uri("/api/v1/no-such-thing").exchange();

            assertThat(result).hasStatus(401);
            assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(TYPES + "unauthenticated");
            assertThat(result).bodyJson().extractingPath("$.requestId").isNotNull();
        }
    }

    @Nested
    class Failures {

        @Test
        void answersAnUnexpectedErrorWith500ThatRevealsNothing() {
            MvcTestResult result = mvc.get()
                    .uri("/api/test-support/failure")
                    .header(HttpHeaders.AUTHORIZATION, bearer)
                    .exchange();

            assertProblem(result, 500, "internal-error");
            assertThat(result.getResponse().getContentAsByteArray())
                    .asString()
                    .doesNotContain("secret-patient-name", "Xojayev", "IllegalStateException");
        }
    }

    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    class RequestIds {

        @Test
        void echoesAWellFormedRequestIdInHeaderBodyAndLog(CapturedOutput output) {
            MvcTestResult result = mvc.post()
                    .uri(FIXTURES)
                    .header(HttpHeaders.AUTHORIZATION, bearer)
                    .header("X-Request-Id", "req-42.abc")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"Ali\",\"age\":30}")
                    .exchange();

            assertThat(result).hasStatusOk();
            assertThat(result).headers().hasValue("X-Request-Id", "req-42.abc");
            assertThat(output).contains("[req-42.abc ").contains("fixture created");
        }

        @Test
        void replacesAMalformedRequestIdWithAFreshOne() {
            MvcTestResult result = mvc.get()
                    .uri("/api/v1/no-such-thing")
                    .header(HttpHeaders.AUTHORIZATION, bearer)
                    .header("X-Request-Id", "bad id\r\nInjected: yes")
                    .exchange();

            String echoed = result.getResponse().getHeader("X-Request-Id");
            assertThat(echoed).matches("[0-9a-f-]{36}");
            assertThat(result).bodyJson().extractingPath("$.requestId").isEqualTo(echoed);
        }

        @Test
        void generatesARequestIdWhenNoneIsSent() {
            MvcTestResult result = mvc.get()
                    .uri("/actuator/health/liveness")
                    .header(HttpHeaders.AUTHORIZATION, bearer)
                    .exchange();

            assertThat(result.getResponse().getHeader("X-Request-Id")).matches("[0-9a-f-]{36}");
        }
    }
}
