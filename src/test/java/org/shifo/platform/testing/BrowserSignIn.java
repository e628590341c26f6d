package org.shifo.platform.testing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.shifo.identity.signin.SecondFactor;

/** Signing in through the sign-in pages, for browser tests. */
public final class BrowserSignIn {

    private BrowserSignIn() {}

    /**
     * Signs in a staff member whose role needs no second factor, on the sign-in page in {@code language}, whose
     * labels the caller names: {@code ("ru", "Имя пользователя", "Пароль", "Войти")}.
     */
    public static void signIn(
            Page page, String username, String language, String usernameLabel, String passwordLabel, String submit) {
        page.navigate("/login?lang=" + language);
        page.getByLabel(usernameLabel).fill(username);
        page.getByLabel(passwordLabel).fill(IdentityFixtures.PASSWORD);
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(submit).setExact(true))
                .click();
        assertThat(page.locator(".shell-user")).isVisible();
    }

    /** Signs an administrator in (in English), enrolling the second factor as the first sign-in requires. */
    public static void signInEnrolling(Page page, String username, SecondFactor secondFactor) {
        page.navigate("/login?lang=en");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(IdentityFixtures.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page).hasURL(Pattern.compile("/login/enroll$"));
        String secret = page.locator("#enroll-secret").textContent().strip();
        page.getByLabel("6-digit code").fill(secondFactor.codeAt(secret, secondFactor.currentStep()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm"))
                .click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("I have saved the codes, continue"))
                .click();
        assertThat(page.locator(".shell-user")).isVisible();
    }
}
