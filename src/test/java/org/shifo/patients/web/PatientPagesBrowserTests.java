package org.shifo.patients.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.signin.SecondFactor;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserLocale;
import org.shifo.platform.testing.BrowserSignIn;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
@ExtendWith(BrowserSupport.class)
class PatientPagesBrowserTests {

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    SecondFactor secondFactor;

    private IdentityFixtures.Clinic clinic;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
    }

    private void signInAsAdministrator(Page page) {
        BrowserSignIn.signInEnrolling(page, clinic.adminUsername(), secondFactor);
    }

    /** Nothing scrolls sideways at 360 px (docs/ui.md). */
    private static void assertFitsAPhone(Page page) {
        page.setViewportSize(360, 740);
        Object overflow =
                page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
                        + " - document.documentElement.clientWidth");
        org.assertj.core.api.Assertions.assertThat(((Number) overflow).intValue())
                .as("pixels beyond a 360 px wide viewport")
                .isZero();
        page.setViewportSize(1280, 800);
    }

    private static Locator field(Page page, String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator link(Page page, String name) {
        return page.getByRole(
                AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator heading(Page page) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
    }

    private static void fillPerson(Page page, String family, String given, String phone) {
        field(page, "Family name").fill(family);
        field(page, "Given name").fill(given);
        field(page, "Sex").selectOption("MALE");
        field(page, "Date of birth").fill("1985-03-12");
        field(page, "Phone 1").fill(phone);
    }

    @Test
    void registersFindsEditsWarnsOfADuplicateMergesAndUndoes(Page page) {
        signInAsAdministrator(page);
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main menu"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Patients"))
                .click();
        assertThat(page).hasURL(Pattern.compile("/patients$"));
        Axe.assertNoViolations(page);

        // registration, first refused in Russian with the message next to the field
        link(page, "Register a patient").click();
        page.navigate("/patients/new?lang=ru");
        assertThat(heading(page)).hasText("Новый пациент");
        Axe.assertNoViolations(page);
        page.locator("#givenName").fill("Otkir");
        button(page, "Зарегистрировать").click();
        assertThat(page.locator("#familyName-error")).hasText("Обязательно");
        assertThat(field(page, "Фамилия")).hasAttribute("aria-invalid", "true");
        Axe.assertNoViolations(page);

        page.navigate("/patients/new?lang=en");
        fillPerson(page, "Xoʻjayev", "Oʻtkir", "90 123 45 67");
        field(page, "Document 1: type").selectOption("PINFL");
        field(page, "Document 1: number").fill("31203850260019");
        field(page, "Region (in Uzbekistan)").selectOption("UZ-TK");
        field(page, "Notes").fill("<b>Allergy</b>: penicillin");
        button(page, "Register").click();

        assertThat(page.getByText("The patient was registered.")).isVisible();
        assertThat(heading(page)).hasText("Xoʻjayev Oʻtkir");
        assertThat(page.getByText("<b>Allergy</b>: penicillin")).isVisible();
        assertThat(page.getByText("Tashkent city")).isVisible();
        assertThat(page.getByText("Record number: SH-000001")).isVisible();
        Axe.assertNoViolations(page);

        // instant search, however the name is written
        page.navigate("/patients");
        field(page, "Search").fill("Khujaev");
        Locator result = page.locator("#patient-list").getByRole(AriaRole.LINK);
        assertThat(result).hasText("Xoʻjayev Oʻtkir");
        assertThat(page.locator("#patient-list")).containsText("+998901234567");
        Axe.assertNoViolations(page);
        result.click();

        // edit
        link(page, "Edit").click();
        assertThat(heading(page)).hasText("Edit: Xoʻjayev Oʻtkir");
        assertThat(field(page, "Phone 1")).hasValue("+998901234567");
        Axe.assertNoViolations(page);
        field(page, "Street, house, flat").fill("Amir Temur 1");
        button(page, "Save").click();
        assertThat(page.getByText("The changes were saved.")).isVisible();
        assertThat(page.getByText("Amir Temur 1")).isVisible();
        assertThat(page.locator(".timeline")).containsText("Edited by Admin");
        assertThat(page.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Who opened and changed this record")))
                .isVisible();

        // a strong duplicate candidate: warned, then registered anyway
        page.navigate("/patients/new");
        fillPerson(page, "Xojayev", "Otkir", "+998 90 123 45 67");
        button(page, "Register").click();
        assertThat(page.getByRole(
                        AriaRole.HEADING,
                        new Page.GetByRoleOptions().setName("This patient may be registered already")))
                .isVisible();
        assertThat(page.locator(".candidate-list")).containsText("same phone");
        assertThat(page.locator(".candidate-list").getByRole(AriaRole.LINK)).hasText("Xoʻjayev Oʻtkir");
        assertThat(field(page, "Family name")).hasValue("Xojayev");
        Axe.assertNoViolations(page);
        button(page, "Register anyway").click();
        assertThat(page.getByText("The patient was registered.")).isVisible();
        assertThat(page.getByText("Record number: SH-000002")).isVisible();
        String second = page.url().replaceAll("\\?.*$", "");

        // merge the new record into the first one, then undo
        link(page, "Merge with another record").click();
        Axe.assertNoViolations(page);
        field(page, "Search").fill("SH-000001");
        button(page, "Search").click();
        link(page, "Merge with Xoʻjayev Oʻtkir").click();
        assertThat(heading(page)).hasText("Merge two records");
        Axe.assertNoViolations(page);
        link(page, "Keep SH-000001 instead").click();
        assertThat(page.getByText("SH-000001 · Xoʻjayev Oʻtkir stays")).isVisible();
        page.getByLabel("SH-000002 Xojayev", new Page.GetByLabelOptions().setExact(false))
                .check();
        button(page, "Merge").click();

        assertThat(page.getByText("The records were merged.", new Page.GetByTextOptions().setExact(false)))
                .isVisible();
        assertThat(heading(page)).hasText("Xojayev Oʻtkir");
        assertThat(page.getByText("Record number: SH-000001")).isVisible();
        assertThat(page.locator(".timeline")).containsText("Merged with another record by Admin");
        Axe.assertNoViolations(page);
        String survivor = page.url();
        page.navigate(second);
        assertThat(page.getByText("This record was merged into another record and can no longer be edited."))
                .isVisible();
        assertThat(link(page, "Edit")).hasCount(0);
        Axe.assertNoViolations(page);
        link(page, "Open the record it was merged into").click();
        assertThat(page.getByText("Record number: SH-000001")).isVisible();
        page.navigate(survivor);
        button(page, "Undo the last merge").click();
        assertThat(page.getByText("The merge was undone: both records are as they were."))
                .isVisible();
        assertThat(button(page, "Undo the last merge")).hasCount(0);
        assertThat(heading(page)).hasText("Xoʻjayev Oʻtkir");

        page.navigate("/patients/duplicates");
        assertThat(heading(page)).hasText("Possible duplicates");
        assertThat(page.locator(".pair-list")).containsText("same phone");
        Axe.assertNoViolations(page);

        page.navigate(second);
        page.getByText("Delete this record").click();
        button(page, "Yes, delete it").click();
        assertThat(page.getByText("The record was deleted; its history is kept."))
                .isVisible();
        page.navigate(second);
        assertThat(heading(page)).not().hasText("Xojayev Otkir");
    }

    @Test
    @BrowserLocale("ru-RU")
    void aReceptionistRegistersInRussianWithInlineChecksAndSeveralPhonesThenFindsThePatient(Page page) {
        Staff receptionist = fixtures.staff(clinic, Role.RECEPTIONIST);
        BrowserSignIn.signIn(page, receptionist.username(), "ru", "Имя пользователя", "Пароль", "Войти");

        page.navigate("/patients/new");
        field(page, "Фамилия").fill("Каримова");
        page.locator("#givenName").fill("Дилноза");
        field(page, "Пол").selectOption("FEMALE");
        field(page, "Дата рождения").fill("1990-01-02");
        field(page, "Телефон 1").fill("12");
        field(page, "Телефон 1").press("Tab");
        assertThat(page.locator("#phones-0-number-error"))
                .hasText("Неверный номер телефона (например, +998 90 123 45 67)");
        Axe.assertNoViolations(page);
        field(page, "Телефон 1").fill("+998 91 765 43 21");
        field(page, "Телефон 1").press("Tab");
        assertThat(page.locator("#phones-0-number-error")).isEmpty();

        button(page, "Добавить телефон").click();
        assertThat(field(page, "Телефон 3")).isVisible();
        assertThat(field(page, "Телефон 1")).hasValue("+998 91 765 43 21");
        field(page, "Телефон 2").fill("+998 93 111 22 33");
        page.getByLabel("Телефон 2 основной").check();
        Axe.assertNoViolations(page);
        assertFitsAPhone(page);
        button(page, "Зарегистрировать").click();

        assertThat(page.getByText("Пациент зарегистрирован.")).isVisible();
        assertThat(page.locator(".detail-list").getByText("+998931112233")).isVisible();
        assertThat(page.getByText("Основной телефон")).isVisible();
        assertThat(link(page, "Объединить с другой записью")).hasCount(0);
        Axe.assertNoViolations(page);
        assertFitsAPhone(page);

        page.navigate("/patients");
        field(page, "Поиск").fill("Karimova");
        assertThat(page.locator("#patient-list").getByRole(AriaRole.LINK)).hasText("Каримова Дилноза");
        assertThat(page).hasURL(Pattern.compile("/patients\\?q=Karimova$"));
        assertThat(page.locator("#patient-list")).containsText("+998931112233");
        Axe.assertNoViolations(page);
    }
}
