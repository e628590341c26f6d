package org.shifo.notifications.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.notifications.testing.FakeFcmServer;
import org.shifo.notifications.testing.FakeFcmServer.Answer;
import tools.jackson.databind.json.JsonMapper;

/** The FCM HTTP v1 client against the loopback FCM and token endpoint: payload, error classes, tokens. */
class FcmClientTests {

    private final FakeFcmServer fcm = FakeFcmServer.get();
    private final MovableClock clock = new MovableClock();
    private FcmClient client;

    @BeforeEach
    void setUp() {
        fcm.reset();
        client = client(FakeFcmServer.PROJECT);
    }

    private FcmClient client(String project) {
        FcmSettings settings = new FcmSettings(
                URI.create(fcm.baseUrl()),
                project,
                fcm.credentialsFile(),
                URI.create(fcm.baseUrl() + "/token"),
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                Duration.ofHours(4));
        return new FcmClient(
                settings,
                new FcmAccessTokens(settings, clock),
                clock,
                JsonMapper.builder().build());
    }

    private static String token() {
        return "device-" + UUID.randomUUID() + "-abcdefghijklmnop";
    }

    private static FcmMessage message(String token) {
        return new FcmMessage(
                token,
                "Patient A-012",
                "Called to room 5",
                Map.of("kind", "QUEUE_CALL", "ticketId", "t-1"),
                Duration.ofMinutes(5),
                "queue-q1",
                true);
    }

    @Test
    void sendsOneMessageWithTheSpecsPayloadAndAnAccessTokenOfTheServiceAccount() {
        String token = token();

        FcmResult result = client.send(message(token));

        assertThat(result).isInstanceOf(FcmResult.Accepted.class);
        assertThat(((FcmResult.Accepted) result).name()).startsWith("projects/shifo-test/messages/");
        assertThat(fcm.callsTo(token)).hasSize(1);
        var sent = fcm.callsTo(token).getFirst().message();
        assertThat(sent.path("notification").path("title").asString()).isEqualTo("Patient A-012");
        assertThat(sent.path("notification").path("body").asString()).isEqualTo("Called to room 5");
        assertThat(sent.path("data").path("kind").asString()).isEqualTo("QUEUE_CALL");
        assertThat(sent.path("android").path("ttl").asString()).isEqualTo("300s");
        assertThat(sent.path("android").path("collapse_key").asString()).isEqualTo("queue-q1");
        assertThat(sent.path("android").path("priority").asString()).isEqualTo("HIGH");
        assertThat(fcm.tokensIssued()).isEqualTo(1);
    }

    @Test
    void cachesTheAccessTokenAndRefreshesItBeforeItExpires() {
        client.send(message(token()));
        client.send(message(token()));
        assertThat(fcm.tokensIssued()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(56));
        client.send(message(token()));

        assertThat(fcm.tokensIssued()).isEqualTo(2);
    }

    @Test
    void getsANewTokenOnceWhenFcmRefusesTheCachedOne() {
        client.send(message(token()));
        fcm.revokeTokens();
        String token = token();

        FcmResult result = client.send(message(token));

        assertThat(result).isInstanceOf(FcmResult.Accepted.class);
        assertThat(fcm.tokensIssued()).isEqualTo(2);
        assertThat(fcm.callsTo(token)).hasSize(1);
    }

    @Test
    void treatsUnregisteredAndInvalidTokensAsDeadTokens() {
        String unregistered = token();
        String invalid = token();
        fcm.script(unregistered, Answer.UNREGISTERED);
        fcm.script(invalid, Answer.INVALID_TOKEN);

        assertThat(client.send(message(unregistered))).isEqualTo(new FcmResult.Rejected("FCM_UNREGISTERED", true));
        assertThat(client.send(message(invalid))).isEqualTo(new FcmResult.Rejected("FCM_INVALID_TOKEN", true));
    }

    @Test
    void keepsTheTokenWhenThePayloadOrTheConfigurationIsWrong() {
        String payload = token();
        String sender = token();
        fcm.script(payload, Answer.INVALID_PAYLOAD);
        fcm.script(sender, Answer.SENDER_ID_MISMATCH);

        assertThat(client.send(message(payload))).isEqualTo(new FcmResult.Rejected("FCM_INVALID_ARGUMENT", false));
        assertThat(client.send(message(sender))).isEqualTo(new FcmResult.Rejected("FCM_SENDER_ID_MISMATCH", false));
    }

    @Test
    void waitsAtLeastAMinuteAfterQuotaExceeded() {
        String token = token();
        fcm.retryAfter(7);
        fcm.script(token, Answer.QUOTA_EXCEEDED);

        assertThat(client.send(message(token)))
                .isEqualTo(new FcmResult.Later("FCM_QUOTA_EXCEEDED", Duration.ofMinutes(1)));
    }

    @Test
    void honoursRetryAfterOfUnavailableAndBacksOffAfterInternal() {
        String unavailable = token();
        String internal = token();
        fcm.retryAfter(120);
        fcm.script(unavailable, Answer.UNAVAILABLE);
        fcm.script(internal, Answer.INTERNAL);

        assertThat(client.send(message(unavailable)))
                .isEqualTo(new FcmResult.Later("FCM_UNAVAILABLE", Duration.ofSeconds(120)));
        assertThat(client.send(message(internal))).isEqualTo(new FcmResult.Later("FCM_INTERNAL", null));
    }

    @Test
    void givesUpWaitingForASlowAnswerAndRetriesLater() {
        String token = token();
        fcm.slowness(Duration.ofSeconds(3));
        fcm.script(token, Answer.SLOW);

        assertThat(client.send(message(token))).isEqualTo(new FcmResult.Later("FCM_TIMEOUT", null));
    }

    @Test
    void refusesToSendWithoutConfiguration() {
        FcmSettings off = new FcmSettings(
                URI.create(fcm.baseUrl()),
                null,
                (Path) null,
                null,
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                Duration.ofHours(4));
        FcmClient unconfigured = new FcmClient(
                off,
                new FcmAccessTokens(off, clock),
                clock,
                JsonMapper.builder().build());

        assertThat(unconfigured.send(message(token()))).isEqualTo(new FcmResult.Rejected("FCM_NOT_CONFIGURED", false));
        assertThat(fcm.calls()).isEmpty();
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }
}
