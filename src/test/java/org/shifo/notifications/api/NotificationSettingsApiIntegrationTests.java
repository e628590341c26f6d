package org.shifo.notifications.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class NotificationSettingsApiIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    ApiCalls api;
    IdentityFixtures.Clinic clinic;
    String admin;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        admin = fixtures.bearer(fixtures.admin(clinic));
    }

    MvcTestResult put(String token, String body) {
        return api.put(token, "/api/v1/notifications/settings", body);
    }

    @Test
    void answersTheDefaultsUntilChangedThenTheSavedSettings() {
        JsonNode defaults = api.body(api.get(admin, "/api/v1/notifications/settings"));
        MvcTestResult saved = put(
                admin,
                """
                {"quietFrom":"21:30","quietUntil":"07:45","reminderOffsets":[60,2880],
                 "perChatPerSecond":1,"perBotPerSecond":25}""");

        assertThat(defaults.get("quietFrom").asString()).isEqualTo("22:00");
        assertThat(defaults.get("quietUntil").asString()).isEqualTo("08:00");
        assertThat(defaults.get("reminderOffsets").toString()).isEqualTo("[1440,120]");
        assertThat(saved).hasStatus(200);
        JsonNode now = api.body(api.get(admin, "/api/v1/notifications/settings"));
        assertThat(now.get("quietFrom").asString()).isEqualTo("21:30");
        assertThat(now.get("reminderOffsets").toString()).isEqualTo("[2880,60]");
        assertThat(now.get("perBotPerSecond").asInt()).isEqualTo(25);
        assertThat(now.get("updatedAt").isNull()).isFalse();
    }

    @Test
    void refusesBrokenRulesFieldByFieldAndSavesNothing() {
        MvcTestResult result = put(
                admin,
                """
                {"quietFrom":"25:00","quietUntil":"08:00","reminderOffsets":[0],
                 "perChatPerSecond":1,"perBotPerSecond":5000}""");

        assertThat(result).hasStatus(400);
        JsonNode problem = api.body(result);
        assertThat(problem.get("errors").findValuesAsString("field"))
                .containsExactly("quietFrom", "reminderOffsets", "perBotPerSecond");
        assertThat(problem.get("errors").findValuesAsString("code"))
                .containsExactly("settings.time", "settings.offsets.range", "settings.rate.range");
        assertThat(TestDatabase.get()
                        .count(
                                "SELECT count(*) FROM notifications.settings WHERE tenant_id = ?",
                                clinic.tenantId().value()))
                .isZero();
    }

    @Test
    void refusesEqualQuietHoursDuplicatesAndMissingFields() {
        JsonNode same = api.body(
                put(
                        admin,
                        """
                {"quietFrom":"22:00","quietUntil":"22:00","reminderOffsets":[120,120],"perChatPerSecond":1}"""));

        assertThat(same.get("errors").findValuesAsString("code"))
                .containsExactly("settings.quiet.same", "settings.offsets.duplicate", "settings.required");
    }

    @Test
    void isForAdministratorsOfTheirOwnOrganization() {
        String doctor = fixtures.bearer(fixtures.staff(clinic, Role.DOCTOR));
        IdentityFixtures.Clinic other = fixtures.clinic();
        String otherAdmin = fixtures.bearer(fixtures.admin(other));
        put(
                admin,
                """
                {"quietFrom":"23:00","quietUntil":"07:00","reminderOffsets":[],"perChatPerSecond":1,"perBotPerSecond":30}""");

        assertThat(api.get(doctor, "/api/v1/notifications/settings")).hasStatus(403);
        assertThat(api.body(api.get(otherAdmin, "/api/v1/notifications/settings"))
                        .get("quietFrom")
                        .asString())
                .isEqualTo("22:00");
    }
}
