package org.shifo.identity.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.audit.jobs.AuditSealer;
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
class AuditPagesBrowserTests {

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    SecondFactor secondFactor;

    @Autowired
    AuditSealer sealer;

    private IdentityFixtures.Clinic clinic;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
    }

    private static Locator entryRows(Page page) {
        return page.locator("section[aria-labelledby=entries-heading] tbody tr");
    }

    @Test
    void filtersTheTrailAndVerifiesTheChain(Page page) {
        Staff nurse = fixtures.staff(clinic, Role.NURSE);
        SignInBrowserTests.signInEnrolling(page, clinic.adminUsername(), secondFactor);
        sealer.sealPending();

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main menu"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Audit trail"))
                .click();

        assertThat(page).hasURL(Pattern.compile("/admin/audit$"));
        assertThat(entryRows(page).filter(new Locator.FilterOptions().setHasText("staff_user.create")))
                .containsText(nurse.userId().toString());
        Axe.assertNoViolations(page);

        page.getByLabel("Action", new Page.GetByLabelOptions().setExact(true)).fill("Not a code");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show"))
                .click();

        assertThat(page.locator("#action-error")).containsText("lower-case Latin letters");
        Axe.assertNoViolations(page);
        page.getByLabel("Action", new Page.GetByLabelOptions().setExact(true)).fill("");
        page.getByLabel("Target type", new Page.GetByLabelOptions().setExact(true))
                .fill("staff_user");
        page.getByLabel("Target id", new Page.GetByLabelOptions().setExact(true))
                .fill(nurse.userId().toString());
        page.locator("select#outcome").selectOption("SUCCESS");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show"))
                .click();

        assertThat(entryRows(page)).hasCount(1);
        assertThat(entryRows(page)).containsText("staff_user.create");
        assertThat(entryRows(page)).containsText("Done");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify the chain now"))
                .click();

        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The chain is intact");
        Axe.assertNoViolations(page);
    }

    @Test
    void showsTheTrailInRussianAndPagesThroughIt(Page page) {
        for (int i = 0; i < AuditPageController.PAGE_SIZE; i++) {
            fixtures.staff(clinic, Role.LAB);
        }
        SignInBrowserTests.signInEnrolling(page, clinic.adminUsername(), secondFactor);

        page.navigate("/admin/audit?lang=ru");

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Журнал аудита");
        assertThat(entryRows(page)).hasCount(AuditPageController.PAGE_SIZE);
        Axe.assertNoViolations(page);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Более старые записи"))
                .click();

        assertThat(entryRows(page).first()).isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Самые новые записи")))
                .isVisible();
        Axe.assertNoViolations(page);
    }

    @Test
    void loadsTheAccessHistoryOfARecordIntoAnotherPage(Page page) {
        Staff nurse = fixtures.staff(clinic, Role.NURSE);
        SignInBrowserTests.signInEnrolling(page, clinic.adminUsername(), secondFactor);

        page.navigate("/test-support/access-history?lang=en&staffId=" + nurse.userId());

        Locator history = page.locator("section.access-history");
        assertThat(history.getByRole(AriaRole.HEADING)).hasText("Access history");
        assertThat(history.locator("tbody tr")).hasCount(1);
        assertThat(history).containsText("staff_user.create");
        assertThat(history.getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("Open the whole history in the audit trail")))
                .isVisible();
        Axe.assertNoViolations(page);
    }

    @Test
    void keepsTheTrailFromStaffWhoAreNotAdministrators(Page page) {
        Staff nurse = fixtures.staff(clinic, Role.NURSE);
        SignInBrowserTests.signIn(page, nurse.username(), IdentityFixtures.PASSWORD);

        page.navigate("/admin/audit");

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .not()
                .hasText("Audit trail");
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main menu")))
                .not()
                .containsText("Audit trail");
    }
}
