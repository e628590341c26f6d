package org.shifo.notifications.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class DeviceApiIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    ApiCalls api;
    IdentityFixtures.Clinic clinic;
    Staff doctor;
    String doctorToken;
    String nurseToken;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        doctor = fixtures.staff(clinic, Role.DOCTOR);
        doctorToken = fixtures.bearer(doctor);
        nurseToken = fixtures.bearer(fixtures.staff(clinic, Role.NURSE));
    }

    static String token() {
        return "fcm-" + UUID.randomUUID() + ":APA91bH_test-token";
    }

    MvcTestResult register(String bearer, String token, String platform) {
        return api.post(
                bearer,
                "/api/v1/notifications/devices",
                "{\"token\":\"%s\",\"platform\":\"%s\"}".formatted(token, platform));
    }

    long devices(String token) {
        return TestDatabase.get().count("SELECT count(*) FROM notifications.devices WHERE token = ?", token);
    }

    static void assertField(JsonNode problem, String field, String code) {
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly(field);
        assertThat(problem.get("errors").findValuesAsString("code")).containsExactly(code);
    }

    @Test
    void registersTheCallersDeviceOnceAndMarksItSeenWhenRegisteredAgain() {
        String token = token();

        MvcTestResult first = register(doctorToken, token, "ANDROID");
        MvcTestResult again = register(doctorToken, token, "ANDROID");

        assertThat(first).hasStatus(201);
        assertThat(again).hasStatus(200);
        JsonNode created = api.body(first);
        JsonNode seen = api.body(again);
        assertThat(seen.get("id").asString()).isEqualTo(created.get("id").asString());
        assertThat(seen.get("registeredAt").asString())
                .isEqualTo(created.get("registeredAt").asString());
        assertThat(seen.has("token")).isFalse();
        assertThat(devices(token)).isEqualTo(1);
        assertThat(api.body(api.get(doctorToken, "/api/v1/notifications/devices"))
                        .findValuesAsString("id"))
                .containsExactly(created.get("id").asString());
    }

    @Test
    void aTokenRegisteredByAnotherMemberMovesToThem() {
        String token = token();
        register(doctorToken, token, "IOS");

        MvcTestResult nurse = register(nurseToken, token, "IOS");

        assertThat(nurse).hasStatus(200);
        assertThat(api.body(api.get(doctorToken, "/api/v1/notifications/devices")))
                .isEmpty();
        assertThat(api.body(api.get(nurseToken, "/api/v1/notifications/devices")))
                .hasSize(1);
        assertThat(devices(token)).isEqualTo(1);
    }

    @Test
    void refusesBadTokensAndPlatformsNamingTheFieldAndRule() {
        JsonNode missing = api.body(api.post(doctorToken, "/api/v1/notifications/devices", "{\"platform\":\"WEB\"}"));
        JsonNode shortToken = api.body(register(doctorToken, "abc", "WEB"));
        JsonNode spaces = api.body(register(doctorToken, "a token with spaces in it!!", "WEB"));
        MvcTestResult platform = register(doctorToken, token(), "WINDOWS_PHONE");

        assertField(missing, "token", "device.token.required");
        assertField(shortToken, "token", "device.token.length");
        assertField(spaces, "token", "device.token.format");
        assertThat(platform).hasStatus(400);
        assertField(api.body(platform), "platform", "device.platform.known");
        assertThat(TestDatabase.get()
                        .count(
                                "SELECT count(*) FROM notifications.devices WHERE tenant_id = ?",
                                clinic.tenantId().value()))
                .isZero();
    }

    @Test
    void answersInTheCallersLanguage() {
        MvcTestResult russian = mvc.post()
                .uri("/api/v1/notifications/devices")
                .header(HttpHeaders.AUTHORIZATION, doctorToken)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ru")
                .contentType("application/json")
                .content("{\"token\":\"abc\",\"platform\":\"WEB\"}")
                .exchange();

        assertThat(russian).hasStatus(400);
        assertThat(api.body(russian).get("errors").findValuesAsString("message"))
                .containsExactly("должен содержать от 20 до 4096 символов");
    }

    @Test
    void refusesAPatientIdUntilPatientsCanSignIn() {
        MvcTestResult result = api.post(
                doctorToken,
                "/api/v1/notifications/devices",
                "{\"token\":\"%s\",\"platform\":\"ANDROID\",\"patientId\":\"%s\"}"
                        .formatted(token(), UUID.randomUUID()));

        assertThat(result).hasStatus(400);
        assertThat(api.body(result).get("errors").findValuesAsString("field")).containsExactly("patientId");
    }

    @Test
    void unregistersOwnDevicesByTokenOrIdOnly() {
        String byToken = token();
        String byId = token();
        register(doctorToken, byToken, "ANDROID");
        String id = api.body(register(doctorToken, byId, "WEB")).get("id").asString();

        assertThat(api.delete(nurseToken, "/api/v1/notifications/devices/" + id))
                .hasStatus(404);
        assertThat(api.delete(doctorToken, "/api/v1/notifications/devices/" + byToken))
                .hasStatus(204);
        assertThat(api.delete(doctorToken, "/api/v1/notifications/devices/" + id))
                .hasStatus(204);
        assertThat(api.delete(doctorToken, "/api/v1/notifications/devices/" + id))
                .hasStatus(404);
        assertThat(devices(byToken) + devices(byId)).isZero();
    }

    @Test
    void keepsOrganizationsApart() {
        String token = token();
        String id = api.body(register(doctorToken, token, "ANDROID")).get("id").asString();
        IdentityFixtures.Clinic other = fixtures.clinic();
        String stranger = fixtures.bearer(fixtures.staff(other, Role.DOCTOR));

        assertThat(api.body(api.get(stranger, "/api/v1/notifications/devices"))).isEmpty();
        assertThat(api.delete(stranger, "/api/v1/notifications/devices/" + id)).hasStatus(404);
        assertThat(api.delete(stranger, "/api/v1/notifications/devices/" + token))
                .hasStatus(404);
        assertThat(register(stranger, token, "ANDROID")).hasStatus(201);
        assertThat(devices(token)).isEqualTo(2);
        assertThat(api.body(api.get(doctorToken, "/api/v1/notifications/devices")))
                .hasSize(1);
    }

    @Test
    void needsASignedInStaffMember() {
        assertThat(mvc.post()
                        .uri("/api/v1/notifications/devices")
                        .contentType("application/json")
                        .content("{\"token\":\"%s\",\"platform\":\"WEB\"}".formatted(token()))
                        .exchange())
                .hasStatus(401);
    }
}
