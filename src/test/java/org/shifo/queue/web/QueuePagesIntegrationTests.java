package org.shifo.queue.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.PageSessions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class QueuePagesIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    private IdentityFixtures.Clinic clinic;
    private Staff receptionist;
    private Cookie reception;
    private String queueId;
    private String patientId;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
        receptionist = fixtures.staff(clinic, Role.RECEPTIONIST);
        Staff doctor = fixtures.staff(clinic, Role.DOCTOR);
        reception = PageSessions.signIn(mvc, receptionist);
        queueId = api(
                        receptionist,
                        "/api/v1/queues",
                        "{\"branchId\":\"%s\",\"practitionerId\":\"%s\"}"
                                .formatted(
                                        clinic.branchId().value(),
                                        doctor.userId().value()))
                .get("id")
                .asString();
        patientId = api(
                        receptionist,
                        "/api/v1/patients",
                        """
                        {"familyName":"Qodirov","givenName":"Bobur","sex":"MALE","birthDate":"1979-05-01",
                         "phones":[{"number":"+998901231101","primary":true}],"registerAnyway":true}
                        """)
                .get("id")
                .asString();
    }

    private JsonNode api(Staff staff, String uri, String body) {
        MvcTestResult result = mvc.post()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, fixtures.bearer(staff))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
        assertThat(result).hasStatus(HttpStatus.CREATED);
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    private MvcTestResult page(Cookie session, String uri) {
        return mvc.get()
                .uri(uri)
                .cookie(session)
                .header("Accept-Language", "en")
                .accept(MediaType.TEXT_HTML)
                .exchange();
    }

    @Test
    void issuesATicketFromTheFormWithTheRegistrysPicker() {
        assertThat(page(reception, "/queue/patient-options?q=Qodirov"))
                .hasStatusOk()
                .bodyText()
                .contains("name=\"patientId\"", "value=\"" + patientId + "\"", "Qodirov Bobur");

        MvcTestResult issued = mvc.post()
                .uri("/queue/tickets")
                .cookie(reception)
                .with(csrf())
                .accept(MediaType.TEXT_HTML)
                .param("branch", clinic.branchId().value().toString())
                .param("queueId", queueId)
                .param("patientId", patientId)
                .param("priority", "ELDERLY")
                .exchange();

        assertThat(issued).hasStatus(HttpStatus.FOUND);
        assertThat(issued).flash().containsKey("notice");
        assertThat(issued.getMvcResult().getFlashMap().get("notice")).asString().contains("-001");
        assertThat(page(reception, "/queue")).hasStatusOk().bodyText().contains("data-queue-row=\"" + queueId + "\"");
    }

    @Test
    void refusesFormsWithoutTheCsrfTokenAndDisplaysToAnyoneButAdministrators() {
        assertThat(mvc.post()
                        .uri("/queue/tickets")
                        .cookie(reception)
                        .accept(MediaType.TEXT_HTML)
                        .param("branch", clinic.branchId().value().toString())
                        .param("queueId", queueId)
                        .param("patientId", patientId))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.post()
                        .uri("/queue/displays")
                        .cookie(reception)
                        .with(csrf())
                        .accept(MediaType.TEXT_HTML)
                        .param("branch", clinic.branchId().value().toString())
                        .param("name", "Hall"))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(page(reception, "/queue")).hasStatusOk().bodyText().doesNotContain("Lobby displays");
    }

    @Test
    void showsNoBranchOfAnotherClinic() {
        IdentityFixtures.Clinic other = fixtures.clinic();

        assertThat(page(reception, "/queue?branch=" + other.branchId().value())).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(page(reception, "/queue/mine?branch=" + other.branchId().value()))
                .hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void opensTheBoardWithAValidDisplayTokenOnlyAndWithoutPatientData() {
        api(receptionist, "/api/v1/queues/" + queueId + "/tickets", "{\"patientId\":\"%s\"}".formatted(patientId));
        String url = api(
                        fixtures.admin(clinic),
                        "/api/v1/queue/display-tokens",
                        "{\"branchId\":\"%s\",\"name\":\"Hall\"}"
                                .formatted(clinic.branchId().value()))
                .get("url")
                .asString();

        MvcTestResult anonymous =
                mvc.get().uri("/queue").accept(MediaType.TEXT_HTML).exchange();
        assertThat(anonymous).hasStatus(HttpStatus.FOUND);
        assertThat(anonymous.getResponse().getHeader("Location")).endsWith("/login");
        assertThat(mvc.get().uri("/queue/board").accept(MediaType.TEXT_HTML)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.get().uri("/queue/board?display=" + "x".repeat(43)).accept(MediaType.TEXT_HTML))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.get().uri(url).header("Accept-Language", "en").accept(MediaType.TEXT_HTML))
                .hasStatusOk()
                .bodyText()
                .contains(
                        "Now calling",
                        "data-subscribe-branch=\"" + clinic.branchId().value() + "\"")
                .doesNotContain("Qodirov", "Bobur", "Q.B.", "B.Q.");
    }
}
