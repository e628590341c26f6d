package org.shifo.identity.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.signin.SecondFactor;
import org.shifo.identity.signin.TokenIssuer;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
@ExtendWith(BrowserSupport.class)
class SessionsBrowserTests {

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    TokenIssuer tokens;

    @Autowired
    SecondFactor secondFactor;

    private IdentityFixtures.Clinic clinic;
    private Staff nurse;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
        nurse = fixtures.staff(clinic, Role.NURSE);
    }

    private static Locator sessionRows(Page page) {
        return page.locator("section[aria-labelledby=sessions-heading] tbody tr");
    }

    @Test
    void showsTheOwnSessionsAndEndsAllOthers(Page page) {
        var unused = tokens.issue(nurse);
        SignInBrowserTests.signIn(page, nurse.username(), IdentityFixtures.PASSWORD);

        page.navigate("/account");

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Active sessions")))
                .isVisible();
        assertThat(sessionRows(page)).hasCount(2);
        assertThat(sessionRows(page).filter(new Locator.FilterOptions().setHasText("(this session)")))
                .containsText("Chrome");
        Axe.assertNoViolations(page);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("End all other sessions"))
                .click();

        assertThat(page.getByText("All other sessions were ended.")).isVisible();
        assertThat(sessionRows(page)).hasCount(1);
        assertThat(sessionRows(page)).containsText("(this session)");
        Axe.assertNoViolations(page);
    }

    @Test
    void letsAnAdministratorEndAStaffMembersSession(Page page) {
        var unused = tokens.issue(nurse);
        SignInBrowserTests.signInEnrolling(page, clinic.adminUsername(), secondFactor);

        page.navigate("/admin/users/" + nurse.userId() + "?lang=ru");

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Активные сеансы")))
                .isVisible();
        assertThat(sessionRows(page)).hasCount(1);
        assertThat(sessionRows(page)).containsText("Приложение (API)");
        Axe.assertNoViolations(page);

        sessionRows(page)
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Завершить сеанс"))
                .click();

        assertThat(page.getByText("Сеанс завершён: там сотруднику придётся войти снова."))
                .isVisible();
        assertThat(page.getByText("Активных сеансов нет.")).isVisible();
        Axe.assertNoViolations(page);
    }
}
