package org.shifo.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.User;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentryScrubberTests {

    private final SentryScrubber scrubber = new SentryScrubber();

    @Test
    void dropsBodiesQueriesCookiesAndPrivateHeaders() {
        Request request = new Request();
        request.setUrl("https://clinic.example.uz/api/v1/patients?q=Xojayev");
        request.setQueryString("q=Xojayev");
        request.setData("{\"familyName\":\"Xojayev\"}");
        request.setCookies("SESSION=abc");
        request.setHeaders(
                new HashMap<>(Map.of("Authorization", "Bearer x", "User-Agent", "curl", "X-Request-Id", "r1")));
        SentryEvent event = new SentryEvent();
        event.setRequest(request);

        SentryEvent scrubbed = scrubber.execute(event, new Hint());

        Request cleaned = scrubbed.getRequest();
        assertThat(cleaned).isNotNull();
        assertThat(cleaned.getUrl()).isEqualTo("https://clinic.example.uz/api/v1/patients");
        assertThat(cleaned.getQueryString()).isNull();
        assertThat(cleaned.getData()).isNull();
        assertThat(cleaned.getCookies()).isNull();
        assertThat(cleaned.getHeaders()).containsOnlyKeys("User-Agent", "X-Request-Id");
    }

    @Test
    void dropsTheUserAndExtras() {
        SentryEvent event = new SentryEvent();
        User user = new User();
        user.setUsername("dr.karimova");
        event.setUser(user);
        event.setExtra("patient", "Xojayev");

        SentryEvent scrubbed = scrubber.execute(event, new Hint());

        assertThat(scrubbed.getUser()).isNull();
        assertThat(scrubbed.getExtras()).isNullOrEmpty();
    }

    @Test
    void masksValuesQuotedInDatabaseErrors() {
        SentryException exception = new SentryException();
        exception.setValue("duplicate key value violates unique constraint \"x\" Key (phone)=(+998901234567) exists");
        SentryEvent event = new SentryEvent();
        event.setExceptions(List.of(exception));
        Message message = new Message();
        message.setFormatted("ERROR: x\n  Detail: Key (pinfl)=(30101901234567) already exists.");
        event.setMessage(message);

        SentryEvent scrubbed = scrubber.execute(event, new Hint());

        assertThat(scrubbed.getExceptions()).singleElement().satisfies(e -> assertThat(e.getValue())
                .doesNotContain("998901234567")
                .contains("unique constraint"));
        assertThat(scrubbed.getMessage()).isNotNull();
        assertThat(scrubbed.getMessage().getFormatted()).doesNotContain("30101901234567");
    }

    @Test
    void keepsOnlyTechnicalBreadcrumbData() {
        Breadcrumb breadcrumb = Breadcrumb.http("https://x/api/v1/patients?q=Ali", "GET", 200);
        breadcrumb.setData("body", "{\"name\":\"Ali\"}");

        Breadcrumb cleaned = scrubber.execute(breadcrumb, new Hint());

        assertThat(cleaned.getData()).containsOnlyKeys("method", "status_code");
    }
}
