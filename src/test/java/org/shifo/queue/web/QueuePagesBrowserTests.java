package org.shifo.queue.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.signin.SecondFactor;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserSignIn;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
@ExtendWith(BrowserSupport.class)
class QueuePagesBrowserTests {

    /**
     * How long a change may take to reach another browser: the issue asks for about a second; the margin is for
     * a loaded two-core test machine. The measured times are printed.
     */
    private static final double LIVE_MILLIS = 2_000;

    @LocalServerPort
    int port;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    SecondFactor secondFactor;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    private IdentityFixtures.Clinic clinic;
    private Staff receptionist;
    private Staff doctor;
    private String receptionToken;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
        receptionist = fixtures.staff(clinic, Role.RECEPTIONIST);
        doctor = fixtures.staff(clinic, Role.DOCTOR);
        receptionToken = fixtures.bearer(receptionist);
    }

    // --- arrangement through the API ----------------------------------------------------------------------------

    private JsonNode post(String token, String uri, String body) {
        MvcTestResult result = mvc.post()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
        org.assertj.core.api.Assertions.assertThat(result.getResponse().getStatus())
                .as("POST " + uri)
                .isBetween(200, 201);
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    private String patient(String family, String given, int n) {
        return post(
                        receptionToken,
                        "/api/v1/patients",
                        """
                        {"familyName":"%s","givenName":"%s","sex":"MALE","birthDate":"1979-05-%02d",
                         "phones":[{"number":"+9989012311%02d","primary":true}],"registerAnyway":true}
                        """
                                .formatted(family, given, n, n))
                .get("id")
                .asString();
    }

    private String doctorsQueue() {
        return post(
                        receptionToken,
                        "/api/v1/queues",
                        "{\"branchId\":\"%s\",\"practitionerId\":\"%s\"}"
                                .formatted(
                                        clinic.branchId().value(),
                                        doctor.userId().value()))
                .get("id")
                .asString();
    }

    private String displayUrl() {
        return post(
                        fixtures.bearer(fixtures.admin(clinic)),
                        "/api/v1/queue/display-tokens",
                        "{\"branchId\":\"%s\",\"name\":\"Hall\"}"
                                .formatted(clinic.branchId().value()))
                .get("url")
                .asString();
    }

    // --- browsers -----------------------------------------------------------------------------------------------

    private BrowserContext anotherBrowser(BrowserContext first) {
        Browser browser = first.browser();
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port)
                .setLocale("en-US")
                .setTimezoneId("Asia/Tashkent"));
        context.setDefaultTimeout(15_000);
        return context;
    }

    private Page signedIn(BrowserContext context, Staff staff) {
        Page page = context.newPage();
        if (staff.hasRole(Role.DOCTOR)) {
            // doctors' roles require the second factor
            BrowserSignIn.signInEnrolling(page, staff.username(), secondFactor);
        } else {
            BrowserSignIn.signIn(page, staff.username(), "en", "Username", "Password", "Sign in");
        }
        return page;
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static void assertLive(Page page) {
        assertThat(page.locator("[data-queue-live]")).hasAttribute("data-live-state", "live");
    }

    private static LocatorAssertions.ContainsTextOptions live() {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(LIVE_MILLIS);
    }

    private static String ticketNumber(Page page) {
        Matcher number = Pattern.compile("Ticket ([A-Z]-\\d{3})")
                .matcher(page.locator(".form-message").textContent());
        assertThat(number.find()).as("issued ticket number").isTrue();
        return number.group(1);
    }

    @Test
    void issuesAtReceptionCallsAtTheDeskAndTheOtherPagesFollowWithinASecond(Page board, BrowserContext context) {
        String bobur = patient("Qodirov", "Bobur", 1);
        patient("Karimova", "Dilnoza", 2);
        doctorsQueue();
        BrowserContext receptionBrowser = anotherBrowser(context);
        BrowserContext doctorBrowser = anotherBrowser(context);
        try {
            board.navigate(displayUrl() + "&lang=en");
            assertLive(board);
            Page reception = signedIn(receptionBrowser, receptionist);
            reception.navigate("/queue?lang=en");
            assertLive(reception);
            Page desk = signedIn(doctorBrowser, doctor);
            desk.navigate("/queue/mine?lang=en");
            assertLive(desk);
            assertThat(desk.locator("#desk")).containsText("Nobody is waiting now.");

            // reception finds the patient with the registry's search and issues a ticket
            reception.getByLabel("Find the patient").fill("Qodirov");
            reception.getByLabel(Pattern.compile("Qodirov Bobur")).check();
            reception.getByLabel("Priority").selectOption("ELDERLY");
            long issuedAt = System.nanoTime();
            button(reception, "Issue ticket").click();
            String number = ticketNumber(reception);
            assertThat(board.locator("[data-board-queues]")).containsText(number, live());
            assertThat(desk.locator("#desk .desk-list")).containsText(number, live());
            System.out.printf(
                    "queue pages: the issued ticket reached the board and the desk in %d ms%n",
                    (System.nanoTime() - issuedAt) / 1_000_000);
            assertThat(desk.locator("#desk .desk-list")).containsText("Qodirov Bobur");
            Axe.assertNoViolations(reception);

            // the doctor calls; the board and reception see it at once
            desk.getByLabel("Room").fill("12");
            long calledAt = System.nanoTime();
            button(desk, "Call next").click();
            Locator latest = board.locator("[data-board-calls] .board-call").first();
            assertThat(latest).containsText(number, live());
            System.out.printf(
                    "queue pages: the call reached the board in %d ms%n", (System.nanoTime() - calledAt) / 1_000_000);
            assertThat(latest).containsText("Room 12");
            assertThat(reception.locator("[data-calling]"))
                    .hasText(number, new LocatorAssertions.HasTextOptions().setTimeout(LIVE_MILLIS));
            assertThat(board.locator("[data-live-announcer]")).hasText("Ticket " + number + " is called to room 12.");

            // the desk: the current patient opens their chart; one click starts and finishes
            Locator chart = desk.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Qodirov Bobur"));
            assertThat(chart).hasAttribute("href", "/patients/" + bobur);
            Axe.assertNoViolations(desk);
            button(desk, "Recall").click();
            assertThat(board.locator("[data-board-calls] .board-call").first()).containsText(number, live());
            button(desk, "Start").click();
            assertThat(button(desk, "Finish")).isVisible();
            assertThat(board.locator("[data-board-calls-empty]")).isVisible();
            button(desk, "Finish").click();
            assertThat(desk.locator("#desk")).containsText("Nobody is called now.");

            // the board never shows a name
            assertThat(board.content()).doesNotContain("Qodirov", "Bobur", "Karimova");
        } finally {
            receptionBrowser.close();
            doctorBrowser.close();
        }
    }

    @Test
    void theBoardReconnectsAfterTheServerClosesItsConnectionAndShowsTheNextCall(Page board) {
        String queue = doctorsQueue();
        post(
                receptionToken,
                "/api/v1/queues/" + queue + "/tickets",
                "{\"patientId\":\"%s\"}".formatted(patient("Qodirov", "Bobur", 3)));
        board.navigate(displayUrl() + "&lang=en");
        assertLive(board);
        assertThat(board.locator("[data-queue-live]")).hasAttribute("data-live-connections", "1");

        String closed = board.request()
                .get("/test-support/queue/close-live-connections")
                .text();
        assertThat(Integer.parseInt(closed)).as("connections closed").isPositive();

        assertThat(board.locator("[data-queue-live]")).hasAttribute("data-live-connections", "2");
        assertLive(board);
        String number = post(fixtures.bearer(doctor), "/api/v1/queues/" + queue + "/call-next", "{\"room\":\"7\"}")
                .get("number")
                .asString();
        assertThat(board.locator("[data-board-calls] .board-call").first()).containsText(number, live());
        assertThat(board.locator("[data-board-calls] .board-call").first()).containsText("Room 7");
    }

    @Test
    void showsOfflineWithARetryButtonAfterTenFailedReconnectionsAndComesBackOnRetry(Page board) {
        doctorsQueue();
        String url = displayUrl();
        AtomicBoolean refuse = new AtomicBoolean();
        board.clock().install();
        board.routeWebSocket(Pattern.compile(".*/ws/queue.*"), socket -> {
            if (refuse.get()) {
                socket.close();
            } else {
                socket.connectToServer();
            }
        });
        board.navigate(url + "&lang=en");
        assertLive(board);

        refuse.set(true);
        board.request().get("/test-support/queue/close-live-connections");
        Locator root = board.locator("[data-queue-live]");
        assertThat(root).hasAttribute("data-live-state", "reconnecting");
        // each back-off is at most 30 s; one step of fake time may cover several short early attempts, and a
        // refused attempt ends in real time, so the attempts are not stepped one by one
        for (int step = 0; step < 60 && !"offline".equals(root.getAttribute("data-live-state")); step++) {
            board.clock().runFor(30_000);
            board.waitForTimeout(50);
        }
        assertThat(root).hasAttribute("data-live-state", "offline");
        assertThat(root).hasAttribute("data-live-attempt", "10");
        assertThat(board.locator("[data-live-text]")).hasText("Offline. Check the network and reconnect.");
        Axe.assertNoViolations(board);

        refuse.set(false);
        button(board, "Reconnect").click();
        assertLive(board);
        assertThat(button(board, "Reconnect")).isHidden();
    }

    @Test
    void administratorsAddALobbyDisplayWhoseBoardIsAccessibleInEveryLanguage(Page page) {
        doctorsQueue();
        BrowserSignIn.signInEnrolling(page, clinic.adminUsername(), secondFactor);
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main menu"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Queue"))
                .click();
        assertThat(page).hasURL(Pattern.compile("/queue$"));
        page.navigate("/queue?lang=ru");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Очередь");
        assertLive(page);
        Axe.assertNoViolations(page);

        page.getByLabel("Название экрана").fill("Холл");
        button(page, "Добавить экран").click();
        String url = page.locator("#display-url").getAttribute("href");
        assertThat(button(page, "Отключить: Холл")).isVisible();
        Axe.assertNoViolations(page);

        page.navigate(url);
        assertThat(page.locator("html")).hasAttribute("lang", "ru");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .containsText("Очередь");
        assertLive(page);
        Axe.assertNoViolations(page);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Oʻzbekcha"))
                .click();
        assertThat(page.locator("html")).hasAttribute("lang", "uz");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2))
                        .first())
                .hasText("Chaqirilmoqda");
        assertLive(page);
        Axe.assertNoViolations(page);
        page.navigate(url + "&lang=en");
        assertLive(page);
        Axe.assertNoViolations(page);

        assertThat(page.navigate("/queue/board?display=" + "x".repeat(43)).status())
                .isEqualTo(404);
        assertThat(page.navigate("/queue/board").status()).isEqualTo(404);
    }
}
