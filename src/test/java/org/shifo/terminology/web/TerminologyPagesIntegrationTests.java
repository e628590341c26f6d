package org.shifo.terminology.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.PageSessions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@IntegrationTest
class TerminologyPagesIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    IdentityFixtures.Clinic clinic;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
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
    void onlyAdministratorsSeeThePageAndTheBanner() {
        Cookie nurse = PageSessions.signIn(mvc, fixtures.staff(clinic, Role.NURSE));

        assertThat(page(nurse, "/admin/terminology")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(page(nurse, "/admin/terminology/imports/" + java.util.UUID.randomUUID()))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(page(nurse, "/"))
                .bodyText()
                .doesNotContain("Diagnosis codes")
                .doesNotContain("No ICD-10");
    }
}
