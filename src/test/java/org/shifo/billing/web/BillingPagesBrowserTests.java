package org.shifo.billing.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.billing.BillingFixtures;
import org.shifo.billing.payme.PaymeClient;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.signin.SecondFactor;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.Axe;
import org.shifo.platform.testing.BrowserSignIn;
import org.shifo.platform.testing.BrowserSupport;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
@ExtendWith(BrowserSupport.class)
class BillingPagesBrowserTests {

    static final long PRICE = 15_000_000L;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    SecondFactor secondFactor;

    @Autowired
    TestClock clock;

    @LocalServerPort
    int port;

    ApiCalls api;
    BillingFixtures billing;
    IdentityFixtures.Clinic clinic;
    String admin;
    String reception;
    Staff cashier;
    String branch;
    String service;
    String patient;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        admin = fixtures.bearer(fixtures.admin(clinic));
        reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        cashier = fixtures.staff(clinic, Role.CASHIER);
        billing = new BillingFixtures(api, admin, reception);
        branch = clinic.branchId().value().toString();
        service = billing.service("Consultation");
        billing.price(service, branch, PRICE);
        patient = billing.patient("Karimov");
    }

    static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    static Locator link(Page page, String name) {
        return page.getByRole(
                AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** A booked appointment of the patient for the priced service, a week ahead. */
    String appointment() {
        Staff practitioner = fixtures.staff(clinic, Role.DOCTOR);
        StringBuilder weekly = new StringBuilder();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            weekly.append(weekly.isEmpty() ? "" : ",")
                    .append("{\"dayOfWeek\":\"%s\",\"start\":\"09:00\",\"end\":\"18:00\"}".formatted(day));
        }
        Assertions.assertThat(api.put(
                        admin,
                        "/api/v1/practitioners/" + practitioner.userId().value() + "/schedule",
                        "{\"branchId\":\"%s\",\"weekly\":[%s],\"serviceIds\":[\"%s\"]}"
                                .formatted(branch, weekly, service)))
                .hasStatus(200);
        ZoneId tashkent = ZoneId.of("Asia/Tashkent");
        String start = LocalDate.now(clock.withZone(tashkent))
                .plusDays(7)
                .atTime(10, 0)
                .atZone(tashkent)
                .toOffsetDateTime()
                .toString();
        MvcTestResult booked = api.post(
                reception,
                "/api/v1/appointments",
                "{\"patientId\":\"%s\",\"practitionerId\":\"%s\",\"serviceId\":\"%s\",\"start\":\"%s\"}"
                        .formatted(patient, practitioner.userId().value(), service, start));
        Assertions.assertThat(booked).hasStatus(201);
        return api.body(booked).get("id").asString();
    }

    @Test
    void takesAVisitFromItsInvoiceThroughPartialCashAndPaymeToTheReceipt(Page page) {
        String key = "Key&" + UUID.randomUUID().toString().substring(0, 12);
        Assertions.assertThat(api.put(
                        admin,
                        "/api/v1/billing/providers/payme",
                        "{\"merchantId\":\"587f72c72cac0d162c722ae2\",\"key\":\"%s\"}".formatted(key)))
                .hasStatus(200);
        String visit = appointment();
        BrowserSignIn.signIn(page, cashier.username(), "en", "Username", "Password", "Sign in");

        // the visit's invoice, from the appointment page
        page.navigate("/appointments/" + visit);
        link(page, "Invoice for this visit").click();
        assertThat(page.locator("#invoice-patient")).containsText("Karimov Aziz");
        Axe.assertNoViolations(page);
        button(page, "Create the invoice").click();
        assertThat(page).hasURL(Pattern.compile("/billing/invoices/[0-9a-f-]{36}\\?created$"));
        assertThat(page.locator("#invoice-status")).hasAttribute("data-status", "DRAFT");
        assertThat(page.locator("#invoice-total")).hasText("150\u00a0000,00 UZS");
        Axe.assertNoViolations(page);
        String invoiceUrl = page.url().replace("?created", "");

        // issue, then a partial cash payment
        button(page, "Issue the invoice").click();
        assertThat(page.locator("#invoice-status")).hasAttribute("data-status", "ISSUED");
        assertThat(page.locator("#link-payme img")).isVisible();
        String reference = page.locator("h1").textContent().replaceAll("\\D", "");
        page.getByLabel("Amount (UZS)").fill("50 000");
        button(page, "Take the payment").click();
        assertThat(page.locator("#invoice-status")).hasAttribute("data-status", "PARTIALLY_PAID");
        assertThat(page.locator("#invoice-outstanding")).hasText("100\u00a0000,00 UZS");
        assertThat(page.locator("#invoice-payments")).containsText("Cash");
        Axe.assertNoViolations(page);

        // PayMe completes it, as PayMe would: Basic auth with the configured key
        PaymeClient payme = new PaymeClient(port, key, json);
        String transaction = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        JsonNode created = payme.call(
                "CreateTransaction",
                "{\"id\":\"%s\",\"time\":%d,\"amount\":%d,\"account\":{\"invoice_id\":\"%s\"}}"
                        .formatted(transaction, clock.millis(), 10_000_000L, reference));
        Assertions.assertThat(PaymeClient.code(created)).as(created.toString()).isZero();
        JsonNode performed = payme.call("PerformTransaction", "{\"id\":\"%s\"}".formatted(transaction));
        Assertions.assertThat(performed.get("result").get("state").asInt())
                .as(performed.toString())
                .isEqualTo(2);

        page.navigate(invoiceUrl);
        assertThat(page.locator("#invoice-status")).hasAttribute("data-status", "PAID");
        assertThat(page.locator("#invoice-payments")).containsText("PayMe");
        page.navigate("/billing/desk");
        assertThat(page.locator("#desk-invoices tr[data-reference='" + reference + "']"))
                .containsText("Paid");
        Axe.assertNoViolations(page);

        // the receipt, in the patient's language (Uzbek)
        page.navigate(invoiceUrl);
        page.locator("#receipt-link").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Chek " + reference);
        assertThat(page.locator("#receipt-status")).hasText("Toʻlangan");
        assertThat(page.locator("#receipt-paid")).hasText("150\u00a0000,00 soʻm");
        assertThat(page.locator(".receipt")).containsText("Naqd");
        assertThat(page.locator(".receipt")).containsText("PayMe");
        Axe.assertNoViolations(page);

        // the cash report in the three languages
        for (String language : List.of("ru", "uz", "en")) {
            page.navigate("/billing/reports/cash?lang=" + language);
            assertThat(page.locator("#report-methods")).isVisible();
            Axe.assertNoViolations(page);
        }
        assertThat(page.locator("#report-methods tr[data-method='CASH']")).containsText("50\u00a0000,00");
        assertThat(page.locator("#report-methods tr[data-method='PAYME']")).containsText("100\u00a0000,00");
    }

    @Test
    void anAdministratorRefundsACashPaymentWithAReason(Page page) {
        String invoice = billing.issuedInvoice(reception, patient, branch, service);
        Assertions.assertThat(api.post(
                        fixtures.bearer(cashier),
                        "/api/v1/invoices/" + invoice + "/payments",
                        "{\"method\":\"CASH\",\"amount\":%d}".formatted(PRICE)))
                .hasStatus(201);
        BrowserSignIn.signInEnrolling(page, clinic.adminUsername(), secondFactor);

        page.navigate("/billing/invoices/" + invoice);
        assertThat(page.locator("#invoice-status")).hasAttribute("data-status", "PAID");
        button(page, "Refund").click();
        // the reason is required: the browser keeps the form
        assertThat(page.locator("#invoice-status")).hasAttribute("data-status", "PAID");
        page.getByLabel("Reason for the refund").fill("The patient was charged twice");
        button(page, "Refund").click();
        assertThat(page.locator("#invoice-status")).hasAttribute("data-status", "REFUNDED");
        assertThat(page.locator("#invoice-payments")).containsText("refunded");
        assertThat(page.locator(".form-message")).hasText("The payment has been refunded.");
        Axe.assertNoViolations(page);

        page.navigate("/billing/invoices/" + invoice + "?lang=ru");
        assertThat(page.locator("#invoice-status")).hasText("Возвращён");
        Axe.assertNoViolations(page);
        page.navigate("/billing/invoices/" + invoice + "?lang=uz");
        assertThat(page.locator("#invoice-status")).hasText("Qaytarilgan");
        Axe.assertNoViolations(page);
    }

    @Test
    void anAdministratorReconcilesADayAndSeesWhatDoesNotMatch(Page page) throws Exception {
        // a PayMe transaction created three days ago and never completed: past PayMe's 12-hour timeout
        ZoneId tashkent = ZoneId.of("Asia/Tashkent");
        LocalDate day = LocalDate.ofInstant(clock.instant(), tashkent).minusDays(3);
        long created = day.atStartOfDay(tashkent).plusHours(10).toInstant().toEpochMilli();
        String invoice = billing.issuedInvoice(reception, patient, branch, service);
        try (var connection = org.shifo.platform.testing.TestDatabase.get().connectAsSuperuser();
                var insert = connection.prepareStatement(
                        """
                        INSERT INTO billing.provider_transactions (id, tenant_id, provider, provider_transaction_id,
                            invoice_id, amount, provider_time, create_time, perform_time, cancel_time, state, details,
                            created_at, updated_at)
                        VALUES (?, ?, 'PAYME', ?, ?, ?, ?, ?, 0, 0, 1, '{}', now(), now())
                        """)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, clinic.tenantId().value());
            insert.setString(3, "5305e3bab097f420a62ced0b");
            insert.setObject(4, UUID.fromString(invoice));
            insert.setLong(5, PRICE);
            insert.setLong(6, created);
            insert.setLong(7, created);
            insert.executeUpdate();
        }
        BrowserSignIn.signInEnrolling(page, clinic.adminUsername(), secondFactor);

        page.navigate("/admin/billing/reconciliation?date=" + day);
        assertThat(page.locator("#reconciliation-none")).containsText("has not been reconciled yet");
        Axe.assertNoViolations(page);
        button(page, "Reconcile " + day + " now").click();

        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Reconciled: this is the new report.");
        assertThat(page.locator("#reconciliation-summary")).containsText("1 transactions checked, 1 discrepancies");
        Locator item = page.locator("#reconciliation-items tr[data-kind='STALE_CREATED']");
        assertThat(item).containsText("Created, never completed");
        assertThat(item).containsText("5305e3bab097f420a62ced0b");
        assertThat(item).containsText("past-timeout");
        Axe.assertNoViolations(page);
        Assertions.assertThat(page.request()
                        .get("/admin/billing/reconciliation.csv?date=" + day)
                        .text())
                .contains("STALE_CREATED");

        page.navigate("/admin/billing/reconciliation?date=" + day + "&lang=ru");
        assertThat(item).containsText("Создана и не завершена");
        Axe.assertNoViolations(page);
        page.navigate("/admin/billing/reconciliation?date=" + day + "&lang=uz");
        assertThat(item).containsText("Yaratilgan, yakunlanmagan");
        page.navigate("/admin/billing/reconciliation?date=yesterday&lang=en");
        assertThat(page.locator("#reconciliation-date-error")).hasText("Must be a date YYYY-MM-DD.");
        Axe.assertNoViolations(page);
        // a run asked for with a text that is not a date comes back to the page that says so
        page.navigate("/admin/billing/reconciliation?date=" + day);
        page.locator("form[method=post] input[name=date]").evaluate("input => input.value = 'not-a-day'");
        button(page, "Reconcile " + day + " now").click();
        assertThat(page.locator("#reconciliation-date-error")).hasText("Must be a date YYYY-MM-DD.");
        assertThat(page).hasURL(Pattern.compile(".*[?&]date=not-a-day$"));
        Assertions.assertThat(org.shifo.platform.testing.TestDatabase.get()
                        .count(
                                "SELECT count(*) FROM billing.provider_transactions WHERE invoice_id = ? AND state = 1",
                                UUID.fromString(invoice)))
                .isEqualTo(1);
    }

    @Test
    void anAdministratorKeepsThePriceListAndTheProviders(Page page) {
        String dressing = billing.service("Dressing");
        BrowserSignIn.signInEnrolling(page, clinic.adminUsername(), secondFactor);

        page.navigate("/admin/billing/prices");
        Locator row = page.locator("#price-list tr[data-service='Dressing']");
        assertThat(row).containsText("not set");
        Axe.assertNoViolations(page);
        page.getByLabel("Price of Dressing (UZS)").fill("twenty");
        button(page, "Save the price of Dressing").click();
        assertThat(page.locator("#price-list tr[data-service='Dressing'] .field-error"))
                .containsText("Enter an amount in UZS");
        Axe.assertNoViolations(page);

        page.getByLabel("Price of Dressing (UZS)").fill("25 000,50");
        row.getByLabel("Price includes VAT").check();
        button(page, "Save the price of Dressing").click();
        assertThat(page.locator(".form-message")).hasText("The price has been saved.");
        assertThat(row).containsText("25\u00a0000,50 UZS");
        assertThat(row).containsText("VAT included");
        Assertions.assertThat(
                        api
                                .body(api.get(admin, "/api/v1/billing/prices?branchId=" + branch))
                                .findValues("amount")
                                .stream()
                                .map(JsonNode::asLong))
                .contains(2_500_050L);
        Assertions.assertThat(dressing).isNotBlank();

        for (String language : List.of("ru", "uz")) {
            page.navigate("/admin/billing/prices?lang=" + language);
            Axe.assertNoViolations(page);
        }

        page.navigate("/admin/billing/providers?lang=en");
        assertThat(page.locator("#payme-secret-state")).hasText("Secret: not set");
        page.getByLabel("Cashbox ID (Merchant ID)").fill("587f72c72cac0d162c722ae2");
        page.getByLabel("Cashbox key").fill("TestKey&123");
        button(page, "Save the PayMe settings").click();
        assertThat(page.locator("#payme-secret-state")).hasText("Secret: set");
        assertThat(page.locator("#payme-key")).hasValue("");
        Assertions.assertThat(page.content()).doesNotContain("TestKey&123");
        assertThat(page.locator("#payme-endpoint")).hasText(Pattern.compile("/api/v1/payments/payme$"));
        Axe.assertNoViolations(page);
        for (String language : List.of("ru", "uz")) {
            page.navigate("/admin/billing/providers?lang=" + language);
            Axe.assertNoViolations(page);
        }
    }
}
