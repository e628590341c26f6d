package org.shifo.billing.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.billing.BillingEventProbe;
import org.shifo.billing.BillingFixtures;
import org.shifo.identity.Role;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class BillingApiIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    @Autowired
    BillingEventProbe probe;

    ApiCalls api;
    BillingFixtures billing;
    IdentityFixtures.Clinic clinic;
    String admin;
    String cashier;
    String reception;
    String doctor;
    String branch;
    String consultation;
    String dressing;
    String patient;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        admin = fixtures.bearer(fixtures.admin(clinic));
        cashier = fixtures.bearer(fixtures.staff(clinic, Role.CASHIER));
        reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        doctor = fixtures.bearer(fixtures.staff(clinic, Role.DOCTOR));
        billing = new BillingFixtures(api, admin, reception);
        branch = clinic.branchId().value().toString();
        consultation = billing.service("Consultation");
        dressing = billing.service("Dressing");
        billing.price(consultation, branch, 15_000_000);
        billing.price(dressing, branch, 2_500_050);
        patient = billing.patient("Karimov");
    }

    MvcTestResult createInvoice(String token, String lines) {
        return api.post(
                token,
                "/api/v1/invoices",
                "{\"patientId\":\"%s\",\"branchId\":\"%s\",\"lines\":%s}".formatted(patient, branch, lines));
    }

    static void assertField(JsonNode problem, String field, String code) {
        assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
        assertThat(problem.get("errors").findValuesAsString("code")).contains(code);
    }

    long invoices() {
        return TestDatabase.get()
                .count(
                        "SELECT count(*) FROM billing.invoices WHERE tenant_id = ?",
                        clinic.tenantId().value());
    }

    // --- prices -------------------------------------------------------------------------------------------

    @Test
    void administratorsSetPricesInTiyinAndEveryoneAtTheDeskReadsThem() {
        MvcTestResult set = api.put(
                admin,
                "/api/v1/billing/prices/" + consultation,
                "{\"branchId\":\"%s\",\"amount\":18000000,\"vatIncluded\":true}".formatted(branch));
        assertThat(set).hasStatus(200);
        assertThat(api.body(set).get("amount").asLong()).isEqualTo(18_000_000L);
        assertThat(api.body(set).get("vatIncluded").asBoolean()).isTrue();

        JsonNode list = api.body(api.get(cashier, "/api/v1/billing/prices?branchId=" + branch));
        assertThat(list.findValuesAsString("serviceName")).contains("Consultation", "Dressing");

        assertThat(api.put(
                        cashier,
                        "/api/v1/billing/prices/" + consultation,
                        "{\"branchId\":\"%s\",\"amount\":1}".formatted(branch)))
                .hasStatus(403);
        assertThat(api.get(doctor, "/api/v1/billing/prices?branchId=" + branch)).hasStatus(403);
    }

    @Test
    void badPricesAreRefusedNamingTheFieldAndNothingChanges() {
        String uri = "/api/v1/billing/prices/" + consultation;
        MvcTestResult negative = api.put(admin, uri, "{\"branchId\":\"%s\",\"amount\":-1}".formatted(branch));
        assertThat(negative).hasStatus(400);
        assertField(api.body(negative), "amount", "negative");

        MvcTestResult tooLarge =
                api.put(admin, uri, "{\"branchId\":\"%s\",\"amount\":1000000000001}".formatted(branch));
        assertThat(tooLarge).hasStatus(400);
        assertField(api.body(tooLarge), "amount", "too-large");

        MvcTestResult overflowing =
                api.put(admin, uri, "{\"branchId\":\"%s\",\"amount\":99999999999999999999999}".formatted(branch));
        assertThat(overflowing).hasStatus(400);

        assertThat(api.put(admin, uri, "{\"branchId\":\"%s\",\"amount\":\"cheap\"}".formatted(branch)))
                .hasStatus(400);
        assertThat(api.put(admin, uri, "{\"amount\":100}")).hasStatus(400);

        IdentityFixtures.Clinic other = fixtures.clinic();
        MvcTestResult foreignBranch = api.put(
                admin,
                uri,
                "{\"branchId\":\"%s\",\"amount\":100}"
                        .formatted(other.branchId().value()));
        assertThat(foreignBranch).hasStatus(400);
        assertField(api.body(foreignBranch), "branchId", "unknown-branch");

        assertThat(api.put(
                        admin,
                        "/api/v1/billing/prices/" + java.util.UUID.randomUUID(),
                        "{\"branchId\":\"%s\",\"amount\":100}".formatted(branch)))
                .hasStatus(404);

        JsonNode list = api.body(api.get(admin, "/api/v1/billing/prices?branchId=" + branch));
        for (JsonNode price : list) {
            if (price.get("serviceId").asString().equals(consultation)) {
                assertThat(price.get("amount").asLong()).isEqualTo(15_000_000L);
            }
        }
    }

    // --- invoices -----------------------------------------------------------------------------------------

    @Test
    void theServerPricesTheLinesAndComputesTheTotals() {
        MvcTestResult created = createInvoice(
                reception,
                "[{\"serviceId\":\"%s\",\"quantity\":2},{\"serviceId\":\"%s\"}]".formatted(consultation, dressing));
        assertThat(created).hasStatus(201);
        JsonNode invoice = api.body(created);
        assertThat(invoice.get("status").asString()).isEqualTo("DRAFT");
        assertThat(invoice.get("paymentReference").asString()).matches("[0-9]{6,12}");
        assertThat(invoice.get("total").asLong()).isEqualTo(2 * 15_000_000L + 2_500_050L);
        assertThat(invoice.get("paid").asLong()).isZero();
        assertThat(invoice.get("outstanding").asLong()).isEqualTo(32_500_050L);
        assertThat(invoice.get("lines")).hasSize(2);
        assertThat(invoice.get("lines").get(0).get("unitPrice").asLong()).isEqualTo(15_000_000L);
        assertThat(invoice.get("lines").get(0).get("lineTotal").asLong()).isEqualTo(30_000_000L);
        assertThat(invoice.get("lines").get(1).get("serviceName").asString()).isEqualTo("Dressing");

        JsonNode read = api.body(
                api.get(cashier, "/api/v1/invoices/" + invoice.get("id").asString()));
        assertThat(read.get("total").asLong()).isEqualTo(32_500_050L);
        assertThat(read.get("paymentReference").asString())
                .isEqualTo(invoice.get("paymentReference").asString());

        MvcTestResult second = createInvoice(reception, "[{\"serviceId\":\"%s\"}]".formatted(dressing));
        assertThat(api.body(second).get("paymentReference").asString())
                .isNotEqualTo(invoice.get("paymentReference").asString());
    }

    @Test
    void aClientTotalIsNeverTaken() {
        MvcTestResult withTotal = api.post(
                reception,
                "/api/v1/invoices",
                "{\"patientId\":\"%s\",\"branchId\":\"%s\",\"total\":1,\"lines\":[{\"serviceId\":\"%s\"}]}"
                        .formatted(patient, branch, consultation));
        assertThat(withTotal).hasStatus(400);
        assertThat(invoices()).isZero();
    }

    @Test
    void discountsNeedAReasonAndStayWithinTheGiversLimit() {
        String tenPercent =
                "[{\"serviceId\":\"%s\",\"discount\":{\"kind\":\"PERCENT\",\"value\":10,\"reason\":\"Veteran\"}}]"
                        .formatted(consultation);
        MvcTestResult byCashier = createInvoice(cashier, tenPercent);
        assertThat(byCashier).hasStatus(201);
        JsonNode line = api.body(byCashier).get("lines").get(0);
        assertThat(line.get("discountAmount").asLong()).isEqualTo(1_500_000L);
        assertThat(line.get("lineTotal").asLong()).isEqualTo(13_500_000L);
        assertThat(line.get("discount").get("reason").asString()).isEqualTo("Veteran");

        String half = "[{\"serviceId\":\"%s\",\"discount\":{\"kind\":\"PERCENT\",\"value\":50,\"reason\":\"Staff\"}}]"
                .formatted(consultation);
        MvcTestResult tooMuch = createInvoice(cashier, half);
        assertThat(tooMuch).hasStatus(422);
        assertField(api.body(tooMuch), "lines[0].discount", "discount-not-allowed");
        assertThat(createInvoice(reception, tenPercent)).hasStatus(422);
        assertThat(createInvoice(admin, half)).hasStatus(201);

        String fixed = "[{\"serviceId\":\"%s\",\"discount\":{\"kind\":\"FIXED\",\"value\":1500001,\"reason\":\"x\"}}]"
                .formatted(consultation);
        assertThat(createInvoice(cashier, fixed)).hasStatus(422);
        String fixedTooBig =
                "[{\"serviceId\":\"%s\",\"discount\":{\"kind\":\"FIXED\",\"value\":15000001,\"reason\":\"x\"}}]"
                        .formatted(consultation);
        MvcTestResult aboveLine = createInvoice(admin, fixedTooBig);
        assertThat(aboveLine).hasStatus(422);
        assertField(api.body(aboveLine), "lines[0].discount.value", "discount-above-line");

        MvcTestResult noReason = createInvoice(
                admin,
                "[{\"serviceId\":\"%s\",\"discount\":{\"kind\":\"PERCENT\",\"value\":5}}]".formatted(consultation));
        assertThat(noReason).hasStatus(400);
        assertField(api.body(noReason), "lines[0].discount.reason", "required");

        MvcTestResult badKind = createInvoice(
                admin,
                "[{\"serviceId\":\"%s\",\"discount\":{\"kind\":\"GIFT\",\"value\":5,\"reason\":\"x\"}}]"
                        .formatted(consultation));
        assertThat(badKind).hasStatus(400);
        assertField(api.body(badKind), "lines[0].discount.kind", "one-of");

        MvcTestResult percentAbove = createInvoice(
                admin,
                "[{\"serviceId\":\"%s\",\"discount\":{\"kind\":\"PERCENT\",\"value\":101,\"reason\":\"x\"}}]"
                        .formatted(consultation));
        assertThat(percentAbove).hasStatus(400);
        assertThat(invoices()).isEqualTo(2);
    }

    @Test
    void badInvoicesAreRefusedAndNothingIsStored() {
        MvcTestResult noLines = createInvoice(reception, "[]");
        assertThat(noLines).hasStatus(400);
        assertField(api.body(noLines), "lines", "required");

        MvcTestResult quantity =
                createInvoice(reception, "[{\"serviceId\":\"%s\",\"quantity\":0}]".formatted(consultation));
        assertThat(quantity).hasStatus(400);
        assertField(api.body(quantity), "lines[0].quantity", "range");

        MvcTestResult hugeQuantity =
                createInvoice(reception, "[{\"serviceId\":\"%s\",\"quantity\":99999999999}]".formatted(consultation));
        assertThat(hugeQuantity).hasStatus(400);

        String unpriced = billing.service("Unpriced");
        MvcTestResult noPrice = createInvoice(reception, "[{\"serviceId\":\"%s\"}]".formatted(unpriced));
        assertThat(noPrice).hasStatus(422);
        assertField(api.body(noPrice), "lines[0].serviceId", "no-price");

        MvcTestResult unknownService =
                createInvoice(reception, "[{\"serviceId\":\"%s\"}]".formatted(java.util.UUID.randomUUID()));
        assertThat(unknownService).hasStatus(400);

        MvcTestResult unknownPatient = api.post(
                reception,
                "/api/v1/invoices",
                "{\"patientId\":\"%s\",\"branchId\":\"%s\",\"lines\":[{\"serviceId\":\"%s\"}]}"
                        .formatted(java.util.UUID.randomUUID(), branch, consultation));
        assertThat(unknownPatient).hasStatus(400);
        assertField(api.body(unknownPatient), "patientId", "unknown-patient");

        MvcTestResult unknownEncounter = api.post(
                reception,
                "/api/v1/invoices",
                "{\"patientId\":\"%s\",\"branchId\":\"%s\",\"encounterId\":\"%s\",\"lines\":[{\"serviceId\":\"%s\"}]}"
                        .formatted(patient, branch, java.util.UUID.randomUUID(), consultation));
        assertThat(unknownEncounter).hasStatus(400);
        assertField(api.body(unknownEncounter), "encounterId", "unknown-encounter");

        assertThat(createInvoice(doctor, "[{\"serviceId\":\"%s\"}]".formatted(consultation)))
                .hasStatus(403);
        assertThat(invoices()).isZero();
        assertThat(TestDatabase.get()
                        .count(
                                "SELECT count(*) FROM billing.invoice_lines WHERE tenant_id = ?",
                                clinic.tenantId().value()))
                .isZero();
    }

    @Test
    void linesChangeUntilPaidAndAreRepriced() {
        String id = api.body(createInvoice(reception, "[{\"serviceId\":\"%s\"}]".formatted(consultation)))
                .get("id")
                .asString();
        MvcTestResult changed = api.put(
                reception,
                "/api/v1/invoices/" + id + "/lines",
                "{\"lines\":[{\"serviceId\":\"%s\",\"quantity\":3}]}".formatted(dressing));
        assertThat(changed).hasStatus(200);
        assertThat(api.body(changed).get("total").asLong()).isEqualTo(3 * 2_500_050L);
        assertThat(api.post(reception, "/api/v1/invoices/" + id + "/issue", "")).hasStatus(200);
        assertThat(api.post(
                        cashier, "/api/v1/invoices/" + id + "/payments", "{\"method\":\"CASH\",\"amount\":1000000}"))
                .hasStatus(201);
        MvcTestResult belowPaid = api.put(
                reception,
                "/api/v1/invoices/" + id + "/lines",
                "{\"lines\":[{\"serviceId\":\"%s\",\"discount\":{\"kind\":\"FIXED\",\"value\":2000000,\"reason\":\"x\"}}]}"
                        .formatted(dressing));
        assertThat(belowPaid).hasStatus(422);
        assertThat(api.post(
                        cashier, "/api/v1/invoices/" + id + "/payments", "{\"method\":\"CARD\",\"amount\":6500150}"))
                .hasStatus(201);
        assertThat(api.put(
                        reception,
                        "/api/v1/invoices/" + id + "/lines",
                        "{\"lines\":[{\"serviceId\":\"%s\"}]}".formatted(consultation)))
                .hasStatus(409);
    }

    @Test
    void anInvoiceForAVisitTakesTheAppointmentsService() {
        org.shifo.identity.Staff practitioner = fixtures.staff(clinic, Role.DOCTOR);
        StringBuilder weekly = new StringBuilder();
        for (String day :
                java.util.List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            weekly.append(weekly.isEmpty() ? "" : ",")
                    .append("{\"dayOfWeek\":\"%s\",\"start\":\"09:00\",\"end\":\"18:00\"}".formatted(day));
        }
        assertThat(api.put(
                        admin,
                        "/api/v1/practitioners/" + practitioner.userId().value() + "/schedule",
                        "{\"branchId\":\"%s\",\"weekly\":[%s],\"serviceIds\":[\"%s\"]}"
                                .formatted(branch, weekly, consultation)))
                .hasStatus(200);
        String start = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tashkent"))
                .plusDays(7)
                .atTime(10, 0)
                .atZone(java.time.ZoneId.of("Asia/Tashkent"))
                .toOffsetDateTime()
                .toString();
        MvcTestResult booked = api.post(
                reception,
                "/api/v1/appointments",
                "{\"patientId\":\"%s\",\"practitionerId\":\"%s\",\"serviceId\":\"%s\",\"start\":\"%s\"}"
                        .formatted(patient, practitioner.userId().value(), consultation, start));
        assertThat(booked).hasStatus(201);
        String appointment = api.body(booked).get("id").asString();

        MvcTestResult created = api.post(
                reception,
                "/api/v1/invoices",
                "{\"patientId\":\"%s\",\"branchId\":\"%s\",\"appointmentId\":\"%s\"}"
                        .formatted(patient, branch, appointment));
        assertThat(created).hasStatus(201);
        JsonNode invoice = api.body(created);
        assertThat(invoice.get("appointmentId").asString()).isEqualTo(appointment);
        assertThat(invoice.get("lines")).hasSize(1);
        assertThat(invoice.get("lines").get(0).get("serviceId").asString()).isEqualTo(consultation);
        assertThat(invoice.get("total").asLong()).isEqualTo(15_000_000L);

        String stranger = billing.patient("Tursunov");
        MvcTestResult notTheirs = api.post(
                reception,
                "/api/v1/invoices",
                "{\"patientId\":\"%s\",\"branchId\":\"%s\",\"appointmentId\":\"%s\"}"
                        .formatted(stranger, branch, appointment));
        assertThat(notTheirs).hasStatus(400);
        assertField(api.body(notTheirs), "appointmentId", "unknown-appointment");
    }

    // --- payments and refunds -----------------------------------------------------------------------------

    @Test
    void cashAndCardPaymentsPayTheInvoiceAndAnnounceItOnce() {
        String id = billing.issuedInvoice(reception, patient, branch, consultation);
        MvcTestResult part =
                api.post(cashier, "/api/v1/invoices/" + id + "/payments", "{\"method\":\"CASH\",\"amount\":5000000}");
        assertThat(part).hasStatus(201);
        assertThat(api.body(part).get("status").asString()).isEqualTo("PARTIALLY_PAID");
        assertThat(api.body(part).get("outstanding").asLong()).isEqualTo(10_000_000L);
        assertThat(probe.paid(java.util.UUID.fromString(id))).isEmpty();

        MvcTestResult above =
                api.post(cashier, "/api/v1/invoices/" + id + "/payments", "{\"method\":\"CARD\",\"amount\":10000001}");
        assertThat(above).hasStatus(422);
        assertField(api.body(above), "amount", "above-outstanding");

        MvcTestResult rest =
                api.post(cashier, "/api/v1/invoices/" + id + "/payments", "{\"method\":\"CARD\",\"amount\":10000000}");
        assertThat(rest).hasStatus(201);
        JsonNode paid = api.body(rest);
        assertThat(paid.get("status").asString()).isEqualTo("PAID");
        assertThat(paid.get("paid").asLong()).isEqualTo(15_000_000L);
        assertThat(paid.get("outstanding").asLong()).isZero();
        assertThat(paid.get("payments")).hasSize(2);
        assertThat(paid.get("payments").findValuesAsString("method")).containsExactly("CASH", "CARD");
        assertThat(probe.paid(java.util.UUID.fromString(id))).hasSize(1);
        assertThat(probe.paid(java.util.UUID.fromString(id)).getFirst().method())
                .isEqualTo("CARD");

        MvcTestResult again =
                api.post(cashier, "/api/v1/invoices/" + id + "/payments", "{\"method\":\"CASH\",\"amount\":1}");
        assertThat(again).hasStatus(409);
        assertThat(probe.paid(java.util.UUID.fromString(id))).hasSize(1);
        assertThat(TestDatabase.get()
                        .count(
                                "SELECT count(*) FROM audit.entries WHERE action = 'payment.record' AND target_id = ?",
                                id))
                .isEqualTo(2);
    }

    @Test
    void badPaymentsAreRefusedAndNothingIsPaid() {
        String draft = api.body(createInvoice(reception, "[{\"serviceId\":\"%s\"}]".formatted(consultation)))
                .get("id")
                .asString();
        assertThat(api.post(cashier, "/api/v1/invoices/" + draft + "/payments", "{\"method\":\"CASH\",\"amount\":100}"))
                .hasStatus(409);

        String id = billing.issuedInvoice(reception, patient, branch, consultation);
        String uri = "/api/v1/invoices/" + id + "/payments";
        MvcTestResult zero = api.post(cashier, uri, "{\"method\":\"CASH\",\"amount\":0}");
        assertThat(zero).hasStatus(400);
        assertField(api.body(zero), "amount", "not-positive");
        assertThat(api.post(cashier, uri, "{\"method\":\"CASH\",\"amount\":-5}"))
                .hasStatus(400);
        assertThat(api.post(cashier, uri, "{\"method\":\"CASH\",\"amount\":1e30}"))
                .hasStatus(400);
        assertThat(api.post(cashier, uri, "{\"method\":\"CASH\",\"amount\":92233720368547758070}"))
                .hasStatus(400);
        MvcTestResult payme = api.post(cashier, uri, "{\"method\":\"PAYME\",\"amount\":100}");
        assertThat(payme).hasStatus(400);
        assertField(api.body(payme), "method", "one-of");
        assertThat(api.post(cashier, uri, "{\"amount\":100}")).hasStatus(400);
        assertThat(api.post(reception, uri, "{\"method\":\"CASH\",\"amount\":100}"))
                .hasStatus(403);
        assertThat(api.post(
                        cashier,
                        "/api/v1/invoices/" + java.util.UUID.randomUUID() + "/payments",
                        "{\"method\":\"CASH\",\"amount\":100}"))
                .hasStatus(404);

        JsonNode invoice = api.body(api.get(cashier, "/api/v1/invoices/" + id));
        assertThat(invoice.get("paid").asLong()).isZero();
        assertThat(invoice.get("status").asString()).isEqualTo("ISSUED");
        assertThat(TestDatabase.get()
                        .count(
                                "SELECT count(*) FROM billing.payments WHERE tenant_id = ?",
                                clinic.tenantId().value()))
                .isZero();
    }

    @Test
    void administratorsRefundPaymentsWithAReasonOnce() {
        String id = billing.issuedInvoice(reception, patient, branch, consultation);
        JsonNode paid = api.body(
                api.post(cashier, "/api/v1/invoices/" + id + "/payments", "{\"method\":\"CASH\",\"amount\":15000000}"));
        String payment = paid.get("payments").get(0).get("id").asString();
        String uri = "/api/v1/payments/" + payment + "/refund";

        assertThat(api.post(cashier, uri, "{\"reason\":\"Changed mind\"}")).hasStatus(403);
        MvcTestResult noReason = api.post(admin, uri, "{\"reason\":\"  \"}");
        assertThat(noReason).hasStatus(400);
        assertField(api.body(noReason), "reason", "required");

        MvcTestResult refunded = api.post(admin, uri, "{\"reason\":\"Procedure not done\"}");
        assertThat(refunded).hasStatus(200);
        JsonNode invoice = api.body(refunded);
        assertThat(invoice.get("status").asString()).isEqualTo("REFUNDED");
        assertThat(invoice.get("paid").asLong()).isZero();
        assertThat(invoice.get("payments").get(0).get("refunded").asBoolean()).isTrue();
        assertThat(invoice.get("payments").get(0).get("refundReason").asString())
                .isEqualTo("Procedure not done");
        assertThat(probe.refunded(java.util.UUID.fromString(id))).hasSize(1);

        assertThat(api.post(admin, uri, "{\"reason\":\"again\"}")).hasStatus(409);
        assertThat(probe.refunded(java.util.UUID.fromString(id))).hasSize(1);
        assertThat(api.post(admin, "/api/v1/payments/" + java.util.UUID.randomUUID() + "/refund", "{\"reason\":\"x\"}"))
                .hasStatus(404);
    }

    @Test
    void anInvoiceIsCancelledOnlyBeforeAnyPayment() {
        String id = billing.issuedInvoice(reception, patient, branch, consultation);
        assertThat(api.post(reception, "/api/v1/invoices/" + id + "/cancel", "{}"))
                .hasStatus(400);
        MvcTestResult cancelled =
                api.post(reception, "/api/v1/invoices/" + id + "/cancel", "{\"reason\":\"Duplicate\"}");
        assertThat(cancelled).hasStatus(200);
        assertThat(api.body(cancelled).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(api.post(cashier, "/api/v1/invoices/" + id + "/payments", "{\"method\":\"CASH\",\"amount\":1}"))
                .hasStatus(409);
        assertThat(api.post(reception, "/api/v1/invoices/" + id + "/issue", "")).hasStatus(409);
    }

    // --- reading, listing, tenancy ------------------------------------------------------------------------

    @Test
    void theDeskListsTodaysInvoicesOfItsBranch() {
        String first = billing.issuedInvoice(reception, patient, branch, consultation);
        createInvoice(reception, "[{\"serviceId\":\"%s\"}]".formatted(dressing));
        JsonNode all = api.body(api.get(cashier, "/api/v1/invoices?branchId=" + branch));
        assertThat(all).hasSize(2);
        assertThat(all.findValuesAsString("patientName")).allMatch(name -> name.contains("Karimov"));
        JsonNode issued = api.body(api.get(cashier, "/api/v1/invoices?branchId=" + branch + "&status=ISSUED"));
        assertThat(issued).hasSize(1);
        assertThat(issued.get(0).get("id").asString()).isEqualTo(first);
        assertThat(api.body(api.get(cashier, "/api/v1/invoices?branchId=" + branch + "&date=2001-01-01")))
                .isEmpty();
        MvcTestResult badStatus = api.get(cashier, "/api/v1/invoices?branchId=" + branch + "&status=OPEN");
        assertThat(badStatus).hasStatus(400);
        assertField(api.body(badStatus), "status", "one-of");
        assertThat(api.get(cashier, "/api/v1/invoices?branchId=" + branch + "&date=yesterday"))
                .hasStatus(400);
        assertThat(api.get(cashier, "/api/v1/invoices")).hasStatus(400);
        assertThat(api.get(doctor, "/api/v1/invoices?branchId=" + branch)).hasStatus(403);
    }

    @Test
    void anotherOrganizationSeesNothing() {
        String id = billing.issuedInvoice(reception, patient, branch, consultation);
        IdentityFixtures.Clinic other = fixtures.clinic();
        String otherAdmin = fixtures.bearer(fixtures.admin(other));
        String otherCashier = fixtures.bearer(fixtures.staff(other, Role.CASHIER));
        assertThat(api.get(otherAdmin, "/api/v1/invoices/" + id)).hasStatus(404);
        assertThat(api.post(
                        otherCashier, "/api/v1/invoices/" + id + "/payments", "{\"method\":\"CASH\",\"amount\":100}"))
                .hasStatus(404);
        assertThat(api.post(otherAdmin, "/api/v1/invoices/" + id + "/issue", ""))
                .hasStatus(404);
        assertThat(api.post(
                        otherAdmin,
                        "/api/v1/invoices",
                        "{\"patientId\":\"%s\",\"branchId\":\"%s\",\"lines\":[{\"serviceId\":\"%s\"}]}"
                                .formatted(patient, other.branchId().value(), consultation)))
                .hasStatus(400);
        assertThat(api.get(cashier, "/api/v1/invoices/" + id)).hasStatus(200);
        assertThat(TestDatabase.get()
                        .count(
                                "SELECT count(*) FROM audit.entries WHERE action = 'invoice.read' AND target_id = ?",
                                id))
                .isEqualTo(1);
    }

    // --- provider settings --------------------------------------------------------------------------------

    @Test
    void providerSecretsAreWriteOnlyAndStoredEncrypted() throws Exception {
        String key = "TestKey&123#%?@:xyz-0123456789abcdef";
        MvcTestResult saved = api.put(
                admin,
                "/api/v1/billing/providers/payme",
                "{\"merchantId\":\"587f72c72cac0d162c722ae2\",\"key\":\"%s\",\"login\":\"Paycom\",\"accountField\":\"invoice_id\"}"
                        .formatted(key));
        assertThat(saved).hasStatus(200);
        String body = saved.getResponse().getContentAsString();
        assertThat(body).doesNotContain(key).contains("\"secretSet\":true");
        assertThat(api.get(admin, "/api/v1/billing/providers/payme")
                        .getResponse()
                        .getContentAsString())
                .doesNotContain(key)
                .contains("587f72c72cac0d162c722ae2");
        assertThat(TestDatabase.get()
                        .count(
                                "SELECT count(*) FROM billing.provider_settings WHERE secret_encrypted LIKE ? OR lookup_key LIKE ?",
                                "%TestKey%",
                                "%TestKey%"))
                .isZero();

        // keeping the key: leave it out
        assertThat(api.put(admin, "/api/v1/billing/providers/payme", "{\"merchantId\":\"587f72c72cac0d162c722ae3\"}"))
                .hasStatus(200);

        IdentityFixtures.Clinic other = fixtures.clinic();
        String otherAdmin = fixtures.bearer(fixtures.admin(other));
        MvcTestResult sameKey = api.put(
                otherAdmin,
                "/api/v1/billing/providers/payme",
                "{\"merchantId\":\"aaa\",\"key\":\"%s\"}".formatted(key));
        assertThat(sameKey).hasStatus(422);
        assertThat(api.put(otherAdmin, "/api/v1/billing/providers/payme", "{\"merchantId\":\"aaa\"}"))
                .hasStatus(400);

        MvcTestResult click = api.put(
                admin,
                "/api/v1/billing/providers/click",
                "{\"serviceId\":\"85335\",\"merchantId\":\"11111\",\"merchantUserId\":\"22222\",\"secretKey\":\"TestSecret123\"}");
        assertThat(click).hasStatus(200);
        assertThat(click.getResponse().getContentAsString()).doesNotContain("TestSecret123");
        MvcTestResult badClick = api.put(
                admin,
                "/api/v1/billing/providers/click",
                "{\"serviceId\":\"abc\",\"merchantId\":\"11111\",\"merchantUserId\":\"22222\"}");
        assertThat(badClick).hasStatus(400);
        assertField(api.body(badClick), "serviceId", "digits");

        assertThat(api.put(cashier, "/api/v1/billing/providers/payme", "{\"merchantId\":\"x\",\"key\":\"y\"}"))
                .hasStatus(403);
        assertThat(api.get(cashier, "/api/v1/billing/providers/click")).hasStatus(403);
        assertThat(TestDatabase.get()
                        .count(
                                "SELECT count(*) FROM audit.entries WHERE action = 'billing.provider_settings' AND details::text LIKE ?",
                                "%TestKey%"))
                .isZero();
    }
}
