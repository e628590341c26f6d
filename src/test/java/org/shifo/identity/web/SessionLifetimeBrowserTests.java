package org.shifo.identity.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.identity.Role;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

/** Moves the clock forward, so it has a class of its own. */
@IntegrationTest
@ExtendWith(BrowserSupport.class)
class SessionLifetimeBrowserTests {

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    TestClock clock;

    private IdentityFixtures.Clinic clinic;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
    }

    @Test
    void endsASessionTwelveHoursAfterSignInHoweverActive(Page page) {
        var nurse = fixtures.staff(clinic, Role.NURSE);
        SignInBrowserTests.signIn(page, nurse.username(), IdentityFixtures.PASSWORD);
        page.navigate("/account");
        assertThat(page).hasURL(Pattern.compile("/account$"));

        clock.advance(BrowserSessions.ABSOLUTE_LIFETIME);

        page.navigate("/account");
        assertThat(page).hasURL(Pattern.compile("/login$"));
    }

    @Test
    void forgetsAPendingSecondFactorAfterFiveMinutes(Page page) {
        SignInBrowserTests.signIn(page, clinic.adminUsername(), IdentityFixtures.PASSWORD);
        assertThat(page).hasURL(Pattern.compile("/login/enroll$"));

        clock.advance(PendingSignIn.LIFETIME);

        page.navigate("/login/enroll");
        assertThat(page).hasURL(Pattern.compile("/login\\?expired$"));
    }
}
