package org.shifo.identity.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.identity.accounts.FirstRun;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** First-run setup needs an installation without organizations: this class creates none but the one it sets up. */
@IntegrationTest
@ExtendWith(BrowserSupport.class)
class SetupBrowserTests {

    @Autowired
    FirstRun firstRun;

    private static Page.GetByLabelOptions exact() {
        return new Page.GetByLabelOptions().setExact(true);
    }

    @Test
    void explainsAnInvalidSetupLink(Page page) {
        page.navigate("/setup?token=not-a-token&lang=en");

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("This setup link does not work");
        Axe.assertNoViolations(page);
    }

    @Test
    void createsTheOrganizationAndItsAdministrator(Page page) {
        String token = firstRun.issueSetupToken();
        page.navigate("/setup?lang=en&token=" + token);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Set up Shifo");
        Axe.assertNoViolations(page);

        page.getByLabel("Organization name", exact()).fill("Shifo Clinic");
        page.getByLabel("Branch name", exact()).fill("Chilonzor");
        page.getByLabel("Administrator username", exact()).fill("first-admin");
        page.getByLabel("Administrator full name", exact()).fill("Dilnoza Karimova");
        page.getByLabel("Password", exact()).fill(IdentityFixtures.PASSWORD);
        page.getByLabel("Repeat the password", exact()).fill("something else entirely");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create"))
                .click();

        assertThat(page.locator("#passwordRepeat-error")).hasText("The passwords do not match.");
        assertThat(page.getByLabel("Organization name", exact())).hasValue("Shifo Clinic");
        Axe.assertNoViolations(page);
        page.getByLabel("Password", exact()).fill(IdentityFixtures.PASSWORD);
        page.getByLabel("Repeat the password", exact()).fill(IdentityFixtures.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create"))
                .click();

        assertThat(page).hasURL(Pattern.compile("/login\\?setupComplete$"));
        assertThat(page.getByText("The organization is set up.")).isVisible();
        SignInBrowserTests.signIn(page, "first-admin", IdentityFixtures.PASSWORD);
        assertThat(page).hasURL(Pattern.compile("/login/enroll$"));

        page.navigate("/setup?token=" + token);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("This setup link does not work");
    }
}
