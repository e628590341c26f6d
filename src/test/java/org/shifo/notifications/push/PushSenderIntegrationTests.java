package org.shifo.notifications.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.notifications.delivery.Outgoing;
import org.shifo.notifications.delivery.SendOutcome;
import org.shifo.notifications.testing.FakeFcmServer;
import org.shifo.notifications.testing.FakeFcmServer.Answer;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The PUSH channel sender against the loopback FCM: the device's token looked up, payload, outcomes. */
@IntegrationTest
class PushSenderIntegrationTests {

    @Autowired
    PushSender sender;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    IdentityFixtures fixtures;

    final FakeFcmServer fcm = FakeFcmServer.get();
    IdentityFixtures.Clinic clinic;
    Staff doctor;
    String token;
    String deviceId;

    @BeforeEach
    void setUp() {
        fcm.reset();
        clinic = fixtures.clinic();
        doctor = fixtures.staff(clinic, Role.DOCTOR);
        token = "fcm-" + UUID.randomUUID() + ":APA91b-sender";
        JsonNode device = new ApiCalls(mvc, json)
                .body(new ApiCalls(mvc, json)
                        .post(
                                fixtures.bearer(doctor),
                                "/api/v1/notifications/devices",
                                "{\"token\":\"%s\",\"platform\":\"ANDROID\"}".formatted(token)));
        deviceId = device.get("id").asString();
    }

    Outgoing call(String address) {
        UUID queue = UUID.randomUUID();
        return new Outgoing(
                clinic.tenantId(),
                UUID.randomUUID(),
                "PUSH",
                address,
                "STAFF",
                doctor.userId().value(),
                "en",
                "Ticket A-012 is called to room 5.",
                "Queue",
                "staff-queue-called",
                Map.of("ticketId", UUID.randomUUID().toString(), "queueId", queue.toString(), "gcm", "x"),
                List.of(),
                true,
                "notification:1");
    }

    @Test
    void sendsTheRenderedCallToTheDevicesTokenWithIdsOnly() {
        Outgoing message = call(deviceId);

        SendOutcome outcome = sender.send(message);

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        assertThat(fcm.callsTo(token)).hasSize(1);
        JsonNode sent = fcm.callsTo(token).getFirst().message();
        assertThat(sent.path("notification").path("title").asString()).isEqualTo("Queue");
        assertThat(sent.path("notification").path("body").asString()).isEqualTo("Ticket A-012 is called to room 5.");
        assertThat(sent.path("data").path("notificationId").asString())
                .isEqualTo(message.notificationId().toString());
        assertThat(sent.path("data").path("ticketId").asString())
                .isEqualTo(message.payload().get("ticketId"));
        assertThat(sent.path("data").has("gcm")).isFalse();
        assertThat(sent.path("android").path("ttl").asString()).isEqualTo("300s");
        assertThat(sent.path("android").path("collapse_key").asString())
                .isEqualTo("queue-" + message.payload().get("queueId"));
        assertThat(sent.path("android").path("priority").asString()).isEqualTo("HIGH");
    }

    @Test
    void reportsADeadTokenSoTheDeviceIsUnlinked() {
        fcm.script(token, Answer.UNREGISTERED);

        assertThat(sender.send(call(deviceId))).isEqualTo(new SendOutcome.Permanent("FCM_UNREGISTERED", true));
    }

    @Test
    void reportsQuotaAsRetryAfterAMinuteAndOutagesAsTransient() {
        fcm.script(token, Answer.QUOTA_EXCEEDED, Answer.INTERNAL);

        assertThat(sender.send(call(deviceId)))
                .isEqualTo(new SendOutcome.RetryAfter(java.time.Duration.ofMinutes(1), "FCM_QUOTA_EXCEEDED"));
        assertThat(sender.send(call(deviceId))).isEqualTo(new SendOutcome.Transient("FCM_INTERNAL"));
    }

    @Test
    void neverSendsToADeviceThatIsGoneOrOfAnotherOrganization() {
        IdentityFixtures.Clinic other = fixtures.clinic();
        Outgoing foreign = new Outgoing(
                other.tenantId(),
                UUID.randomUUID(),
                "PUSH",
                deviceId,
                "STAFF",
                doctor.userId().value(),
                "en",
                "x",
                null,
                "staff-lab-critical",
                Map.of(),
                List.of(),
                true,
                "notification:2");

        assertThat(sender.send(call(UUID.randomUUID().toString())))
                .isEqualTo(new SendOutcome.Permanent("PUSH_DEVICE_GONE", false));
        assertThat(sender.send(foreign)).isEqualTo(new SendOutcome.Permanent("PUSH_DEVICE_GONE", false));
        assertThat(fcm.calls()).isEmpty();
    }
}
