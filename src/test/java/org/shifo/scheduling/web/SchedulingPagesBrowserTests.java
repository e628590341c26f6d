package org.shifo.scheduling.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.time.LocalDate;
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
class SchedulingPagesBrowserTests {

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    SchedulePageFixtures schedules;

    @Autowired
    SecondFactor secondFactor;

    private SchedulePageFixtures.Ready ready;
    private IdentityFixtures.Clinic clinic;
    private Staff doctor;
    private LocalDate day;

    @BeforeEach
    void setUp() {
        ready = schedules.clinic();
        clinic = ready.clinic();
        doctor = ready.doctor();
        day = ready.day();
    }

    private void signInAsReceptionist(Page page, String language, String username, String password, String submit) {
        Staff receptionist = fixtures.staff(clinic, Role.RECEPTIONIST);
        BrowserSignIn.signIn(page, receptionist.username(), language, username, password, submit);
    }

    private void signInAsAdministrator(Page page) {
        BrowserSignIn.signInEnrolling(page, clinic.adminUsername(), secondFactor);
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

    @Test
    void booksReschedulesAndChecksInThroughThePages(Page page) {
        signInAsReceptionist(page, "en", "Username", "Password", "Sign in");
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main menu"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Schedule"))
                .click();
        assertThat(page).hasURL(Pattern.compile("/schedule$"));
        assertThat(page.locator("table.schedule-grid thead")).containsText(doctor.fullName());
        Axe.assertNoViolations(page);

        // a free slot opens the booking form; the picker searches the registry
        link(page, "10:00 free — book").click();
        assertThat(heading(page)).hasText("Book an appointment");
        assertThat(page.locator("#booking-form")).containsText(doctor.fullName());
        page.getByLabel("Find the patient").fill("Karimova");
        Locator patient = page.getByLabel(Pattern.compile("^Karimova Dilnoza"));
        // the instant search waits 300 ms after typing, then asks the server: on a loaded machine that takes a while
        assertThat(patient).isChecked(new LocatorAssertions.IsCheckedOptions().setTimeout(15_000));
        Axe.assertNoViolations(page);
        button(page, "Book").click();

        assertThat(page.getByText("The appointment was booked.")).isVisible();
        assertThat(page.locator("#appointment-status")).hasText("Booked");
        assertThat(page.locator("#appointment-time")).hasText("10:00–10:30");
        Axe.assertNoViolations(page);

        // reschedule to a free time of the same day
        page.getByLabel("11:00", new Page.GetByLabelOptions().setExact(true)).check();
        button(page, "Move the appointment").click();
        assertThat(page.getByText("The appointment was rescheduled.")).isVisible();
        assertThat(page.locator("#appointment-time")).hasText("11:00–11:30");

        // check in
        button(page, "Check in").click();
        assertThat(page.getByText("The patient was checked in.")).isVisible();
        assertThat(page.locator("#appointment-status")).hasText("Checked in");
        assertThat(button(page, "Check in")).hasCount(0);
        Axe.assertNoViolations(page);
        String appointment = page.url().replaceAll("\\?.*$", "");

        // the day shows it with its status in words; the patient's timeline links to it
        link(page, "Back to the day").click();
        Locator card = page.locator(".appointment-card.status-checked-in");
        assertThat(card).containsText("Karimova Dilnoza");
        assertThat(card).containsText("Checked in");
        assertThat(link(page, "10:00 free — book")).isVisible();

        page.navigate("/schedule/print?date=" + day);
        assertThat(page.locator("nav")).hasCount(0);
        assertThat(page.locator("table")).containsText("Karimova Dilnoza");
        assertThat(page.locator("table")).containsText("11:00–11:30");
        Axe.assertNoViolations(page);

        page.navigate("/schedule");
        page.locator(".appointment-card").first().click();
        link(page, "Karimova Dilnoza · SH-000001").click();
        page.locator(".timeline a").first().click();
        assertThat(page).hasURL(appointment);
    }

    @Test
    @BrowserLocale("ru-RU")
    void bookingATakenTimeShowsTheConflictInThePageLanguage(Page page) {
        signInAsReceptionist(page, "ru", "Имя пользователя", "Пароль", "Войти");
        page.navigate("/schedule");
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Основное меню"))
                        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Расписание")))
                .hasAttribute("aria-current", "page");
        Axe.assertNoViolations(page);
        link(page, "10:00 свободно — записать").click();
        // without waiting for the instant search: the button answers with the whole form (and works without script)
        page.getByLabel("Найти пациента").fill("SH-000001");
        button(page, "Искать").click();
        assertThat(page.getByLabel(Pattern.compile("^Karimova Dilnoza"))).isChecked();

        // meanwhile someone else books that time
        schedules.book(ready, 10, 0);
        button(page, "Записать").click();

        String conflict = "Это время занято: " + day + " с 10:00 до 10:30 идёт другой приём.";
        assertThat(page.locator("#booking-errors")).containsText(conflict);
        assertThat(page.locator("#start-error")).hasText(conflict);
        assertThat(heading(page)).hasText("Запись на приём");
        Axe.assertNoViolations(page);

        // the language switch keeps the page and changes its words
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Язык интерфейса"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("English"))
                .click();
        assertThat(heading(page)).hasText("Book an appointment");
        page.navigate("/schedule");
        assertThat(page.locator(".appointment-card.status-booked")).containsText("Booked");
        assertThat(page.locator("html")).hasAttribute("lang", "en");
    }

    @Test
    void anAdministratorSetsUpServicesTemplatesAndExceptions(Page page) {
        signInAsAdministrator(page);
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main menu"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Schedule setup"))
                .click();
        assertThat(heading(page)).hasText("Schedule setup");
        Axe.assertNoViolations(page);

        page.getByLabel("Name").fill("Ultrasound");
        page.getByLabel("Duration (minutes)").fill("7");
        button(page, "Add a service").click();
        assertThat(page.locator("#service-durationMinutes-error")).hasText("Must be a multiple of 5 minutes");
        Axe.assertNoViolations(page);
        page.getByLabel("Duration (minutes)").fill("20");
        button(page, "Add a service").click();
        assertThat(page.getByText("The service was added.")).isVisible();
        assertThat(page.locator("table")).containsText("Ultrasound");

        link(page, doctor.fullName()).click();
        assertThat(heading(page)).hasText("Schedule: " + doctor.fullName());
        assertThat(page.locator("#MONDAY-start")).hasValue("00:00");
        page.locator("#MONDAY-start").fill("09:00");
        page.locator("#MONDAY-end").fill("13:00");
        page.locator("#MONDAY-breakStart").fill("14:00");
        page.locator("#MONDAY-breakEnd").fill("15:00");
        button(page, "Save the template").click();
        assertThat(page.locator("#MONDAY-error")).not().isEmpty();
        Axe.assertNoViolations(page);
        page.locator("#MONDAY-breakStart").fill("");
        page.locator("#MONDAY-breakEnd").fill("");
        page.getByLabel("Ultrasound").check();
        button(page, "Save the template").click();
        assertThat(page.getByText("The template was saved.")).isVisible();
        assertThat(page.locator("#MONDAY-end")).hasValue("13:00");
        assertThat(page.getByLabel("Ultrasound")).isChecked();

        page.getByLabel("Kind").selectOption("VACATION");
        page.getByLabel("First day").fill(day.plusDays(10).toString());
        page.getByLabel("Last day (included)").fill(day.plusDays(12).toString());
        button(page, "Add an exception").click();
        assertThat(page.getByText("The exception was added.")).isVisible();
        assertThat(page.locator("table")).containsText("Vacation");
        Axe.assertNoViolations(page);
        button(page, "Remove").click();
        assertThat(page.getByText("No exceptions.")).isVisible();

        page.navigate("/schedule/practitioners/" + doctor.userId().value() + "?week=" + day);
        assertThat(heading(page)).containsText(doctor.fullName());
        Axe.assertNoViolations(page);
    }
}
