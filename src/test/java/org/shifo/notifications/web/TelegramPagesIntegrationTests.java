package org.shifo.notifications.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.PageSessions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;

/** Who may open the Telegram bot's pages: roles and organizations. */
@IntegrationTest
class TelegramPagesIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    IdentityFixtures.Clinic clinic;
    String patient;

    @BeforeEach
    void setUp() {
        ApiCalls api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        MvcTestResult registered = api.post(
                fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST)),
                "/api/v1/patients",
                """
                {"familyName":"Karimova","givenName":"Aziza","sex":"FEMALE","birthDate":"1980-01-15",
                 "phones":[{"number":"+998901234568","primary":true}],"registerAnyway":true}
                """);
        patient = api.body(registered).get("id").asString();
    }

    MvcTestResult page(Cookie session, String uri) {
        return mvc.get()
                .uri(uri)
                .cookie(session)
                .header("Accept-Language", "en")
                .accept(MediaType.TEXT_HTML)
                .exchange();
    }

    @Test
    void refusesOtherRolesAndOrganizations() throws Exception {
        Cookie cashier = PageSessions.signIn(mvc, fixtures.staff(clinic, Role.CASHIER));
        Cookie reception = PageSessions.signIn(mvc, fixtures.staff(clinic, Role.RECEPTIONIST));
        Cookie otherReception = PageSessions.signIn(mvc, fixtures.staff(fixtures.clinic(), Role.RECEPTIONIST));

        assertThat(page(cashier, "/patients/" + patient + "/notifications")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(page(reception, "/admin/notifications/telegram")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(page(otherReception, "/patients/" + patient + "/notifications"))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(page(reception, "/patients/not-an-id/notifications")).hasStatus(HttpStatus.NOT_FOUND);
        MvcTestResult own = page(reception, "/patients/" + patient + "/notifications");
        assertThat(own).hasStatusOk();
        assertThat(own.getResponse().getContentAsString()).contains("The Telegram bot is not set up yet.");
    }
}
