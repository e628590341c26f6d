package org.shifo.notifications.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.security.StaffAuthentication;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The administrators' settings and template pages: rendering, refusals beside the field, save and reset, roles. */
@IntegrationTest
class NotificationAdminPagesIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    IdentityFixtures.Clinic clinic;
    Staff admin;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
        admin = fixtures.admin(clinic);
    }

    MvcTestResult get(Staff staff, String uri) {
        return mvc.get()
                .uri(uri)
                .with(authentication(new StaffAuthentication(staff)))
                .exchange();
    }

    MvcTestResult post(Staff staff, String uri, String... params) {
        var request = mvc.post().uri(uri).with(csrf()).with(authentication(new StaffAuthentication(staff)));
        for (int i = 0; i < params.length; i += 2) {
            request = request.param(params[i], params[i + 1]);
        }
        return request.exchange();
    }

    long rows(String table) {
        return TestDatabase.get()
                .count(
                        "SELECT count(*) FROM notifications." + table + " WHERE tenant_id = ?",
                        clinic.tenantId().value());
    }

    @Test
    void showsTheDefaultsAndSavesValidSettings() {
        assertThat(get(admin, "/admin/notifications/settings?lang=en"))
                .hasStatusOk()
                .bodyText()
                .contains("Quiet hours", "value=\"22:00\"", "value=\"1440, 120\"");

        MvcTestResult saved = post(
                admin,
                "/admin/notifications/settings",
                "quietFrom",
                "21:00",
                "quietUntil",
                "07:30",
                "reminderOffsets",
                "60, 1440",
                "perChatPerSecond",
                "1",
                "perBotPerSecond",
                "20");

        assertThat(saved).hasStatus(HttpStatus.FOUND);
        assertThat(get(admin, "/admin/notifications/settings"))
                .bodyText()
                .contains("value=\"21:00\"", "value=\"1440, 60\"");
    }

    @Test
    void refusesBrokenSettingsBesideTheirFieldsAndSavesNothing() {
        MvcTestResult refused = post(
                admin,
                "/admin/notifications/settings",
                "quietFrom",
                "22:00",
                "quietUntil",
                "08:00",
                "reminderOffsets",
                "a day",
                "perChatPerSecond",
                "1",
                "perBotPerSecond",
                "30");

        assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(refused)
                .bodyText()
                .contains("vergul bilan ajratilgan butun daqiqalar boʻlishi kerak", "value=\"a day\"");
        assertThat(rows("settings")).isZero();
    }

    @Test
    void listsEveryTemplateInTheThreeLanguages() {
        assertThat(get(admin, "/admin/notifications/templates?lang=ru"))
                .hasStatusOk()
                .bodyText()
                .contains(
                        "Напоминание о приёме",
                        "/admin/notifications/templates/appointment-reminder/uz",
                        "/admin/notifications/templates/staff-lab-critical/en");
    }

    @Test
    void previewsADraftWithSampleValuesAndNamesUnknownPlaceholders() {
        String path = "/admin/notifications/templates/queue-called/en/preview?lang=en";

        MvcTestResult good = post(admin, path, "body", "{patient}, room {room} please (ticket {ticket}).");
        MvcTestResult bad = post(admin, path, "body", "Hello {patient}, your diagnosis: {diagnosis}");

        assertThat(good).hasStatusOk().bodyText().contains("Dilnoza Karimova, room 5 please (ticket A-012).");
        assertThat(bad).hasStatusOk().bodyText().contains("{diagnosis}");
        assertThat(rows("templates")).isZero();
    }

    @Test
    void savesAnOrganizationsWordingAndResetsItToTheBuiltInText() {
        String path = "/admin/notifications/templates/queue-called/ru";

        MvcTestResult refused = post(admin, path + "?lang=en", "body", "Пройдите {nowhere}");
        MvcTestResult saved = post(admin, path, "body", "{patient}, пройдите в кабинет {room}.");

        assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(refused).bodyText().contains("{nowhere}");
        assertThat(saved).hasStatus(HttpStatus.FOUND);
        assertThat(rows("templates")).isEqualTo(1);
        assertThat(get(admin, path)).bodyText().contains("{patient}, пройдите в кабинет {room}.");

        assertThat(post(admin, path + "/reset")).hasStatus(HttpStatus.FOUND);
        assertThat(rows("templates")).isZero();
        assertThat(TestDatabase.get()
                        .count(
                                "SELECT count(*) FROM audit.entries WHERE tenant_id = ? AND action LIKE 'notifications.template.%'",
                                clinic.tenantId().value()))
                .isEqualTo(2);
    }

    @Test
    void isForAdministratorsOnly() {
        Staff doctor = fixtures.staff(clinic, Role.DOCTOR);

        assertThat(get(doctor, "/admin/notifications/settings")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(get(doctor, "/admin/notifications/templates")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(post(doctor, "/admin/notifications/templates/queue-called/uz", "body", "x"))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(get(admin, "/admin/notifications/templates/no-such-thing/uz"))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(get(admin, "/admin/notifications/templates/queue-called/de")).hasStatus(HttpStatus.NOT_FOUND);
    }
}
