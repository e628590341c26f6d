package org.shifo.notifications.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.notifications.testing.FakeFcmServer;
import org.shifo.notifications.testing.FakeFcmServer.Answer;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestClock;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Staff pushes end to end: a queue call made by reception reaches the practitioner's phone through the delivery
 * engine and the loopback FCM; a dead token removes the device; a quota refusal waits at least a minute.
 */
@IntegrationTest
class PushDeliveryIntegrationTests {

    static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    TestClock clock;

    final FakeFcmServer fcm = FakeFcmServer.get();
    ApiCalls api;
    IdentityFixtures.Clinic clinic;
    Staff doctor;
    String doctorBearer;
    String reception;
    String token;
    String deviceId;

    @BeforeEach
    void setUp() {
        fcm.reset();
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        doctor = fixtures.staff(clinic, Role.DOCTOR);
        doctorBearer = fixtures.bearer(doctor);
        reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        token = "fcm-" + UUID.randomUUID() + ":APA91b-delivery";
        deviceId = api.body(api.post(
                        doctorBearer,
                        "/api/v1/notifications/devices",
                        "{\"token\":\"%s\",\"platform\":\"ANDROID\"}".formatted(token)))
                .get("id")
                .asString();
    }

    /** Reception calls the next patient of the doctor's queue to a room; the ticket's id. */
    String callByReception(String room) {
        String patient = api.body(
                        api.post(
                                reception,
                                "/api/v1/patients",
                                """
                                {"familyName":"O'Brien","givenName":"Aziz","sex":"MALE","birthDate":"1980-01-15",
                                 "phones":[{"number":"+998901234567","primary":true}],"registerAnyway":true}
                                """))
                .get("id")
                .asString();
        String queue = api.body(api.post(
                        reception,
                        "/api/v1/queues",
                        "{\"branchId\":\"%s\",\"practitionerId\":\"%s\"}"
                                .formatted(
                                        clinic.branchId().value(),
                                        doctor.userId().value())))
                .get("id")
                .asString();
        String ticket = api.body(api.post(
                        reception,
                        "/api/v1/queues/" + queue + "/tickets",
                        "{\"patientId\":\"%s\",\"priority\":\"WALK_IN\"}".formatted(patient)))
                .get("id")
                .asString();
        assertThat(api.post(reception, "/api/v1/queues/" + queue + "/call-next", "{\"room\":\"%s\"}".formatted(room)))
                .hasStatus(200);
        return ticket;
    }

    record PushRow(String status, int attempts, String lastError, Instant nextAttemptAt) {}

    /** The push row of the doctor's device, read as the superuser (past row-level security). */
    PushRow row() {
        try (var connection = TestDatabase.get().connectAsSuperuser();
                var statement = connection.prepareStatement(
                        """
                        SELECT status, attempts, coalesce(last_error, '') AS last_error, next_attempt_at
                        FROM notifications.notifications
                        WHERE tenant_id = ? AND channel = 'PUSH' AND address = ?
                        """)) {
            statement.setObject(1, clinic.tenantId().value());
            statement.setString(2, deviceId);
            try (var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return new PushRow("NONE", 0, "", Instant.EPOCH);
                }
                return new PushRow(
                        rows.getString("status"),
                        rows.getInt("attempts"),
                        rows.getString("last_error"),
                        rows.getTimestamp("next_attempt_at").toInstant());
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCallByReceptionReachesThePractitionersPhoneOnceWithIdsOnly() {
        String ticket = callByReception("5");

        await().atMost(WAIT).until(() -> fcm.callsTo(token).size() == 1);
        JsonNode message = fcm.callsTo(token).getFirst().message();
        assertThat(message.path("notification").path("title").asString()).isEqualTo("Queue");
        assertThat(message.path("notification").path("body").asString())
                .matches("Ticket [A-Z]{1,2}-001 is called to room 5\\.")
                .doesNotContain("Brien");
        assertThat(message.path("data").path("ticketId").asString()).isEqualTo(ticket);
        assertThat(message.path("data").path("template").asString()).isEqualTo("staff-queue-called");
        assertThat(message.path("android").path("priority").asString()).isEqualTo("HIGH");
        assertThat(message.path("android").path("collapse_key").asString()).startsWith("queue-");
        await().atMost(WAIT).until(() -> row().status().equals("SENT"));
        assertThat(fcm.callsTo(token)).hasSize(1);
    }

    @Test
    void aCallTheDoctorMadeThemselvesBuzzesNobody() {
        String queue = api.body(api.post(
                        doctorBearer,
                        "/api/v1/queues",
                        "{\"branchId\":\"%s\",\"practitionerId\":\"%s\"}"
                                .formatted(
                                        clinic.branchId().value(),
                                        doctor.userId().value())))
                .get("id")
                .asString();
        String patient = api.body(
                        api.post(
                                reception,
                                "/api/v1/patients",
                                """
                                {"familyName":"Karimov","givenName":"Aziz","sex":"MALE","birthDate":"1980-01-15",
                                 "phones":[{"number":"+998901234567","primary":true}],"registerAnyway":true}
                                """))
                .get("id")
                .asString();
        api.post(
                reception,
                "/api/v1/queues/" + queue + "/tickets",
                "{\"patientId\":\"%s\",\"priority\":\"WALK_IN\"}".formatted(patient));

        assertThat(api.post(doctorBearer, "/api/v1/queues/" + queue + "/call-next", "{\"room\":\"5\"}"))
                .hasStatus(200);

        assertThat(TestDatabase.get()
                        .count(
                                "SELECT count(*) FROM notifications.notifications WHERE tenant_id = ? AND channel = 'PUSH'",
                                clinic.tenantId().value()))
                .isZero();
    }

    @Test
    void anUnregisteredTokenKillsTheRowAndRemovesTheDevice() {
        fcm.script(token, Answer.UNREGISTERED);

        callByReception("7");

        await().atMost(WAIT).until(() -> row().status().equals("DEAD"));
        assertThat(row().lastError()).isEqualTo("FCM_UNREGISTERED");
        await().atMost(WAIT)
                .until(() -> TestDatabase.get()
                                .count(
                                        "SELECT count(*) FROM notifications.devices WHERE id = ?",
                                        UUID.fromString(deviceId))
                        == 0);
        assertThat(fcm.callsTo(token)).hasSize(1);
    }

    @Test
    void aQuotaRefusalIsRetriedNotBeforeAMinute() {
        fcm.retryAfter(5);
        fcm.script(token, Answer.QUOTA_EXCEEDED);

        callByReception("9");

        await().atMost(WAIT)
                .until(() ->
                        row().status().equals("PENDING") && row().lastError().equals("FCM_QUOTA_EXCEEDED"));
        Instant refused = fcm.callsTo(token).getFirst().at();
        PushRow waiting = row();
        assertThat(waiting.status()).isEqualTo("PENDING");
        assertThat(waiting.lastError()).isEqualTo("FCM_QUOTA_EXCEEDED");
        assertThat(waiting.nextAttemptAt()).isAfterOrEqualTo(clock.instant().plusSeconds(55));

        clock.advance(Duration.ofSeconds(30));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(2))
                .until(() -> fcm.callsTo(token).size() == 1);

        clock.advance(Duration.ofSeconds(31));
        await().atMost(WAIT).until(() -> row().status().equals("SENT"));
        assertThat(fcm.callsTo(token)).hasSize(2);
        assertThat(refused).isNotNull();
    }

    @Test
    void aCriticalValueAlertsThePatientsAttendingPractitionerWithoutNameOrValue() {
        String patient = api.body(
                        api.post(
                                reception,
                                "/api/v1/patients",
                                """
                                {"familyName":"Karimova","givenName":"Dilnoza","sex":"FEMALE","birthDate":"1980-01-15",
                                 "phones":[{"number":"+998901234567","primary":true}],"registerAnyway":true}
                                """))
                .get("id")
                .asString();
        assertThat(api.post(
                        doctorBearer,
                        "/api/v1/encounters",
                        "{\"patientId\":\"%s\",\"practitionerId\":\"%s\"}"
                                .formatted(patient, doctor.userId().value())))
                .hasStatus(201);
        String lab = fixtures.bearer(fixtures.staff(clinic, Role.LAB));

        assertThat(api.post(
                        lab,
                        "/api/v1/patients/" + patient + "/lab-results",
                        "{\"testCode\":\"2823-3\",\"value\":6.8,\"unit\":\"mmol/L\",\"collectedAt\":\"%s\"}"
                                .formatted(clock.instant().minus(Duration.ofHours(1)))))
                .hasStatus(201);

        await().atMost(WAIT).until(() -> fcm.callsTo(token).size() == 1);
        JsonNode message = fcm.callsTo(token).getFirst().message();
        assertThat(message.path("notification").path("title").asString()).isEqualTo("Critical lab result");
        assertThat(message.path("notification").toString()).doesNotContain("Karimova", "6.8");
        assertThat(message.path("data").path("patientId").asString()).isEqualTo(patient);
        assertThat(message.path("data").path("template").asString()).isEqualTo("staff-lab-critical");
    }
}
