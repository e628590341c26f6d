package org.shifo.terminology.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.identity.signin.SecondFactor;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserLocale;
import org.shifo.platform.testing.BrowserSignIn;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.terminology.TerminologyFixtures;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
@ExtendWith(BrowserSupport.class)
class TerminologyPagesBrowserTests {

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    SecondFactor secondFactor;

    IdentityFixtures.Clinic clinic;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
    }

    @Test
    void uploadsACodeSetAndFollowsItsProgressToTheEnd(Page page) throws IOException {
        BrowserSignIn.signInEnrolling(page, clinic.adminUsername(), secondFactor);
        page.navigate("/?lang=uz");
        assertThat(page.locator(".notice-banner")).containsText("XKT-10 kodlar toʻplami yuklanmagan");
        Axe.assertNoViolations(page);

        page.locator(".notice-banner").getByRole(AriaRole.LINK).click();
        assertThat(page).hasURL(Pattern.compile("/admin/terminology$"));
        assertThat(page.locator("#no-icd10")).isVisible();
        Axe.assertNoViolations(page);

        Path file = Files.createTempFile("mkb10-", ".csv");
        Files.write(file, TerminologyFixtures.sample("mkb10-sample.csv"));
        page.getByLabel("Fayl", new Page.GetByLabelOptions().setExact(true)).setInputFiles(file);
        page.getByLabel("Format", new Page.GetByLabelOptions().setExact(true)).selectOption("MKB10_NSI_CSV");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Yuklash").setExact(true))
                .click();
        Files.delete(file);

        assertThat(page).hasURL(Pattern.compile("/admin/terminology\\?job="));
        Locator progress = page.locator("#import-progress");
        assertThat(progress)
                .hasAttribute(
                        "data-status", "SUCCEEDED", new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
        assertThat(page.getByLabel("Yuklash jarayoni")).hasAttribute("value", "100");
        assertThat(progress).containsText("46 ta qoʻshildi");
        Axe.assertNoViolations(page);

        page.navigate("/admin/terminology");
        assertThat(page.locator("#no-icd10")).hasCount(0);
        assertThat(page.locator("#code-sets")).containsText("ICD10");
    }

    @Test
    @BrowserLocale("ru-RU")
    void showsThePageInRussianWithoutAccessibilityViolations(Page page) {
        BrowserSignIn.signInEnrolling(page, clinic.adminUsername(), secondFactor);
        page.navigate("/admin/terminology?lang=ru");

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Коды диагнозов");
        assertThat(page.locator("#no-icd10")).containsText("Справочник МКБ-10 не загружен");
        Axe.assertNoViolations(page);
    }

    @Test
    void refusesAFileOfAnotherFormatBesideTheField(Page page) throws IOException {
        BrowserSignIn.signInEnrolling(page, clinic.adminUsername(), secondFactor);
        page.navigate("/admin/terminology?lang=en");
        Path file = Files.createTempFile("claml-", ".xml");
        Files.write(file, TerminologyFixtures.sample("icd10-claml-sample.xml"));

        page.getByLabel("File", new Page.GetByLabelOptions().setExact(true)).setInputFiles(file);
        page.getByLabel("Format", new Page.GetByLabelOptions().setExact(true)).selectOption("CSV");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Import").setExact(true))
                .click();
        Files.delete(file);

        assertThat(page.locator("#import-file-error")).containsText("The file is not a CSV file");
        Axe.assertNoViolations(page);
    }
}
