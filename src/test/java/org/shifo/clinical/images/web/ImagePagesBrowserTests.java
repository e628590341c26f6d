package org.shifo.clinical.images.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.clinical.images.EncounterFixtures;
import org.shifo.clinical.images.TestImages;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.platform.FileStoreSettings;
import org.shifo.platform.PlatformSettings;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserLocale;
import org.shifo.platform.testing.BrowserSignIn;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
@ExtendWith(BrowserSupport.class)
class ImagePagesBrowserTests {

    @Autowired
    IdentityFixtures identity;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    PlatformSettings platform;

    @Autowired
    FileStoreSettings fileSettings;

    EncounterFixtures fixtures;
    IdentityFixtures.Clinic clinic;
    Staff doctor;
    Staff nurse;
    UUID patient;
    UUID encounter;

    @BeforeEach
    void setUp() {
        TestDatabase.get().resetRateLimits();
        fixtures = new EncounterFixtures(
                identity, new ApiCalls(mvc, json), fileSettings.directoryUnder(platform.dataDir()));
        clinic = identity.clinic();
        doctor = identity.staff(clinic, Role.DOCTOR);
        nurse = identity.staff(clinic, Role.NURSE);
        patient = fixtures.patient(clinic, "Rahimova");
        encounter = fixtures.openEncounter(clinic, patient, doctor);
    }

    private static Locator link(Page page, String name) {
        return page.getByRole(
                AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void uploadsAnImageChosenOnTheBodyMapAndComparesItsLesion(Page page) {
        BrowserSignIn.signIn(page, nurse.username(), "en", "Username", "Password", "Sign in");
        page.navigate("/encounters/" + encounter + "/images");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText(Pattern.compile("^Images of the visit on "));
        assertThat(page.getByText("No images yet.")).isVisible();
        Axe.assertNoViolations(page);

        page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Front"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Left forearm"))
                .click();
        assertThat(page.getByLabel("Body site", new Page.GetByLabelOptions().setExact(true)))
                .hasValue("left-forearm");
        page.getByLabel("Image file")
                .setInputFiles(
                        new FilePayload("IMG_2041.jpg", "image/jpeg", TestImages.jpegWithExifAndGps(800, 600, 1)));
        page.getByLabel("Lesion label").fill("Naevus left forearm");
        page.getByLabel("Kind of image").selectOption("DERMATOSCOPY");
        page.getByLabel("Notes").fill("Irregular border");
        button(page, "Upload the image").click();

        assertThat(page.getByRole(AriaRole.STATUS)).hasText("The image was added.");
        Locator thumbnail = page.locator(".image-card img");
        assertThat(thumbnail).hasAttribute("alt", "Naevus left forearm: Left forearm, Dermatoscopy");
        assertThat(thumbnail).hasAttribute("src", Pattern.compile("^/images/[0-9a-f-]+/thumbnail$"));
        page.waitForFunction("() => document.querySelector('.image-card img').complete");
        assertThat((Integer) thumbnail.evaluate("img => img.naturalWidth")).isEqualTo(320);
        assertThat(fixtures.imageRows(clinic)).isEqualTo(1);
        Axe.assertNoViolations(page);

        page.getByLabel("Image file")
                .setInputFiles(new FilePayload(
                        "photo.jpg", "image/jpeg", "<html>not a photo</html>".getBytes(StandardCharsets.UTF_8)));
        page.getByLabel("Body site", new Page.GetByLabelOptions().setExact(true))
                .selectOption("neck");
        page.getByLabel("Lesion label").fill("Other");
        button(page, "Upload the image").click();

        assertThat(page.getByRole(AriaRole.ALERT)).containsText("The file is not an image.");
        assertThat(page.getByLabel("Lesion label")).hasValue("Other");
        assertThat(page.locator(".body-region.is-selected[data-site='neck']")).hasCount(2);
        assertThat(fixtures.imageRows(clinic)).isEqualTo(1);
        Axe.assertNoViolations(page);

        UUID later = fixtures.openEncounter(clinic, patient, doctor);
        page.navigate("/encounters/" + later + "/images");
        page.getByLabel("Image file")
                .setInputFiles(new FilePayload("later.png", "image/png", TestImages.png(400, 300)));
        page.getByLabel("Body site", new Page.GetByLabelOptions().setExact(true))
                .selectOption("left-forearm");
        page.getByLabel("Lesion label").fill("naevus left forearm");
        button(page, "Upload the image").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("The image was added.");

        link(page, "Compare across visits").click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Lesion “naevus left forearm” across visits");
        assertThat(page.locator(".compare-visit")).hasCount(2);
        assertThat(page.locator(".compare-image img")).hasCount(2);
        page.waitForFunction(
                "() => [...document.querySelectorAll('.compare-image img')].every(i => i.complete && i.naturalWidth > 0)");
        Axe.assertNoViolations(page);
    }

    @Test
    @BrowserLocale("ru-RU")
    void showsTheGalleryAndTheBodyMapInRussianAndUzbek(Page page) {
        BrowserSignIn.signIn(page, nurse.username(), "ru", "Имя пользователя", "Пароль", "Войти");

        page.navigate("/encounters/" + encounter + "/images?lang=ru");

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText(Pattern.compile("^Изображения приёма "));
        assertThat(page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Сзади"))
                        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Ягодицы")))
                .isVisible();
        Axe.assertNoViolations(page);

        page.navigate("/encounters/" + encounter + "/images?lang=uz");

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText(Pattern.compile("dagi tashrif rasmlari$"));
        assertThat(page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Old tomoni"))
                        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Chap bilak")))
                .isVisible();
        Axe.assertNoViolations(page);

        page.navigate("/patients/" + patient + "/images/compare");
        assertThat(page.getByText("Bu bemorning hali rasmlari yoʻq.")).isVisible();
        Axe.assertNoViolations(page);
    }
}
