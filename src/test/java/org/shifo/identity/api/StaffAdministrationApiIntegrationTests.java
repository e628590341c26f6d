package org.shifo.identity.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@IntegrationTest
class StaffAdministrationApiIntegrationTests {

    private static final String TYPES = "https://shifo.uz/problems/";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    private IdentityFixtures.Clinic clinic;
    private String admin;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
        admin = fixtures.bearer(fixtures.admin(clinic));
    }

    private String newUser(String username, String password) {
        return """
                {"username":"%s","fullName":"Dilnoza Karimova","email":"d.karimova@example.uz","phone":"90 123 45 67",
                 "language":"ru","password":"%s","roles":[{"branchId":"%s","role":"DOCTOR"}]}
                """
                .formatted(username, password, clinic.branchId());
    }

    private MvcTestResult createUser(String json) {
        return mvc.post()
                .uri("/api/v1/users")
                .header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }

    @Nested
    class Creating {

        @Test
        void createsAStaffMemberWithNormalisedContactsAndNoSecretsInTheAnswer() {
            MvcTestResult result = createUser(newUser("d.karimova", IdentityFixtures.PASSWORD));

            assertThat(result).hasStatus(201);
            assertThat(result).bodyJson().extractingPath("$.username").isEqualTo("d.karimova");
            assertThat(result).bodyJson().extractingPath("$.phone").isEqualTo("+998901234567");
            assertThat(result).bodyJson().extractingPath("$.roles[0].role").isEqualTo("DOCTOR");
            assertThat(result.getResponse().getContentAsByteArray())
                    .asString()
                    .doesNotContain("password", "argon2", "mfaSecret");
        }

        @ParameterizedTest
        @ValueSource(strings = {"short-pass", "1QAZ2WSX3EDC", "weak.password.user"})
        void refusesAWeakPasswordNamingTheRule(String password) {
            MvcTestResult result = createUser(newUser("weak.password.user", password));

            assertThat(result).hasStatus(400);
            assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("password");
            assertThat(result)
                    .bodyJson()
                    .extractingPath("$.errors[0].message")
                    .asString()
                    .isNotBlank();
        }

        @Test
        void refusesATakenUsernameEvenInAnotherOrganization() {
            IdentityFixtures.Clinic other = fixtures.clinic();

            MvcTestResult result = createUser(newUser(other.adminUsername(), IdentityFixtures.PASSWORD));

            assertThat(result).hasStatus(409);
            assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(TYPES + "username-taken");
        }

        @Test
        void refusesARoleInABranchOfAnotherOrganization() {
            IdentityFixtures.Clinic other = fixtures.clinic();

            MvcTestResult result = createUser(newUser("x.user", IdentityFixtures.PASSWORD)
                    .replace(clinic.branchId().toString(), other.branchId().toString()));

            assertThat(result).hasStatus(400);
            assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("roles");
        }

        @Test
        void refusesAnUnknownRoleAndAMalformedPhone() {
            assertThat(createUser(newUser("x.user", IdentityFixtures.PASSWORD).replace("DOCTOR", "SURGEON")))
                    .hasStatus(400);
            MvcTestResult phone =
                    createUser(newUser("x.user", IdentityFixtures.PASSWORD).replace("90 123 45 67", "12"));
            assertThat(phone).hasStatus(400);
            assertThat(phone).bodyJson().extractingPath("$.errors[0].field").isEqualTo("phone");
        }
    }

    @Nested
    class Roles {

        @ParameterizedTest
        @ValueSource(strings = {"DOCTOR", "NURSE", "RECEPTIONIST", "CASHIER", "LAB"})
        void keepsStaffAdministrationForAdministrators(String role) {
            Staff staff = fixtures.staff(clinic, Role.valueOf(role));

            MvcTestResult result = mvc.get()
                    .uri("/api/v1/users")
                    .header(HttpHeaders.AUTHORIZATION, fixtures.bearer(staff))
                    .exchange();

            assertThat(result).hasStatus(403);
            assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(TYPES + "forbidden");
        }

        @Test
        void letsOnlyTheOperatorCreateOrganizations() {
            String json =
                    """
                    {"name":"Second clinic","branchName":"Centre","timeZone":"Asia/Tashkent","adminUsername":"second.admin",
                     "adminPassword":"%s","adminFullName":"Second Admin"}
                    """
                            .formatted(IdentityFixtures.PASSWORD);

            MvcTestResult result = mvc.post()
                    .uri("/api/v1/organizations")
                    .header(HttpHeaders.AUTHORIZATION, admin)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json)
                    .exchange();

            assertThat(result).hasStatus(403);
        }
    }

    @Nested
    class OtherOrganizations {

        private Staff stranger;

        @BeforeEach
        void aStaffMemberOfAnotherOrganization() {
            stranger = fixtures.staff(fixtures.clinic(), Role.NURSE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "/disable", "/enable", "/unlock", "/reset-mfa"})
        void cannotBeReachedThroughAnyUserRoute(String action) {
            MvcTestResult result = action.isEmpty()
                    ? mvc.get()
                            .uri("/api/v1/users/" + stranger.userId())
                            .header(HttpHeaders.AUTHORIZATION, admin)
                            .exchange()
                    : mvc.post()
                            .uri("/api/v1/users/" + stranger.userId() + action)
                            .header(HttpHeaders.AUTHORIZATION, admin)
                            .exchange();

            assertThat(result).hasStatus(404);
            assertThat(result.getResponse().getContentAsByteArray()).asString().doesNotContain(stranger.username());
        }

        @Test
        void cannotBeChanged() {
            MvcTestResult result = mvc.put()
                    .uri("/api/v1/users/" + stranger.userId())
                    .header(HttpHeaders.AUTHORIZATION, admin)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"fullName\":\"Hacked\",\"language\":\"en\",\"roles\":[]}")
                    .exchange();

            assertThat(result).hasStatus(404);
            assertThat(mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, fixtures.bearer(stranger)))
                    .bodyJson()
                    .extractingPath("$.fullName")
                    .isEqualTo(stranger.fullName());
        }

        @Test
        void areNotListed() {
            MvcTestResult users = mvc.get()
                    .uri("/api/v1/users")
                    .header(HttpHeaders.AUTHORIZATION, admin)
                    .exchange();
            MvcTestResult branches = mvc.get()
                    .uri("/api/v1/branches")
                    .header(HttpHeaders.AUTHORIZATION, admin)
                    .exchange();

            assertThat(users.getResponse().getContentAsByteArray()).asString().doesNotContain(stranger.username());
            assertThat(branches)
                    .bodyJson()
                    .extractingPath("$[*].id")
                    .asArray()
                    .containsExactly(clinic.branchId().toString());
        }
    }

    @Nested
    class OwnAccount {

        @Test
        void changesTheOwnPasswordOnlyWithTheCurrentOne() {
            Staff nurse = fixtures.staff(clinic, Role.NURSE);
            String bearer = fixtures.bearer(nurse);

            MvcTestResult wrong = mvc.post()
                    .uri("/api/v1/me/password")
                    .header(HttpHeaders.AUTHORIZATION, bearer)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"currentPassword\":\"not it at all\",\"newPassword\":\"a much better passphrase 7\"}")
                    .exchange();
            MvcTestResult right = mvc.post()
                    .uri("/api/v1/me/password")
                    .header(HttpHeaders.AUTHORIZATION, bearer)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"currentPassword\":\"" + IdentityFixtures.PASSWORD
                            + "\",\"newPassword\":\"a much better passphrase 7\"}")
                    .exchange();

            assertThat(wrong).hasStatus(400);
            assertThat(wrong).bodyJson().extractingPath("$.errors[0].field").isEqualTo("currentPassword");
            assertThat(right).hasStatus(204);
        }
    }
}
