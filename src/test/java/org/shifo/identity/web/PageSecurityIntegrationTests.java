package org.shifo.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@IntegrationTest
class PageSecurityIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    private IdentityFixtures.Clinic clinic;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
    }

    private MvcTestResult signIn(String username) {
        return mvc.post()
                .uri("/login")
                .with(csrf())
                .with(request -> {
                    request.setRemoteAddr("203.0.113." + (1 + (int) (Math.random() * 250)));
                    return request;
                })
                .param("username", username)
                .param("password", IdentityFixtures.PASSWORD)
                .exchange();
    }

    private static Cookie sessionOf(MvcTestResult result) {
        Cookie cookie = result.getResponse().getCookie("SHIFO_SESSION");
        assertThat(cookie).as("session cookie").isNotNull();
        return cookie;
    }

    @Test
    void sendsAnonymousPageRequestsToTheSignInPage() {
        assertThat(mvc.get().uri("/admin/users").accept(MediaType.TEXT_HTML))
                .hasStatus(HttpStatus.FOUND)
                .headers()
                .hasHeaderSatisfying("Location", values -> assertThat(values)
                        .singleElement()
                        .satisfies(location -> assertThat(location).endsWith("/login")));
        assertThat(mvc.get().uri("/account").accept(MediaType.TEXT_HTML)).hasStatus(HttpStatus.FOUND);
    }

    @Test
    void keepsThePublicPagesOpen() {
        assertThat(mvc.get().uri("/").accept(MediaType.TEXT_HTML)).hasStatusOk();
        assertThat(mvc.get().uri("/login").accept(MediaType.TEXT_HTML))
                .hasStatusOk()
                .headers()
                .hasHeaderSatisfying("Content-Security-Policy", values -> assertThat(values)
                        .singleElement()
                        .satisfies(csp ->
                                assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'")));
        assertThat(mvc.get().uri("/css/shifo.css")).hasStatusOk();
    }

    @Test
    void leavesTheApiAnsweringWithProblemDetails() {
        assertThat(mvc.get().uri("/api/v1/users").accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON))
                .hasStatus(HttpStatus.UNAUTHORIZED)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesASignInWithoutTheCsrfToken() {
        assertThat(mvc.post()
                        .uri("/login")
                        .param("username", clinic.adminUsername())
                        .param("password", IdentityFixtures.PASSWORD))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void refusesASignOutWithoutTheCsrfToken() {
        assertThat(mvc.post().uri("/logout")).hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void opensOnlyTheSecondFactorPagesAfterThePassword() {
        MvcTestResult password = signIn(clinic.adminUsername());

        assertThat(password).hasStatus(HttpStatus.FOUND).headers().hasHeaderSatisfying("Location", values -> assertThat(
                        values)
                .singleElement()
                .satisfies(location -> assertThat(location).endsWith("/login/enroll")));
        Cookie session = sessionOf(password);
        assertThat(mvc.get().uri("/admin/users").cookie(session).accept(MediaType.TEXT_HTML))
                .hasStatus(HttpStatus.FOUND);
        assertThat(mvc.get().uri("/account").cookie(session).accept(MediaType.TEXT_HTML))
                .hasStatus(HttpStatus.FOUND);
        assertThat(mvc.get().uri("/login/enroll").cookie(session).accept(MediaType.TEXT_HTML))
                .hasStatusOk();
    }

    @Test
    void letsAnAdministratorOnlyIntoStaffAdministration() {
        Staff nurse = fixtures.staff(clinic, Role.NURSE);

        MvcTestResult signedIn = signIn(nurse.username());

        assertThat(signedIn).hasStatus(HttpStatus.FOUND).headers().hasHeaderSatisfying("Location", values -> assertThat(
                        values)
                .singleElement()
                .satisfies(location -> assertThat(location).isEqualTo("/")));
        Cookie session = sessionOf(signedIn);
        assertThat(mvc.get().uri("/admin/users").cookie(session).accept(MediaType.TEXT_HTML))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/").cookie(session).accept(MediaType.TEXT_HTML))
                .hasStatusOk()
                .bodyText()
                .contains(nurse.fullName());
    }
}
