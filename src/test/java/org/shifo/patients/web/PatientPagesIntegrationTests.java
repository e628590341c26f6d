package org.shifo.patients.web;

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
class PatientPagesIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    private IdentityFixtures.Clinic clinic;
    private Cookie reception;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
        reception = signIn(fixtures.staff(clinic, Role.RECEPTIONIST));
    }

    private Cookie signIn(Staff staff) {
        MvcTestResult result = mvc.post()
                .uri("/login")
                .with(csrf())
                .with(request -> {
                    request.setRemoteAddr("198.51.100." + (1 + (int) (Math.random() * 250)));
                    return request;
                })
                .param("username", staff.username())
                .param("password", IdentityFixtures.PASSWORD)
                .exchange();
        assertThat(result).hasStatus(HttpStatus.FOUND);
        Cookie cookie = result.getResponse().getCookie("SHIFO_SESSION");
        assertThat(cookie).as("session cookie").isNotNull();
        return cookie;
    }

    private MvcTestResult page(Cookie session, String uri) {
        return mvc.get()
                .uri(uri)
                .cookie(session)
                .header("Accept-Language", "en")
                .accept(MediaType.TEXT_HTML)
                .exchange();
    }

    /** Registers a patient through the registration page; returns the new record's path. */
    private String register(Cookie session, String family, String phone, String notes, String street) {
        MvcTestResult result = mvc.post()
                .uri("/patients")
                .cookie(session)
                .with(csrf())
                .accept(MediaType.TEXT_HTML)
                .param("familyName", family)
                .param("givenName", "Dilnoza")
                .param("sex", "FEMALE")
                .param("birthDate", "1990-01-02")
                .param("phones[0].number", phone)
                .param("primaryPhone", "0")
                .param("address.country", "UZ")
                .param("address.street", street)
                .param("language", "ru")
                .param("notes", notes)
                .exchange();
        assertThat(result).hasStatus(HttpStatus.FOUND);
        String location = result.getResponse().getHeader("Location");
        assertThat(location).matches("/patients/[0-9a-f-]{36}\\?registered");
        return location.substring(0, location.indexOf('?'));
    }

    @Test
    void cashiersAndTheLaboratorySearchAndReadDemographicsButDoNotRegisterOrEdit() {
        String patient = register(reception, "Karimova", "+998 91 765 43 21", "Allergy: penicillin", "Navoi 5");
        Cookie cashier = signIn(fixtures.staff(clinic, Role.CASHIER));
        Cookie lab = signIn(fixtures.staff(clinic, Role.LAB));

        assertThat(page(cashier, "/patients/new")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(page(cashier, patient + "/edit")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.post()
                        .uri("/patients")
                        .cookie(cashier)
                        .with(csrf())
                        .accept(MediaType.TEXT_HTML)
                        .param("familyName", "Aliyev"))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(page(cashier, "/patients?q=Karimova"))
                .hasStatusOk()
                .bodyText()
                .contains("Karimova Dilnoza")
                .doesNotContain("Register a patient");
        assertThat(page(cashier, patient))
                .hasStatusOk()
                .bodyText()
                .contains("Karimova Dilnoza")
                .doesNotContain("Allergy: penicillin");
        assertThat(page(reception, patient)).hasStatusOk().bodyText().contains("Allergy: penicillin");
        assertThat(page(lab, patient))
                .hasStatusOk()
                .bodyText()
                .contains("Karimova Dilnoza")
                .doesNotContain("Allergy: penicillin");
    }

    @Test
    void onlyAdministratorsMergeReviewDuplicatesOrDelete() {
        String patient = register(reception, "Karimova", "+998 91 765 43 21", "", "");

        assertThat(page(reception, "/patients/duplicates")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(page(reception, patient + "/merge")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.post()
                        .uri(patient + "/delete")
                        .cookie(reception)
                        .with(csrf())
                        .accept(MediaType.TEXT_HTML))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(page(reception, patient))
                .hasStatusOk()
                .bodyText()
                .doesNotContain("Who opened and changed this record")
                .doesNotContain("Delete this record");
    }

    @Test
    void anotherOrganizationsPatientIsTheNotFoundPage() {
        String patient = register(reception, "Karimova", "+998 91 765 43 21", "", "");
        IdentityFixtures.Clinic other = fixtures.clinic();
        Cookie stranger = signIn(fixtures.staff(other, Role.RECEPTIONIST));

        assertThat(page(stranger, patient)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(page(stranger, patient + "/edit")).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.post()
                        .uri(patient)
                        .cookie(stranger)
                        .with(csrf())
                        .accept(MediaType.TEXT_HTML)
                        .param("version", "0")
                        .param("familyName", "Aliyev"))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(page(stranger, "/patients?q=Karimova"))
                .hasStatusOk()
                .bodyText()
                .doesNotContain("Karimova Dilnoza");
    }

    @Test
    void escapesMarkupThePatientRecordHolds() throws Exception {
        String patient = register(
                reception,
                "Karimova",
                "+998 91 765 43 21",
                "<script>alert('notes')</script>\n<img src=x onerror=alert(1)>",
                "<b>Amir Temur</b> 1");

        String body = page(reception, patient).getResponse().getContentAsString();

        assertThat(body)
                .doesNotContain("<script>alert")
                .doesNotContain("<img src=x")
                .doesNotContain("<b>Amir Temur</b>")
                .contains("&lt;script&gt;alert(&#39;notes&#39;)&lt;/script&gt;")
                .contains("&lt;b&gt;Amir Temur&lt;/b&gt; 1");
    }

    @Test
    void showsEachBrokenRuleNextToItsFieldInTheUsersLanguage() throws Exception {
        MvcTestResult result = mvc.post()
                .uri("/patients")
                .cookie(reception)
                .with(csrf())
                .header("Accept-Language", "ru")
                .accept(MediaType.TEXT_HTML)
                .param("givenName", "Dilnoza")
                .param("sex", "FEMALE")
                .param("birthDate", "1990-01-02")
                .param("phones[0].number", "")
                .param("phones[1].number", "12")
                .param("primaryPhone", "1")
                .exchange();

        assertThat(result).hasStatusOk();
        String body = result.getResponse().getContentAsString();
        assertThat(body)
                .contains("id=\"familyName-error\"")
                .contains("id=\"phones-1-number-error\"")
                .contains("Обязательно")
                .contains("aria-describedby=\"phones-1-number-error\"");
    }
}
