package org.shifo.identity.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.signin.SecondFactor;
import org.shifo.identity.signin.SecondFactorCodes;
import org.shifo.identity.signin.SignIn;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@IntegrationTest
class AuthApiIntegrationTests {

    private static final String TYPES = "https://shifo.uz/problems/";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    SecondFactor secondFactor;

    @Autowired
    TestClock clock;

    private IdentityFixtures.Clinic clinic;
    private String address;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
        address = nextAddress();
    }

    private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES =
            new java.util.concurrent.atomic.AtomicInteger();

    /** A fresh client address per test, so the per-address limits of one test never touch another. */
    private static String nextAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    private RequestPostProcessor from(String remote) {
        return request -> {
            request.setRemoteAddr(remote);
            return request;
        };
    }

    private MvcTestResult post(String path, String json) {
        return mvc.post()
                .uri(path)
                .with(from(address))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }

    private MvcTestResult login(String username, String password) {
        return post("/api/v1/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private static String read(MvcTestResult result, String path) {
        return JsonPath.read(
                        result.getResponse().getContentAsByteArray().length == 0
                                ? "{}"
                                : new String(
                                        result.getResponse().getContentAsByteArray(),
                                        java.nio.charset.StandardCharsets.UTF_8),
                        path)
                .toString();
    }

    private MvcTestResult mfa(String mfaToken, String code) {
        return post("/api/v1/auth/mfa", "{\"mfaToken\":\"" + mfaToken + "\",\"code\":\"" + code + "\"}");
    }

    private String wrongCode(String secret) {
        return SecondFactorCodes.wrongCode(secondFactor, secret);
    }

    private String enrolAndSignIn(String username) {
        MvcTestResult first = login(username, IdentityFixtures.PASSWORD);
        String mfaToken = read(first, "$.mfaToken");
        MvcTestResult enrollment = post("/api/v1/auth/mfa/enroll", "{\"mfaToken\":\"" + mfaToken + "\"}");
        String secret = read(enrollment, "$.secret");
        String code = secondFactor.codeAt(secret, secondFactor.currentStep());
        MvcTestResult confirmed = post(
                "/api/v1/auth/mfa/enroll/confirm", "{\"mfaToken\":\"" + mfaToken + "\",\"code\":\"" + code + "\"}");
        assertThat(confirmed).hasStatusOk();
        return secret;
    }

    @Nested
    class Password {

        @Test
        void givesTokensAtOnceToARoleWithoutRequiredSecondFactor() {
            Staff nurse = fixtures.staff(clinic, Role.NURSE);

            MvcTestResult result = login(nurse.username(), IdentityFixtures.PASSWORD);

            assertThat(result).hasStatusOk();
            assertThat(result).bodyJson().extractingPath("$.accessToken").isNotNull();
            assertThat(result).bodyJson().extractingPath("$.refreshToken").isNotNull();
            assertThat(result).bodyJson().extractingPath("$.expiresIn").isEqualTo(900);
            String access = read(result, "$.accessToken");
            assertThat(mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + access))
                    .hasStatusOk()
                    .bodyJson()
                    .extractingPath("$.username")
                    .isEqualTo(nurse.username());
        }

        @Test
        void answersAWrongPasswordAndAnUnknownUserAlike() {
            Staff nurse = fixtures.staff(clinic, Role.NURSE);

            MvcTestResult wrong = login(nurse.username(), "not the password at all");
            MvcTestResult unknown =
                    login("nobody-" + UUID.randomUUID().toString().substring(0, 6), "whatever it is here");

            assertThat(wrong).hasStatus(401);
            assertThat(unknown).hasStatus(401);
            assertThat(read(wrong, "$.type"))
                    .isEqualTo(TYPES + "bad-credentials")
                    .isEqualTo(read(unknown, "$.type"));
            assertThat(read(wrong, "$.detail")).isEqualTo(read(unknown, "$.detail"));
        }

        @Test
        void refusesADisabledAccountLikeAWrongPassword() {
            Staff nurse = fixtures.staff(clinic, Role.NURSE);
            Staff admin = fixtures.admin(clinic);
            assertThat(mvc.post()
                            .uri("/api/v1/users/" + nurse.userId() + "/disable")
                            .header(HttpHeaders.AUTHORIZATION, fixtures.bearer(admin)))
                    .hasStatusOk();

            assertThat(login(nurse.username(), IdentityFixtures.PASSWORD)).hasStatus(401);
        }

        @Test
        void cutsOffTheAccessTokensOfADisabledAccountAtOnce() {
            Staff nurse = fixtures.staff(clinic, Role.NURSE);
            Staff admin = fixtures.admin(clinic);
            String token = fixtures.bearer(nurse);
            assertThat(mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, token))
                    .hasStatusOk();

            assertThat(mvc.post()
                            .uri("/api/v1/users/" + nurse.userId() + "/disable")
                            .header(HttpHeaders.AUTHORIZATION, fixtures.bearer(admin)))
                    .hasStatusOk();

            assertThat(mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, token))
                    .hasStatus(401);
            assertThat(mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, fixtures.bearer(admin)))
                    .hasStatusOk();
        }

        @Test
        void cutsOffTokensCarryingRolesTheUserNoLongerHas() {
            Staff doctor = fixtures.staff(clinic, Role.DOCTOR);
            Staff admin = fixtures.admin(clinic);
            String token = fixtures.bearer(doctor);
            assertThat(mvc.put()
                            .uri("/api/v1/users/" + doctor.userId())
                            .header(HttpHeaders.AUTHORIZATION, fixtures.bearer(admin))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"fullName\":\"Dr Nurse\",\"language\":\"en\",\"roles\":[{\"branchId\":\""
                                    + clinic.branchId() + "\",\"role\":\"NURSE\"}]}"))
                    .hasStatusOk();

            assertThat(mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, token))
                    .hasStatus(401);
            clock.advance(Duration.ofSeconds(1));
            assertThat(login(doctor.username(), IdentityFixtures.PASSWORD)).hasStatusOk();
        }

        @Test
        void learnsCutoffsMadeByAnotherNodeWithinSeconds() {
            Staff nurse = fixtures.staff(clinic, Role.NURSE);
            String token = fixtures.bearer(nurse);
            assertThat(mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, token))
                    .hasStatusOk();
            // another node disabled the account: only the database knows
            try (var connection = org.shifo.platform.testing.TestDatabase.get().connectAsSuperuser();
                    var update = connection.prepareStatement(
                            "UPDATE identity.users SET tokens_not_before = ? WHERE id = ?")) {
                update.setObject(
                        1,
                        java.time.OffsetDateTime.ofInstant(clock.instant().plusSeconds(1), java.time.ZoneOffset.UTC));
                update.setObject(2, nurse.userId().value());
                update.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            clock.advance(Duration.ofSeconds(6));

            assertThat(mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, token))
                    .hasStatus(401);
        }

        @Test
        void backsOffAfterThreeFailuresFromOneAddressWithRetryAfter() {
            Staff nurse = fixtures.staff(clinic, Role.NURSE);
            for (int i = 0; i < 4; i++) {
                assertThat(login(nurse.username(), "wrong password " + i)).hasStatus(401);
            }

            MvcTestResult throttled = login(nurse.username(), IdentityFixtures.PASSWORD);

            assertThat(throttled).hasStatus(429);
            assertThat(throttled).headers().containsHeader(HttpHeaders.RETRY_AFTER);
            assertThat(read(throttled, "$.type")).isEqualTo(TYPES + "too-many-requests");
        }

        @Test
        void locksAnAccountAfterTenFailuresUntilAnAdminUnlocksIt() {
            Staff nurse = fixtures.staff(clinic, Role.NURSE);
            for (int i = 0; i < 10; i++) {
                address = nextAddress(); // many addresses: the account, not an address, is throttled
                login(nurse.username(), "wrong password " + i);
                clock.advance(Duration.ofSeconds(61));
            }
            address = nextAddress();

            assertThat(login(nurse.username(), IdentityFixtures.PASSWORD)).hasStatus(429);

            assertThat(mvc.post()
                            .uri("/api/v1/users/" + nurse.userId() + "/unlock")
                            .header(HttpHeaders.AUTHORIZATION, fixtures.bearer(fixtures.admin(clinic))))
                    .hasStatusOk();
            assertThat(login(nurse.username(), IdentityFixtures.PASSWORD)).hasStatusOk();
        }

        @Test
        void limitsSignInAttemptsPerAddressToFivePerMinute() {
            Staff nurse = fixtures.staff(clinic, Role.NURSE);
            for (int i = 0; i < 5; i++) {
                assertThat(login(nurse.username(), IdentityFixtures.PASSWORD)).hasStatusOk();
            }

            MvcTestResult sixth = login(nurse.username(), IdentityFixtures.PASSWORD);

            assertThat(sixth).hasStatus(429);
            assertThat(sixth).headers().containsHeader(HttpHeaders.RETRY_AFTER);
            address = nextAddress();
            assertThat(login(nurse.username(), IdentityFixtures.PASSWORD)).hasStatusOk();
        }

        @Test
        void namesTheFieldOfAMalformedLogin() {
            MvcTestResult result = post("/api/v1/auth/login", "{\"username\":\"\"}");

            assertThat(result).hasStatus(400);
            assertThat(result)
                    .bodyJson()
                    .extractingPath("$.errors[*].field")
                    .asArray()
                    .contains("username", "password");
        }
    }

    @Nested
    class SecondFactorSteps {

        @Test
        void makesAnAdministratorEnrolBeforeAnythingElse() {
            MvcTestResult result = login(clinic.adminUsername(), IdentityFixtures.PASSWORD);

            assertThat(result).hasStatusOk();
            assertThat(result).bodyJson().extractingPath("$.mfaRequired").isEqualTo(true);
            assertThat(result)
                    .bodyJson()
                    .extractingPath("$.mfaEnrollmentRequired")
                    .isEqualTo(true);
            assertThat(result).bodyJson().doesNotHavePath("$.accessToken");
        }

        @Test
        void refusesTheMfaTokenAsAnAccessToken() {
            String mfaToken = read(login(clinic.adminUsername(), IdentityFixtures.PASSWORD), "$.mfaToken");

            assertThat(mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + mfaToken))
                    .hasStatus(401);
        }

        @Test
        void enrolsWithAConfirmingCodeAndHandsOutTenRecoveryCodes() {
            String mfaToken = read(login(clinic.adminUsername(), IdentityFixtures.PASSWORD), "$.mfaToken");
            MvcTestResult enrollment = post("/api/v1/auth/mfa/enroll", "{\"mfaToken\":\"" + mfaToken + "\"}");
            String secret = read(enrollment, "$.secret");
            assertThat(read(enrollment, "$.otpauthUri"))
                    .startsWith("otpauth://totp/Shifo")
                    .contains("secret=" + secret);

            MvcTestResult confirmed = post(
                    "/api/v1/auth/mfa/enroll/confirm",
                    "{\"mfaToken\":\"" + mfaToken + "\",\"code\":\""
                            + secondFactor.codeAt(secret, secondFactor.currentStep()) + "\"}");

            assertThat(confirmed).hasStatusOk();
            List<String> codes = JsonPath.read(
                    new String(
                            confirmed.getResponse().getContentAsByteArray(), java.nio.charset.StandardCharsets.UTF_8),
                    "$.recoveryCodes");
            assertThat(codes)
                    .hasSize(10)
                    .doesNotHaveDuplicates()
                    .allMatch(code -> code.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
            assertThat(read(confirmed, "$.accessToken")).isNotBlank();
        }

        @Test
        void acceptsEachCodeOnlyOnce() {
            String secret = enrolAndSignIn(clinic.adminUsername());
            clock.advance(Duration.ofSeconds(30));
            String code = secondFactor.codeAt(secret, secondFactor.currentStep());

            String first = read(login(clinic.adminUsername(), IdentityFixtures.PASSWORD), "$.mfaToken");
            MvcTestResult accepted =
                    post("/api/v1/auth/mfa", "{\"mfaToken\":\"" + first + "\",\"code\":\"" + code + "\"}");
            String second = read(login(clinic.adminUsername(), IdentityFixtures.PASSWORD), "$.mfaToken");
            MvcTestResult replayed =
                    post("/api/v1/auth/mfa", "{\"mfaToken\":\"" + second + "\",\"code\":\"" + code + "\"}");

            assertThat(accepted).hasStatusOk();
            assertThat(replayed).hasStatus(400);
            assertThat(read(replayed, "$.type")).isEqualTo(TYPES + "invalid-second-factor");
        }

        @Test
        void makesTheClientWaitAfterFourWrongCodesWithRetryAfter() {
            String secret = enrolAndSignIn(clinic.adminUsername());
            clock.advance(Duration.ofSeconds(30));
            String token = read(login(clinic.adminUsername(), IdentityFixtures.PASSWORD), "$.mfaToken");
            String wrong = wrongCode(secret);
            for (int i = 0; i < 4; i++) {
                assertThat(mfa(token, wrong)).hasStatus(400);
            }

            MvcTestResult throttled = mfa(token, secondFactor.codeAt(secret, secondFactor.currentStep()));

            assertThat(throttled).hasStatus(429);
            assertThat(throttled.getResponse().getHeader("Retry-After")).isEqualTo("1");
            assertThat(read(throttled, "$.type")).isEqualTo(TYPES + "too-many-requests");
            clock.advance(Duration.ofSeconds(2));
            assertThat(mfa(token, secondFactor.codeAt(secret, secondFactor.currentStep())))
                    .hasStatusOk();
        }

        @Test
        void burnsTheMfaTokenAfterFiveWrongCodes() {
            String secret = enrolAndSignIn(clinic.adminUsername());
            clock.advance(Duration.ofSeconds(30));
            String token = read(login(clinic.adminUsername(), IdentityFixtures.PASSWORD), "$.mfaToken");
            for (int i = 0; i < SignIn.MAX_WRONG_CODES_PER_STEP; i++) {
                assertThat(mfa(token, wrongCode(secret))).hasStatus(400);
                clock.advance(Duration.ofSeconds(20)); // past the account's back-off
            }

            MvcTestResult burned = mfa(token, secondFactor.codeAt(secret, secondFactor.currentStep()));

            assertThat(burned).hasStatus(401);
            assertThat(read(burned, "$.type")).isEqualTo(TYPES + "invalid-mfa-token");
            String again = read(login(clinic.adminUsername(), IdentityFixtures.PASSWORD), "$.mfaToken");
            assertThat(mfa(again, secondFactor.codeAt(secret, secondFactor.currentStep())))
                    .hasStatusOk();
        }

        @Test
        void acceptsACodeOneStepLateButNotTwo() {
            String secret = enrolAndSignIn(clinic.adminUsername());
            clock.advance(Duration.ofSeconds(90));
            long now = secondFactor.currentStep();

            String token = read(login(clinic.adminUsername(), IdentityFixtures.PASSWORD), "$.mfaToken");
            MvcTestResult twoLate = post(
                    "/api/v1/auth/mfa",
                    "{\"mfaToken\":\"" + token + "\",\"code\":\"" + secondFactor.codeAt(secret, now - 2) + "\"}");
            MvcTestResult oneLate = post(
                    "/api/v1/auth/mfa",
                    "{\"mfaToken\":\"" + token + "\",\"code\":\"" + secondFactor.codeAt(secret, now - 1) + "\"}");

            assertThat(twoLate).hasStatus(400);
            assertThat(oneLate).hasStatusOk();
        }

        @Test
        void acceptsARecoveryCodeOnce() {
            String mfaToken = read(login(clinic.adminUsername(), IdentityFixtures.PASSWORD), "$.mfaToken");
            String secret = read(post("/api/v1/auth/mfa/enroll", "{\"mfaToken\":\"" + mfaToken + "\"}"), "$.secret");
            MvcTestResult confirmed = post(
                    "/api/v1/auth/mfa/enroll/confirm",
                    "{\"mfaToken\":\"" + mfaToken + "\",\"code\":\""
                            + secondFactor.codeAt(secret, secondFactor.currentStep()) + "\"}");
            String recovery = JsonPath.<List<String>>read(
                            new String(
                                    confirmed.getResponse().getContentAsByteArray(),
                                    java.nio.charset.StandardCharsets.UTF_8),
                            "$.recoveryCodes")
                    .getFirst();

            String first = read(login(clinic.adminUsername(), IdentityFixtures.PASSWORD), "$.mfaToken");
            MvcTestResult used = post(
                    "/api/v1/auth/mfa",
                    "{\"mfaToken\":\"" + first + "\",\"recoveryCode\":\"" + recovery.toUpperCase() + "\"}");
            String second = read(login(clinic.adminUsername(), IdentityFixtures.PASSWORD), "$.mfaToken");
            MvcTestResult reused =
                    post("/api/v1/auth/mfa", "{\"mfaToken\":\"" + second + "\",\"recoveryCode\":\"" + recovery + "\"}");

            assertThat(used).hasStatusOk();
            assertThat(reused).hasStatus(400);
        }

        @Test
        void expiresTheMfaTokenAfterFiveMinutes() {
            String mfaToken = read(login(clinic.adminUsername(), IdentityFixtures.PASSWORD), "$.mfaToken");
            clock.advance(Duration.ofMinutes(6));

            MvcTestResult result = post("/api/v1/auth/mfa/enroll", "{\"mfaToken\":\"" + mfaToken + "\"}");

            assertThat(result).hasStatus(401);
            assertThat(read(result, "$.type")).isEqualTo(TYPES + "invalid-mfa-token");
        }
    }

    @Nested
    class RefreshTokens {

        @Test
        void rotatesAndRevokesTheFamilyWhenAnOldTokenIsReused() {
            Staff nurse = fixtures.staff(clinic, Role.NURSE);
            String first = read(login(nurse.username(), IdentityFixtures.PASSWORD), "$.refreshToken");

            MvcTestResult rotated = post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + first + "\"}");
            String second = read(rotated, "$.refreshToken");
            MvcTestResult reused = post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + first + "\"}");
            MvcTestResult afterRevocation = post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + second + "\"}");

            assertThat(rotated).hasStatusOk();
            assertThat(second).isNotEqualTo(first);
            assertThat(reused).hasStatus(401);
            assertThat(read(reused, "$.type")).isEqualTo(TYPES + "invalid-refresh-token");
            assertThat(afterRevocation).hasStatus(401);
        }

        @Test
        void logsOutByRevokingTheFamily() {
            Staff nurse = fixtures.staff(clinic, Role.NURSE);
            String refresh = read(login(nurse.username(), IdentityFixtures.PASSWORD), "$.refreshToken");

            assertThat(post("/api/v1/auth/logout", "{\"refreshToken\":\"" + refresh + "\"}"))
                    .hasStatus(204);
            assertThat(post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + refresh + "\"}"))
                    .hasStatus(401);
        }

        @Test
        void refusesAnAccessTokenAfterFifteenMinutes() {
            Staff nurse = fixtures.staff(clinic, Role.NURSE);
            String access = read(login(nurse.username(), IdentityFixtures.PASSWORD), "$.accessToken");
            clock.advance(Duration.ofMinutes(16));

            assertThat(mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + access))
                    .hasStatus(401);
        }
    }
}
