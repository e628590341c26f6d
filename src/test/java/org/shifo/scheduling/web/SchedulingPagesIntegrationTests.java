package org.shifo.scheduling.web;

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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@IntegrationTest
class SchedulingPagesIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    SchedulePageFixtures schedules;

    private SchedulePageFixtures.Ready ready;
    private Cookie reception;

    @BeforeEach
    void setUp() {
        ready = schedules.clinic();
        reception = signIn(fixtures.staff(ready.clinic(), Role.RECEPTIONIST));
    }

    private Cookie signIn(Staff staff) {
        return PageSessions.signIn(mvc, staff);
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
    void theLaboratoryDoesNotSeeAppointmentsAndReceptionDoesNotSetUp() {
        Cookie lab = signIn(fixtures.staff(ready.clinic(), Role.LAB));

        assertThat(page(lab, "/schedule")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(page(lab, "/schedule/print")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(page(reception, "/admin/scheduling")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(page(reception, "/schedule")).hasStatus(HttpStatus.OK);
    }

    @Test
    void aCashierSeesTheDayButBooksNothing() {
        Cookie cashier = signIn(fixtures.staff(ready.clinic(), Role.CASHIER));

        MvcTestResult day = page(cashier, "/schedule");

        assertThat(day).hasStatus(HttpStatus.OK);
        assertThat(day).bodyText().doesNotContain("free — book").contains("Free");
        assertThat(page(
                        cashier,
                        "/appointments/new?practitionerId="
                                + ready.doctor().userId().value()))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void anAppointmentOfAnotherClinicIsNotFound() {
        String theirs = schedules.book(schedules.another(ready), 9, 0);

        assertThat(page(reception, "/appointments/" + theirs)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.post()
                        .uri("/appointments/" + theirs + "/check-in")
                        .cookie(reception)
                        .with(csrf())
                        .accept(MediaType.TEXT_HTML)
                        .exchange())
                .hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        String mine = schedules.book(ready, 9, 0);

        assertThat(mvc.post()
                        .uri("/appointments/" + mine + "/cancel")
                        .cookie(reception)
                        .accept(MediaType.TEXT_HTML)
                        .param("reason", "asked by phone")
                        .exchange())
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void aTimeInThePastIsRefusedNextToItsFieldInThePageLanguage() {
        MvcTestResult refused = mvc.post()
                .uri("/appointments/new")
                .cookie(reception)
                .with(csrf())
                .header("Accept-Language", "ru")
                .accept(MediaType.TEXT_HTML)
                .param("practitionerId", ready.doctor().userId().value().toString())
                .param("start", ready.at(7, 0))
                .param("serviceId", ready.serviceId().toString())
                .param("patientId", ready.patientId())
                .exchange();

        assertThat(refused).hasStatus(HttpStatus.OK);
        assertThat(refused).bodyText().contains("id=\"start-error\"").contains("только администратор");
    }

    @Test
    void aCancellationNeedsAReasonAndANoShowWaitsForTheStart() {
        String mine = schedules.book(ready, 9, 0);

        MvcTestResult noReason = action(mine, "cancel", "");
        MvcTestResult early = action(mine, "no-show", null);
        MvcTestResult cancelled = action(mine, "cancel", "asked by phone");

        assertThat(noReason).hasStatus(HttpStatus.OK);
        assertThat(noReason).bodyText().contains("id=\"reason-error\"").contains("Is required");
        assertThat(early).hasStatus(HttpStatus.OK);
        assertThat(early).bodyText().contains("once the appointment has begun");
        assertThat(cancelled).hasStatus(HttpStatus.FOUND);
        assertThat(page(reception, "/appointments/" + mine + "?done=CANCELLED"))
                .bodyText()
                .contains("The appointment was cancelled.")
                .contains("asked by phone")
                .doesNotContain("Check in");
    }

    private MvcTestResult action(String appointment, String action, String reason) {
        var request = mvc.post()
                .uri("/appointments/" + appointment + "/" + action)
                .cookie(reception)
                .with(csrf())
                .header("Accept-Language", "en")
                .accept(MediaType.TEXT_HTML);
        if (reason != null) {
            request.param("reason", reason);
        }
        return request.exchange();
    }

    @Test
    void thePrintableListHasNoNavigation() {
        schedules.book(ready, 9, 0);

        MvcTestResult print = page(reception, "/schedule/print?date=" + ready.day());

        assertThat(print).hasStatus(HttpStatus.OK);
        assertThat(print)
                .bodyText()
                .contains("Karimova Dilnoza")
                .contains("09:00–09:30")
                .doesNotContain("<nav");
    }
}
