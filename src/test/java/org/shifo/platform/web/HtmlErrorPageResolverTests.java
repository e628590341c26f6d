package org.shifo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

class HtmlErrorPageResolverTests {

    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private final HtmlErrorPageResolver resolver = new HtmlErrorPageResolver();

    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void sendsABrowsersUnknownAddressToTheErrorPage() {
        MockHttpServletRequest request = request("/no-such-page", BROWSER_ACCEPT);

        var result = resolver.resolveException(
                request, response, null, new NoResourceFoundException(HttpMethod.GET, "/x", "x"));

        assertThat(result).isNotNull();
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.isCommitted()).isTrue();
    }

    @Test
    void keepsTheAllowHeaderOfAWrongMethod() {
        MockHttpServletRequest request = request("/", BROWSER_ACCEPT);

        resolver.resolveException(
                request,
                response,
                null,
                new HttpRequestMethodNotSupportedException("DELETE", java.util.List.of("GET")));

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeader("Allow")).isEqualTo("GET");
    }

    @Test
    void leavesApiClientsTheirProblemDetails() {
        assertThat(ApiRequests.isPage(request("/patients", "application/json"))).isFalse();
        assertThat(ApiRequests.isPage(request("/patients", "*/*"))).isFalse();
        assertThat(ApiRequests.isPage(request("/api/v1/patients", BROWSER_ACCEPT)))
                .isFalse();
        assertThat(ApiRequests.isPage(request("/patients", "text/html;;;=="))).isFalse();
        assertThat(ApiRequests.isPage(new MockHttpServletRequest("GET", "/patients")))
                .isFalse();
        assertThat(ApiRequests.isPage(request("/actuator/health", BROWSER_ACCEPT)))
                .isFalse();
        assertThat(ApiRequests.isPage(request("/v3/api-docs", BROWSER_ACCEPT))).isFalse();
        assertThat(ApiRequests.isPage(request("/patients", BROWSER_ACCEPT))).isTrue();
    }

    @Test
    void leavesHtmxRequestsToHtmx() {
        MockHttpServletRequest request = request("/patients/search", BROWSER_ACCEPT);
        request.addHeader("HX-Request", "true");

        assertThat(ApiRequests.isPage(request)).isFalse();
    }

    @Test
    void ignoresOtherExceptions() {
        assertThat(resolver.resolveException(
                        request("/", BROWSER_ACCEPT), response, null, new IllegalStateException("not ours")))
                .isNull();
    }

    private static MockHttpServletRequest request(String path, String accept) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.addHeader("Accept", accept);
        return request;
    }
}
