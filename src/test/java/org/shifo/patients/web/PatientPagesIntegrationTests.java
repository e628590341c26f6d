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
import org.shifo.platform.testing.PageSessions;
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

    private MvcTestResult post(Cookie session, String uri, String... params) {
        var request = mvc.post().uri(uri).cookie(session).with(csrf()).header("Accept-Language", "en");
        for (int i = 0; i < params.length; i += 2) {
            request = request.param(params[i], params[i + 1]);
        }
        return request.accept(MediaType.TEXT_HTML).exchange();
    }

    @Test
    void anIdentifierInUseNamesItsFieldAndLinksTheRecordThatHasIt() throws Exception {
        String[] person = {
            "familyName", "Xoʻjayev",
            "givenName", "Oʻtkir",
            "sex", "MALE",
            "birthDate", "1985-03-12",
            "phones[0].number", "90 123 45 67",
            "identifiers[0].type", "PINFL",
            "identifiers[0].value", "31203850260019"
        };
        MvcTestResult first = post(reception, "/patients", person);
        assertThat(first).hasStatus(HttpStatus.FOUND);
        String existing = first.getResponse().getHeader("Location").replace("?registered", "");
        person[1] = "Aliyev";
        person[3] = "Bobur";
        person[9] = "91 765 43 21";

        MvcTestResult second = post(reception, "/patients", person);

        assertThat(second).hasStatusOk();
        String body = second.getResponse().getContentAsString();
        assertThat(body)
                .contains("This document (PINFL) belongs to another patient’s record")
                .contains("id=\"identifiers-0-value-error\"")
                .contains("href=\"" + existing + "\"");
    }

    @Test
    void aStaleEditIsRefusedWithAFriendlyMessageAndKeepsWhatWasTyped() throws Exception {
        String patient = register(reception, "Karimova", "+998 91 765 43 21", "", "");
        String[] edit = {
            "version", "0",
            "familyName", "Karimova",
            "givenName", "Dilnoza",
            "sex", "FEMALE",
            "birthDate", "1990-01-02",
            "phones[0].number", "+998 91 765 43 21",
            "address.street", "Navoi 5"
        };
        assertThat(post(reception, patient, edit)).hasStatus(HttpStatus.FOUND);
        edit[13] = "Navoi 7";

        MvcTestResult stale = post(reception, patient, edit);

        assertThat(stale).hasStatusOk();
        assertThat(stale.getResponse().getContentAsString())
                .contains("Someone else changed this record while you were editing it.")
                .contains("value=\"Navoi 7\"");
        assertThat(page(reception, patient)).bodyText().contains("Navoi 5").doesNotContain("Navoi 7");
    }

    @Test
    void pagesSearchResultsWithTheCursor() throws Exception {
        for (int i = 0; i < 22; i++) {
            assertThat(post(
                            reception,
                            "/patients",
                            "familyName",
                            "Rahimov",
                            "givenName",
                            "Akmal",
                            "sex",
                            "MALE",
                            "birthDate",
                            "1990-01-" + (10 + i),
                            "phones[0].number",
                            "+998 90 555 00 " + (10 + i),
                            "registerAnyway",
                            "true"))
                    .hasStatus(HttpStatus.FOUND);
        }

        String first = page(reception, "/patients?q=Rahimov").getResponse().getContentAsString();
        java.util.regex.Matcher more = java.util.regex.Pattern.compile(
                        "hx-get=\"(/patients/results[^\"]+cursor[^\"]+)\"")
                .matcher(first);

        assertThat(first.split("class=\"result-name\"", -1)).hasSize(21);
        assertThat(more.find()).isTrue();
        MvcTestResult next = mvc.get()
                .uri(more.group(1).replace("&amp;", "&"))
                .cookie(reception)
                .header("HX-Request", "true")
                .exchange();
        assertThat(next).hasStatusOk();
        String rest = next.getResponse().getContentAsString();
        assertThat(rest.split("class=\"result-name\"", -1)).hasSize(3);
        assertThat(rest).contains("hx-swap-oob").doesNotContain("<html");
    }

    @Test
    void theInlineCheckAnswersWithTheChangedFieldsMessageOnly() throws Exception {
        MvcTestResult result = mvc.post()
                .uri("/patients/check")
                .cookie(reception)
                .with(csrf())
                .header("HX-Request", "true")
                .header("HX-Trigger-Name", "email")
                .header("Accept-Language", "uz")
                .param("email", "not-an-email")
                .exchange();

        assertThat(result).hasStatusOk();
        assertThat(result.getResponse().getContentAsString())
                .contains("id=\"email-error\"")
                .contains("Elektron pochta manzili notoʻgʻri")
                .doesNotContain("Toʻldirilishi shart");
    }
}
