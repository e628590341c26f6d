package org.shifo.identity.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.signin.SecondFactor;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
@ExtendWith(BrowserSupport.class)
class SignInBrowserTests {

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    SecondFactor secondFactor;

    private IdentityFixtures.Clinic clinic;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
    }

    static void signIn(Page page, String username, String password) {
        page.navigate("/login?lang=en");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
    }

    /** Signs in someone who must enrol the second factor first; returns the enrolled secret. */
    static String signInEnrolling(Page page, String username, SecondFactor secondFactor) {
        signIn(page, username, IdentityFixtures.PASSWORD);
        assertThat(page).hasURL(Pattern.compile("/login/enroll$"));
        String secret = page.locator("#enroll-secret").textContent().strip();
        page.getByLabel("6-digit code").fill(secondFactor.codeAt(secret, secondFactor.currentStep()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm"))
                .click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("I have saved the codes, continue"))
                .click();
        assertThat(page.locator(".shell-user")).isVisible();
        return secret;
    }

    private static String sessionId(BrowserContext context) {
        return context.cookies().stream()
                .filter(cookie -> cookie.name.equals("SHIFO_SESSION"))
                .map(cookie -> cookie.value)
                .findFirst()
                .orElse("");
    }

    @Test
    void enrolsAnAdministratorsSecondFactorThenSignsOutAndInWithACode(Page page, BrowserContext context) {
        Staff admin = fixtures.admin(clinic);
        page.navigate("/login?lang=en");
        String before = sessionId(context);

        signIn(page, clinic.adminUsername(), IdentityFixtures.PASSWORD);

        assertThat(page).hasURL(Pattern.compile("/login/enroll$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Set up two-step verification");
        assertThat(page.getByRole(
                        AriaRole.IMG, new Page.GetByRoleOptions().setName("QR code for your authenticator app")))
                .isVisible();
        Axe.assertNoViolations(page);
        String secret = page.locator("#enroll-secret").textContent().strip();
        page.getByLabel("6-digit code").fill(secondFactor.codeAt(secret, secondFactor.currentStep()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm"))
                .click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Save your recovery codes now");
        assertThat(page.locator(".recovery-codes li")).hasCount(10);
        Axe.assertNoViolations(page);
        Assertions.assertThat(sessionId(context)).isNotEmpty().isNotEqualTo(before);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("I have saved the codes, continue"))
                .click();
        assertThat(page.locator(".shell-user")).containsText(admin.fullName());

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();

        assertThat(page).hasURL(Pattern.compile("/login\\?signedOut$"));
        assertThat(page.getByText("You have signed out.")).isVisible();
        page.navigate("/account");
        assertThat(page).hasURL(Pattern.compile("/login$"));

        signIn(page, clinic.adminUsername(), IdentityFixtures.PASSWORD);
        assertThat(page).hasURL(Pattern.compile("/login/code$"));
        Axe.assertNoViolations(page);
        // the enrolment used the current step; each step is accepted once, the next one is within the window
        page.getByLabel("6-digit code").fill(secondFactor.codeAt(secret, secondFactor.currentStep() + 1));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();

        assertThat(page.locator(".shell-user")).containsText(admin.fullName());
        assertThat(page.locator(".shell-branch")).containsText("Main ");
    }

    @Test
    void signsInWithARecoveryCodeOnlyOnce(Page page) {
        signIn(page, clinic.adminUsername(), IdentityFixtures.PASSWORD);
        String secret = page.locator("#enroll-secret").textContent().strip();
        page.getByLabel("6-digit code").fill(secondFactor.codeAt(secret, secondFactor.currentStep()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm"))
                .click();
        String recoveryCode =
                page.locator(".recovery-codes li").first().textContent().strip();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("I have saved the codes, continue"))
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();

        signIn(page, clinic.adminUsername(), IdentityFixtures.PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Use a recovery code instead"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Sign in with a recovery code");
        Axe.assertNoViolations(page);
        page.getByLabel("Recovery code").fill(recoveryCode);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();

        assertThat(page.locator(".shell-user")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();
        signIn(page, clinic.adminUsername(), IdentityFixtures.PASSWORD);
        page.navigate("/login/recovery");
        page.getByLabel("Recovery code").fill(recoveryCode);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("This recovery code is wrong or has already been used.");
        Axe.assertNoViolations(page);
    }

    @Test
    void refusesAWrongPasswordWithoutSayingWhichPartWasWrong(Page page) {
        signIn(page, clinic.adminUsername(), "not the password at all");

        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Wrong username or password. Please try again.");
        assertThat(page.getByLabel("Username")).hasValue(clinic.adminUsername());
        assertThat(page.getByLabel("Password")).hasValue("");
    }

    @Test
    void signsInANurseWithoutASecondFactorAndRotatesTheSessionId(Page page, BrowserContext context) {
        Staff nurse = fixtures.staff(clinic, Role.NURSE);
        page.navigate("/login?lang=en");
        String before = sessionId(context);

        signIn(page, nurse.username(), IdentityFixtures.PASSWORD);

        assertThat(page).hasURL(Pattern.compile("/$"));
        assertThat(page.locator(".shell-user")).containsText(nurse.fullName());
        Assertions.assertThat(sessionId(context)).isNotEmpty().isNotEqualTo(before);
        Assertions.assertThat(context.cookies())
                .filteredOn(cookie -> cookie.name.equals("SHIFO_SESSION"))
                .allSatisfy(cookie -> Assertions.assertThat(cookie.httpOnly).isTrue());
    }

    @Test
    void showsTheForbiddenPageWhenANurseOpensStaffAdministration(Page page) {
        Staff nurse = fixtures.staff(clinic, Role.NURSE);
        signIn(page, nurse.username(), IdentityFixtures.PASSWORD);
        assertThat(page.locator(".shell-user")).containsText(nurse.fullName());

        Response response = page.navigate("/admin/users");

        Assertions.assertThat(response.status()).isEqualTo(403);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Access denied");
    }

    @Test
    void sendsAnonymousVisitorsToTheSignInPage(Page page) {
        page.navigate("/?lang=en");

        page.navigate("/admin/users");

        assertThat(page).hasURL(Pattern.compile("/login$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Sign in");
    }

    @Test
    void opensNothingButTheSecondFactorPagesBeforeTheSecondFactor(Page page) {
        signIn(page, clinic.adminUsername(), IdentityFixtures.PASSWORD);
        assertThat(page).hasURL(Pattern.compile("/login/enroll$"));

        page.navigate("/admin/users");
        assertThat(page).hasURL(Pattern.compile("/login$"));
        page.navigate("/account");
        assertThat(page).hasURL(Pattern.compile("/login$"));
        page.navigate("/");
        assertThat(page.locator(".shell-user")).hasCount(0);

        page.navigate("/login/enroll");
        assertThat(page).hasURL(Pattern.compile("/login/enroll$"));
    }

    @Test
    void sendsAnUnenrolledVisitorAwayFromTheCodePage(Page page) {
        page.navigate("/login/code?lang=en");

        assertThat(page).hasURL(Pattern.compile("/login\\?expired$"));
        assertThat(page.getByText("Your sign-in timed out.")).isVisible();
    }

    @ParameterizedTest
    @ValueSource(strings = {"uz", "ru", "en"})
    void offersAnAccessibleSignInPageInEveryLanguage(String language, Page page) {
        page.navigate("/login?lang=" + language);

        assertThat(page.locator("html")).hasAttribute("lang", language);
        Axe.assertNoViolations(page);
        signIn(page, "nobody-" + language, "wrong password here");
        page.navigate("/login?lang=" + language);
        Axe.assertNoViolations(page);
    }
}
