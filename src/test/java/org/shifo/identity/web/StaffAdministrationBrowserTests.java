package org.shifo.identity.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.identity.signin.SecondFactor;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
@ExtendWith(BrowserSupport.class)
class StaffAdministrationBrowserTests {

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    SecondFactor secondFactor;

    private IdentityFixtures.Clinic clinic;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
    }

    private static Page.GetByLabelOptions exact() {
        return new Page.GetByLabelOptions().setExact(true);
    }

    @Test
    void createsAStaffMemberAndDisablesTheAccount(Page page) {
        SignInBrowserTests.signInEnrolling(page, clinic.adminUsername(), secondFactor);

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main menu"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Staff"))
                .click();

        assertThat(page).hasURL(Pattern.compile("/admin/users$"));
        assertThat(page.getByRole(AriaRole.CELL, new Page.GetByRoleOptions().setName(clinic.adminUsername())))
                .isVisible();
        Axe.assertNoViolations(page);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add a staff member"))
                .click();
        Axe.assertNoViolations(page);
        page.getByLabel("Username", exact()).fill("nodira");
        page.getByLabel("Full name", exact()).fill("Nodira Rashidova");
        page.getByLabel("Initial password", exact()).fill("short");
        page.getByLabel("Nurse").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create"))
                .click();

        assertThat(page.locator("#password-error")).containsText("at least 12 characters");
        assertThat(page.getByLabel("Nurse")).isChecked();
        Axe.assertNoViolations(page);
        page.getByLabel("Initial password", exact()).fill(IdentityFixtures.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create"))
                .click();

        assertThat(page.getByText("The staff account was created.")).isVisible();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Staff member: Nodira Rashidova");
        Axe.assertNoViolations(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable the account"))
                .click();

        assertThat(page.getByText("The account was disabled")).isVisible();
        page.navigate("/admin/users");
        assertThat(page.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName(Pattern.compile("nodira"))))
                .containsText("Disabled");
    }
}
