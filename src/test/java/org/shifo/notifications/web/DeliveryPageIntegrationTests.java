package org.shifo.notifications.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.security.StaffAuthentication;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;

/** The delivery dashboard: counts, failures by reason, dead letters without text, retry, filters, roles. */
@IntegrationTest
class DeliveryPageIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    @Autowired
    Clock clock;

    IdentityFixtures.Clinic clinic;
    Staff admin;
    UUID patient;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
        admin = fixtures.admin(clinic);
        ApiCalls api = new ApiCalls(mvc, json);
        patient = UUID.fromString(api.body(
                        api.post(
                                fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST)),
                                "/api/v1/patients",
                                """
                                {"familyName":"Karimova","givenName":"Dilnoza","sex":"FEMALE","birthDate":"1980-01-15",
                                 "phones":[{"number":"+998901234567","primary":true}],"registerAnyway":true}
                                """))
                .get("id")
                .asString());
    }

    MvcTestResult get(Staff staff, String uri) {
        return mvc.get()
                .uri(uri)
                .with(authentication(new StaffAuthentication(staff)))
                .exchange();
    }

    MvcTestResult retry(Staff staff, UUID id) {
        return mvc.post()
                .uri("/admin/notifications/deliveries/" + id + "/retry")
                .with(csrf())
                .with(authentication(new StaffAuthentication(staff)))
                .exchange();
    }

    @Test
    void showsTodaysFailuresByReasonAndTheDeadLetterWithoutItsText() {
        UUID dead = DeadLetterRows.insert(clinic.tenantId(), patient, "TELEGRAM_BLOCKED", clock.instant());

        MvcTestResult page = get(admin, "/admin/notifications/deliveries?lang=en");

        assertThat(page).hasStatusOk();
        assertThat(page)
                .bodyText()
                .contains(
                        "data-notification=\"" + dead + "\"",
                        "TELEGRAM_BLOCKED",
                        "Appointment reminder",
                        "Karimova",
                        "data-status=\"DEAD\">1<")
                .doesNotContain("secret wording");
        assertThat(TestDatabase.get()
                        .count(
                                "SELECT count(*) FROM audit.entries WHERE tenant_id = ? AND action = 'notifications.dead_letters.read'",
                                clinic.tenantId().value()))
                .isEqualTo(1);
    }

    @Test
    void filtersByChannel() {
        UUID dead = DeadLetterRows.insert(clinic.tenantId(), patient, "TELEGRAM_BLOCKED", clock.instant());

        assertThat(get(admin, "/admin/notifications/deliveries?channel=PUSH"))
                .bodyText()
                .doesNotContain(dead.toString());
        assertThat(get(admin, "/admin/notifications/deliveries?channel=TELEGRAM&status=DEAD"))
                .bodyText()
                .contains(dead.toString());
    }

    @Test
    void retriesADeadLetterOnceAndAuditsIt() {
        UUID dead = DeadLetterRows.insert(clinic.tenantId(), patient, "TELEGRAM_5XX", clock.instant());

        assertThat(retry(admin, dead)).hasStatus(HttpStatus.FOUND);

        assertThat(DeadLetterRows.status(dead)).isIn("PENDING", "SENDING", "SENT", "DEAD", "CANCELLED");
        assertThat(TestDatabase.get()
                        .count(
                                "SELECT count(*) FROM audit.entries WHERE tenant_id = ? AND action = 'notification.retry'",
                                clinic.tenantId().value()))
                .isEqualTo(1);
    }

    @Test
    void keepsOrganizationsAndRolesApart() {
        UUID dead = DeadLetterRows.insert(clinic.tenantId(), patient, "TELEGRAM_BLOCKED", clock.instant());
        Staff otherAdmin = fixtures.admin(fixtures.clinic());
        Staff doctor = fixtures.staff(clinic, Role.DOCTOR);

        assertThat(get(otherAdmin, "/admin/notifications/deliveries"))
                .bodyText()
                .doesNotContain(dead.toString());
        assertThat(retry(otherAdmin, dead)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(DeadLetterRows.status(dead)).isEqualTo("DEAD");
        assertThat(get(doctor, "/admin/notifications/deliveries")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(retry(doctor, dead)).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(retry(admin, UUID.randomUUID())).hasStatus(HttpStatus.NOT_FOUND);
    }
}
