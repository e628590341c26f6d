package org.shifo.identity.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.identity.signin.SecondFactor;
import org.shifo.identity.signin.SecondFactorCodes;
import org.shifo.identity.signin.SignIn;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
@ExtendWith(BrowserSupport.class)
class SecondFactorThrottlingBrowserTests {

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    SecondFactor secondFactor;

    @Autowired
    TestClock clock;

    private IdentityFixtures.Clinic clinic;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
    }

    private void enter(Page page, String code) {
        page.getByLabel("6-digit code").fill(code);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
    }

    private String wrongCode(String secret) {
        return SecondFactorCodes.wrongCode(secondFactor, secret);
    }

    @Test
    void makesTheUserWaitThenSignInAgainAfterTooManyWrongCodes(Page page) {
        String secret = SignInBrowserTests.signInEnrolling(page, clinic.adminUsername(), secondFactor);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();
        clock.advance(Duration.ofSeconds(90));
        SignInBrowserTests.signIn(page, clinic.adminUsername(), IdentityFixtures.PASSWORD);
        assertThat(page).hasURL(Pattern.compile("/login/code$"));
        for (int i = 0; i < 4; i++) {
            enter(page, wrongCode(secret));
            assertThat(page.locator("#code-error")).containsText("The code is wrong");
        }

        enter(page, wrongCode(secret));

        assertThat(page.locator("#code-error")).hasText("Too many attempts. Try again in 1 seconds.");
        Axe.assertNoViolations(page);
        clock.advance(Duration.ofSeconds(20));
        enter(page, wrongCode(secret));
        assertThat(page.locator("#code-error")).containsText("The code is wrong");
        clock.advance(Duration.ofSeconds(20));

        enter(page, secondFactor.codeAt(secret, secondFactor.currentStep()));

        assertThat(page).hasURL(Pattern.compile("/login\\?tooManyCodes$"));
        assertThat(page.getByText("Too many wrong codes. Enter your username and password again."))
                .isVisible();
        Axe.assertNoViolations(page);
        page.navigate("/login/code");
        assertThat(page).hasURL(Pattern.compile("/login\\?expired$"));
        org.assertj.core.api.Assertions.assertThat(SignIn.MAX_WRONG_CODES_PER_STEP)
                .isEqualTo(5);
    }
}
