package org.shifo.identity.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
@ExtendWith(BrowserSupport.class)
class AccountBrowserTests {

    private static final String NEW_PASSWORD = "a new and longer passphrase 7";

    @Autowired
    IdentityFixtures fixtures;

    private Staff nurse;

    @BeforeEach
    void setUp() {
        nurse = fixtures.staff(fixtures.clinic(), Role.NURSE);
    }

    private static Page.GetByLabelOptions exact() {
        return new Page.GetByLabelOptions().setExact(true);
    }

    @Test
    void changesThePasswordAfterCheckingTheCurrentOne(Page page) {
        SignInBrowserTests.signIn(page, nurse.username(), IdentityFixtures.PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(nurse.fullName()))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("My account");
        Axe.assertNoViolations(page);

        page.getByLabel("Current password", exact()).fill("not my password at all");
        page.getByLabel("New password", exact()).fill(NEW_PASSWORD);
        page.getByLabel("Repeat the new password", exact()).fill(NEW_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password"))
                .click();

        assertThat(page.locator("#currentPassword-error")).hasText("The current password is wrong.");
        Axe.assertNoViolations(page);
        page.getByLabel("Current password", exact()).fill(IdentityFixtures.PASSWORD);
        page.getByLabel("New password", exact()).fill(NEW_PASSWORD);
        page.getByLabel("Repeat the new password", exact()).fill(NEW_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password"))
                .click();

        assertThat(page.getByText("Your password was changed.")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();
        SignInBrowserTests.signIn(page, nurse.username(), NEW_PASSWORD);
        assertThat(page).hasURL(Pattern.compile("/$"));
        assertThat(page.locator(".shell-user")).containsText(nurse.fullName());
    }

    @Test
    void changesTheLanguageAndRemembersItInTheCookie(Page page, BrowserContext context) {
        SignInBrowserTests.signIn(page, nurse.username(), IdentityFixtures.PASSWORD);
        page.navigate("/account");

        page.locator("select#language").selectOption("ru");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save language"))
                .click();

        assertThat(page.locator("html")).hasAttribute("lang", "ru");
        assertThat(page.getByText("Язык сохранён.")).isVisible();
        Axe.assertNoViolations(page);
        Assertions.assertThat(context.cookies())
                .anySatisfy(cookie ->
                        Assertions.assertThat(cookie.name + "=" + cookie.value).isEqualTo("shifo-lang=ru"));
    }
}
