package org.shifo.billing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.billing.BillingFixtures;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.PageSessions;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class BillingPagesIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    ApiCalls api;
    IdentityFixtures.Clinic clinic;
    Staff cashier;
    String cashierToken;
    String branch;
    String service;
    String patient;
    String invoice;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        cashier = fixtures.staff(clinic, Role.CASHIER);
        cashierToken = fixtures.bearer(cashier);
        String admin = fixtures.bearer(fixtures.admin(clinic));
        String reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        BillingFixtures billing = new BillingFixtures(api, admin, reception);
        branch = clinic.branchId().value().toString();
        service = billing.service("Consultation");
        billing.price(service, branch, 15_000_050);
        patient = billing.patient("Karimov");
        invoice = billing.issuedInvoice(reception, patient, branch, service);
        assertThat(api.post(
                        cashierToken,
                        "/api/v1/invoices/" + invoice + "/payments",
                        "{\"method\":\"CASH\",\"amount\":5000000}"))
                .hasStatus(201);
    }

    MvcTestResult page(Cookie session, String uri) {
        return mvc.get()
                .uri(uri)
                .cookie(session)
                .header("Accept-Language", "en")
                .accept(MediaType.TEXT_HTML)
                .exchange();
    }

    long payments() {
        return TestDatabase.get()
                .count(
                        "SELECT count(*) FROM billing.payments WHERE tenant_id = ?",
                        clinic.tenantId().value());
    }

    /** Runs one statement as the superuser (the test's own ids only); answers the first column of a query. */
    static String sql(String statement) {
        try (java.sql.Connection connection = TestDatabase.get().connectAsSuperuser();
                java.sql.Statement st = connection.createStatement()) {
            if (st.execute(statement)) {
                try (java.sql.ResultSet rs = st.getResultSet()) {
                    return rs.next() ? rs.getString(1) : "";
                }
            }
            return "";
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theCashierSeesTheDeskTheInvoiceTheReceiptAndTheReport() {
        Cookie session = PageSessions.signIn(mvc, cashier);

        assertThat(page(session, "/billing/desk"))
                .hasStatusOk()
                .bodyText()
                .contains("Karimov Aziz")
                .contains("Partially paid")
                .contains("150\u00a0000,50")
                .contains("100\u00a0000,50");
        assertThat(page(session, "/billing/invoices/" + invoice))
                .hasStatusOk()
                .bodyText()
                .contains("Take the payment")
                .contains("Consultation")
                .doesNotContain("Reason for the refund");
        assertThat(page(session, "/billing/invoices/" + invoice + "/receipt"))
                .hasStatusOk()
                .bodyText()
                .contains("Chek 100001")
                .contains("Naqd")
                .contains("50\u00a0000,00");
        MvcTestResult pdf = page(session, "/billing/invoices/" + invoice + "/receipt.pdf");
        assertThat(pdf).hasStatusOk().hasContentType(MediaType.APPLICATION_PDF);
        assertThat(new String(
                        pdf.getResponse().getContentAsByteArray(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        assertThat(page(session, "/billing/reports/cash"))
                .hasStatusOk()
                .bodyText()
                .contains("Cash")
                .contains("50\u00a0000,00");
        MvcTestResult csv = page(session, "/billing/reports/cash.csv");
        assertThat(csv).hasStatusOk();
        assertThat(csv).bodyText().contains("amount_tiyin").contains(",CASH,PAYMENT,5000000,50000,");
    }

    @Test
    void theReceiptIsInThePatientsLanguageUnlessAnotherIsAsked() {
        Cookie session = PageSessions.signIn(mvc, cashier);
        sql("UPDATE patients.patients SET language = 'ru' WHERE id = '" + patient + "'");

        assertThat(page(session, "/billing/invoices/" + invoice + "/receipt"))
                .hasStatusOk()
                .bodyText()
                .contains("Чек")
                .contains("Наличные");
        assertThat(page(session, "/billing/invoices/" + invoice + "/receipt?language=uz"))
                .hasStatusOk()
                .bodyText()
                .contains("Naqd");
        // the reader's own language is untouched
        assertThat(page(session, "/billing/desk")).bodyText().contains("Cash desk");
    }

    @Test
    void aPaymentTheRulesRefuseIsShownBesideTheAmountAndStoresNothing() {
        Cookie session = PageSessions.signIn(mvc, cashier);
        long before = payments();

        MvcTestResult unreadable = mvc.post()
                .uri("/billing/invoices/" + invoice + "/payments")
                .with(csrf())
                .cookie(session)
                .header("Accept-Language", "en")
                .param("method", "CASH")
                .param("amount", "fifty")
                .exchange();
        assertThat(unreadable).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(unreadable).bodyText().contains("Enter an amount in UZS");

        MvcTestResult above = mvc.post()
                .uri("/billing/invoices/" + invoice + "/payments")
                .with(csrf())
                .cookie(session)
                .header("Accept-Language", "en")
                .param("method", "CASH")
                .param("amount", "100 000,51")
                .exchange();
        assertThat(above).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(above).bodyText().contains("pay-amount-error");
        assertThat(payments()).isEqualTo(before);

        MvcTestResult rest = mvc.post()
                .uri("/billing/invoices/" + invoice + "/payments")
                .with(csrf())
                .cookie(session)
                .param("method", "CARD")
                .param("amount", "100 000,50")
                .exchange();
        assertThat(rest).hasStatus(HttpStatus.FOUND);
        assertThat(page(session, "/billing/invoices/" + invoice)).bodyText().contains("data-status=\"PAID\"");
    }

    @Test
    void everyRouteIsRefusedToRolesWithoutBillingAndToOtherOrganizations() {
        Cookie nurse = PageSessions.signIn(mvc, fixtures.staff(clinic, Role.NURSE));
        for (String uri : new String[] {
            "/billing/desk",
            "/billing/invoices/" + invoice,
            "/billing/invoices/new?patient=" + patient,
            "/billing/invoices/" + invoice + "/receipt",
            "/billing/invoices/" + invoice + "/receipt.pdf",
            "/billing/reports/cash",
            "/billing/reports/cash.csv",
            "/admin/billing/prices",
            "/admin/billing/providers"
        }) {
            assertThat(page(nurse, uri)).as(uri).hasStatus(HttpStatus.FORBIDDEN);
        }
        Cookie reception = PageSessions.signIn(mvc, fixtures.staff(clinic, Role.RECEPTIONIST));
        assertThat(page(reception, "/billing/reports/cash")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(page(reception, "/admin/billing/prices")).hasStatus(HttpStatus.FORBIDDEN);
        Cookie desk = PageSessions.signIn(mvc, cashier);
        assertThat(page(desk, "/admin/billing/providers")).hasStatus(HttpStatus.FORBIDDEN);
        String paymentId = sql("SELECT id::text FROM billing.payments WHERE invoice_id = '" + invoice + "'");
        assertThat(mvc.post()
                        .uri("/billing/payments/" + paymentId + "/refund")
                        .with(csrf())
                        .cookie(desk)
                        .param("invoice", invoice)
                        .param("reason", "mistake")
                        .exchange())
                .hasStatus(HttpStatus.FORBIDDEN);

        IdentityFixtures.Clinic other = fixtures.clinic();
        Cookie stranger = PageSessions.signIn(mvc, fixtures.staff(other, Role.CASHIER));
        assertThat(page(stranger, "/billing/invoices/" + invoice)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(page(stranger, "/billing/invoices/" + invoice + "/receipt")).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(page(stranger, "/billing/desk?branch=" + branch)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(page(stranger, "/billing/invoices/not-an-id")).hasStatus(HttpStatus.NOT_FOUND);
        long before = payments();
        assertThat(mvc.post()
                        .uri("/billing/invoices/" + invoice + "/payments")
                        .with(csrf())
                        .cookie(stranger)
                        .param("method", "CASH")
                        .param("amount", "1")
                        .exchange())
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(payments()).isEqualTo(before);
    }

    @Test
    void discountsOnThePageKeepTheCallersLimitAndNeedAReason() {
        Cookie session = PageSessions.signIn(mvc, cashier);
        MvcTestResult created = mvc.post()
                .uri("/billing/invoices")
                .with(csrf())
                .cookie(session)
                .param("patient", patient)
                .param("branch", branch)
                .param("service", service)
                .param("quantity", "2")
                .exchange();
        assertThat(created).hasStatus(HttpStatus.FOUND);
        String location = java.util.Objects.requireNonNull(created.getResponse().getRedirectedUrl());
        String draft = location.replaceAll(".*/billing/invoices/([0-9a-f-]{36}).*", "$1");
        assertThat(page(session, "/billing/invoices/" + draft))
                .bodyText()
                .contains("300\u00a0001,00")
                .contains("data-status=\"DRAFT\"");

        MvcTestResult tooMuch = mvc.post()
                .uri("/billing/invoices/" + draft + "/lines/1/discount")
                .with(csrf())
                .cookie(session)
                .header("Accept-Language", "en")
                .param("kind", "PERCENT")
                .param("value", "20")
                .param("reason", "Pensioner")
                .exchange();
        assertThat(tooMuch).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(tooMuch).bodyText().contains("discount-value-0-error").contains("a cashier may give at most 10 %");

        MvcTestResult noReason = mvc.post()
                .uri("/billing/invoices/" + draft + "/lines/1/discount")
                .with(csrf())
                .cookie(session)
                .header("Accept-Language", "en")
                .param("kind", "PERCENT")
                .param("value", "10")
                .param("reason", " ")
                .exchange();
        assertThat(noReason).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(noReason).bodyText().contains("discount-reason-0-error");

        assertThat(mvc.post()
                        .uri("/billing/invoices/" + draft + "/lines/1/discount")
                        .with(csrf())
                        .cookie(session)
                        .param("kind", "PERCENT")
                        .param("value", "10")
                        .param("reason", "Pensioner")
                        .exchange())
                .hasStatus(HttpStatus.FOUND);
        assertThat(page(session, "/billing/invoices/" + draft))
                .bodyText()
                .contains("270\u00a0000,90")
                .contains("Pensioner");
        assertThat(mvc.post()
                        .uri("/billing/invoices/" + draft + "/lines/9/remove")
                        .with(csrf())
                        .cookie(session)
                        .exchange())
                .hasStatus(HttpStatus.NOT_FOUND);
    }
}
