package org.shifo.billing.payme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shifo.billing.payme.PaymeClient.code;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.billing.BillingEventProbe;
import org.shifo.billing.BillingFixtures;
import org.shifo.identity.Role;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestClock;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PayMe's Merchant API played by a local client that sends exactly what PayMe sends: the sandbox's two
 * scenarios (spec §15), malformed calls, wrong types and amounts, unknown invoices, wrong keys, replayed and
 * reordered calls, the 12-hour timeout, and 1,000 concurrent copies of one payment.
 */
@IntegrationTest
class PaymeIntegrationTests {

    static final String KEY = "TestKey&123#%?@:abcdefghijklmnopqrstu";
    static final long PRICE = 5_000_000L;

    @LocalServerPort
    int port;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    @Autowired
    BillingEventProbe probe;

    @Autowired
    TestClock clock;

    ApiCalls api;
    BillingFixtures billing;
    IdentityFixtures.Clinic clinic;
    String admin;
    String reception;
    String cashier;
    String branch;
    String service;
    String patient;
    PaymeClient payme;
    String key;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        admin = fixtures.bearer(fixtures.admin(clinic));
        reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        cashier = fixtures.bearer(fixtures.staff(clinic, Role.CASHIER));
        billing = new BillingFixtures(api, admin, reception);
        branch = clinic.branchId().value().toString();
        service = billing.service("Consultation " + UUID.randomUUID().toString().substring(0, 6));
        billing.price(service, branch, PRICE);
        patient = billing.patient("Karimov");
        key = KEY + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put(
                        admin,
                        "/api/v1/billing/providers/payme",
                        "{\"merchantId\":\"587f72c72cac0d162c722ae2\",\"key\":\"%s\"}".formatted(key)))
                .hasStatus(200);
        payme = new PaymeClient(port, key, json);
    }

    /** An issued invoice; answers its payment reference and id. */
    String[] invoice() {
        String id = billing.issuedInvoice(reception, patient, branch, service);
        String reference = api.body(api.get(reception, "/api/v1/invoices/" + id))
                .get("paymentReference")
                .asString();
        return new String[] {reference, id};
    }

    static String account(String reference) {
        return "{\"invoice_id\":\"%s\"}".formatted(reference);
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    String create(String id, String reference, long amount) {
        return "{\"id\":\"%s\",\"time\":%d,\"amount\":%d,\"account\":%s}"
                .formatted(id, clock.millis(), amount, account(reference));
    }

    JsonNode invoiceOf(String id) {
        return api.body(api.get(reception, "/api/v1/invoices/" + id));
    }

    long count(String sql, Object... parameters) {
        return TestDatabase.get().count(sql, parameters);
    }

    static void assertError(JsonNode answer, int code) {
        assertThat(code(answer)).as(answer.toString()).isEqualTo(code);
        assertThat(answer.has("result")).isFalse();
        JsonNode message = answer.get("error").get("message");
        for (String language : List.of("ru", "uz", "en")) {
            assertThat(message.get(language).asString()).isNotBlank();
        }
    }

    // --- sandbox scenario 1: security, create, cancel an unconfirmed transaction ----------------------------

    @Test
    void sandboxScenarioOne() {
        String[] invoice = invoice();
        String reference = invoice[0];
        PaymeClient wrongKey = new PaymeClient(port, "not-the-key", json);
        for (String method : PaymeMerchant.METHODS) {
            assertError(wrongKey.call(method, create(newId(), reference, PRICE)), -32504);
        }
        assertError(wrongKey.call("NoSuchMethod", "{}"), -32504);
        assertError(
                new PaymeClient("http://localhost:" + port, "Paycom", null, json).call("CheckTransaction", "{}"),
                -32504);
        assertError(
                new PaymeClient("http://localhost:" + port, "Payme", key, json)
                        .call("CheckTransaction", "{\"id\":\"x\"}"),
                -32504);
        assertThat(count(
                        "SELECT count(*) FROM billing.provider_transactions WHERE tenant_id = ?",
                        clinic.tenantId().value()))
                .isZero();

        JsonNode wrongAmount = payme.call(
                "CheckPerformTransaction", "{\"amount\":%d,\"account\":%s}".formatted(PRICE - 1, account(reference)));
        assertError(wrongAmount, -31001);
        JsonNode unknownAccount = payme.call(
                "CheckPerformTransaction", "{\"amount\":%d,\"account\":%s}".formatted(PRICE, account("999999999")));
        assertError(unknownAccount, -31050);
        assertThat(unknownAccount.get("error").get("data").asString()).isEqualTo("invoice_id");
        JsonNode allowed = payme.call(
                "CheckPerformTransaction", "{\"amount\":%d,\"account\":%s}".formatted(PRICE, account(reference)));
        assertThat(allowed.get("result").get("allow").asBoolean())
                .as(allowed.toString())
                .isTrue();

        String id = newId();
        String params = create(id, reference, PRICE);
        JsonNode first = payme.call("CreateTransaction", params);
        JsonNode second = payme.call("CreateTransaction", params);
        assertThat(first.get("result").get("state").asInt())
                .as(first.toString())
                .isEqualTo(1);
        assertThat(first.get("result").get("transaction").isString()).isTrue();
        assertThat(second.get("result")).isEqualTo(first.get("result"));
        JsonNode checked = payme.call("CheckTransaction", "{\"id\":\"%s\"}".formatted(id));
        assertThat(checked.get("result").get("state").asInt()).isEqualTo(1);
        assertThat(checked.get("result").get("perform_time").asLong()).isZero();
        assertThat(checked.get("result").get("cancel_time").asLong()).isZero();
        assertThat(checked.get("result").get("reason").isNull()).isTrue();

        assertError(payme.call("CreateTransaction", create(newId(), reference, PRICE)), -31008);
        assertError(
                payme.call(
                        "CheckPerformTransaction",
                        "{\"amount\":%d,\"account\":%s}".formatted(PRICE, account(reference))),
                -31051);
        // the desk waits for PayMe meanwhile
        assertThat(api.post(
                        cashier,
                        "/api/v1/invoices/" + invoice[1] + "/payments",
                        "{\"method\":\"CASH\",\"amount\":100}"))
                .hasStatus(409);

        String cancelParams = "{\"id\":\"%s\",\"reason\":3}".formatted(id);
        JsonNode cancelled = payme.call("CancelTransaction", cancelParams);
        JsonNode cancelledAgain = payme.call("CancelTransaction", "{\"id\":\"%s\",\"reason\":5}".formatted(id));
        assertThat(cancelled.get("result").get("state").asInt())
                .as(cancelled.toString())
                .isEqualTo(-1);
        assertThat(cancelled.get("result").get("cancel_time").asLong()).isPositive();
        assertThat(cancelledAgain.get("result")).isEqualTo(cancelled.get("result"));
        JsonNode afterCancel = payme.call("CheckTransaction", "{\"id\":\"%s\"}".formatted(id));
        assertThat(afterCancel.get("result").get("state").asInt()).isEqualTo(-1);
        assertThat(afterCancel.get("result").get("reason").asInt()).isEqualTo(3);

        assertError(payme.call("PerformTransaction", "{\"id\":\"%s\"}".formatted(id)), -31008);
        assertError(payme.call("CreateTransaction", params), -31008);
        JsonNode reopened = invoiceOf(invoice[1]);
        assertThat(reopened.get("status").asString()).isEqualTo("ISSUED");
        assertThat(reopened.get("providerPending").asBoolean()).isFalse();
        assertThat(count("SELECT count(*) FROM billing.payments WHERE invoice_id = ?", UUID.fromString(invoice[1])))
                .isZero();
    }

    // --- sandbox scenario 2: create, perform, cancel a confirmed transaction --------------------------------

    @Test
    void sandboxScenarioTwo() {
        String[] invoice = invoice();
        String reference = invoice[0];
        UUID invoiceId = UUID.fromString(invoice[1]);
        JsonNode allowed = payme.call(
                "CheckPerformTransaction", "{\"amount\":%d,\"account\":%s}".formatted(PRICE, account(reference)));
        assertThat(allowed.get("result").get("allow").asBoolean()).isTrue();

        String id = newId();
        String params = create(id, reference, PRICE);
        JsonNode created = payme.call("CreateTransaction", params);
        assertThat(payme.call("CreateTransaction", params).get("result")).isEqualTo(created.get("result"));
        assertError(payme.call("CreateTransaction", create(newId(), reference, PRICE)), -31008);

        JsonNode performed = payme.call("PerformTransaction", "{\"id\":\"%s\"}".formatted(id));
        assertThat(performed.get("result").get("state").asInt())
                .as(performed.toString())
                .isEqualTo(2);
        assertThat(performed.get("result").get("perform_time").asLong()).isPositive();
        assertThat(performed.get("result").get("transaction").asString())
                .isEqualTo(created.get("result").get("transaction").asString());
        clock.advance(Duration.ofSeconds(1));
        JsonNode performedAgain = payme.call("PerformTransaction", "{\"id\":\"%s\"}".formatted(id));
        assertThat(performedAgain.get("result")).isEqualTo(performed.get("result"));

        JsonNode paid = invoiceOf(invoice[1]);
        assertThat(paid.get("status").asString()).isEqualTo("PAID");
        assertThat(paid.get("payments")).hasSize(1);
        assertThat(paid.get("payments").get(0).get("method").asString()).isEqualTo("PAYME");
        assertThat(probe.paid(invoiceId)).hasSize(1);
        assertThat(probe.paid(invoiceId).getFirst().method()).isEqualTo("PAYME");
        assertError(
                payme.call(
                        "CheckPerformTransaction",
                        "{\"amount\":%d,\"account\":%s}".formatted(PRICE, account(reference))),
                -31051);
        assertError(payme.call("CreateTransaction", params), -31008);
        // a PayMe payment is refunded through PayMe, not at the desk
        assertThat(api.post(
                        admin,
                        "/api/v1/payments/"
                                + paid.get("payments").get(0).get("id").asString() + "/refund",
                        "{\"reason\":\"x\"}"))
                .hasStatus(409);

        String cancel = "{\"id\":\"%s\",\"reason\":5}".formatted(id);
        JsonNode cancelled = payme.call("CancelTransaction", cancel);
        assertThat(cancelled.get("result").get("state").asInt())
                .as(cancelled.toString())
                .isEqualTo(-2);
        clock.advance(Duration.ofSeconds(1));
        assertThat(payme.call("CancelTransaction", cancel).get("result")).isEqualTo(cancelled.get("result"));
        JsonNode checked = payme.call("CheckTransaction", "{\"id\":\"%s\"}".formatted(id));
        assertThat(checked.get("result").get("state").asInt()).isEqualTo(-2);
        assertThat(checked.get("result").get("reason").asInt()).isEqualTo(5);
        assertThat(checked.get("result").get("perform_time").asLong())
                .isEqualTo(performed.get("result").get("perform_time").asLong());
        assertThat(checked.get("result").get("cancel_time").asLong())
                .isEqualTo(cancelled.get("result").get("cancel_time").asLong());
        assertThat(checked.get("result").get("create_time").asLong())
                .isEqualTo(created.get("result").get("create_time").asLong());

        JsonNode refunded = invoiceOf(invoice[1]);
        assertThat(refunded.get("status").asString()).isEqualTo("REFUNDED");
        assertThat(refunded.get("payments").get(0).get("refunded").asBoolean()).isTrue();
        assertThat(probe.refunded(invoiceId)).hasSize(1);
        assertError(payme.call("PerformTransaction", "{\"id\":\"%s\"}".formatted(id)), -31008);

        long now = clock.millis();
        JsonNode statement =
                payme.call("GetStatement", "{\"from\":%d,\"to\":%d}".formatted(now - 60_000, now + 60_000));
        JsonNode transactions = statement.get("result").get("transactions");
        assertThat(transactions).hasSize(1);
        JsonNode item = transactions.get(0);
        assertThat(item.get("id").asString()).isEqualTo(id);
        assertThat(item.get("amount").asLong()).isEqualTo(PRICE);
        assertThat(item.get("account").get("invoice_id").asString()).isEqualTo(reference);
        assertThat(item.get("state").asInt()).isEqualTo(-2);
        assertThat(item.get("reason").asInt()).isEqualTo(5);
        assertThat(payme.call("GetStatement", "{\"from\":%d,\"to\":%d}".formatted(now + 1, now))
                        .get("result")
                        .get("transactions"))
                .isEmpty();
    }

    // --- malformed calls -----------------------------------------------------------------------------------

    @Test
    void malformedCallsGetTheProtocolErrorsWithHttp200() {
        String reference = invoice()[0];
        HttpResponse<String> get = payme.exchange("GET", "");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode notPost = json.readTree(get.body());
        assertError(notPost, -32300);
        assertThat(notPost.get("id").isNull()).isTrue();

        JsonNode notJson = payme.send("POST", "{\"method\": \"CheckTransaction\", ");
        assertError(notJson, -32700);
        assertThat(notJson.get("id").isNull()).isTrue();
        assertError(payme.send("POST", ""), -32700);
        // larger than the platform's 1 MiB JSON limit, as application/json: still PayMe's parse error at HTTP 200
        HttpResponse<String> huge = payme.exchange(
                "POST",
                "application/json",
                "{\"method\":\"CheckTransaction\",\"params\":{\"id\":\"" + "x".repeat(1_500_000) + "\"},\"id\":5}");
        assertThat(huge.statusCode()).isEqualTo(200);
        assertError(json.readTree(huge.body()), -32700);
        assertError(payme.send("POST", "[1,2]"), -32600);
        assertError(payme.send("POST", "{\"params\":{},\"id\":1}"), -32600);
        assertError(payme.send("POST", "{\"method\":7,\"params\":{},\"id\":1}"), -32600);
        assertError(payme.send("POST", "{\"method\":\"CheckTransaction\",\"params\":[],\"id\":1}"), -32600);
        JsonNode unknown = payme.send("POST", "{\"method\":\"Refund\",\"params\":{},\"id\":77}");
        assertError(unknown, -32601);
        assertThat(unknown.get("error").get("data").asString()).isEqualTo("Refund");
        assertThat(unknown.get("id").asLong()).isEqualTo(77);
        assertThat(unknown.get("jsonrpc").asString()).isEqualTo("2.0");

        // wrong JSON types
        assertError(
                payme.call(
                        "CheckPerformTransaction",
                        "{\"amount\":\"5000000\",\"account\":%s}".formatted(account(reference))),
                -32600);
        assertError(payme.call("CheckPerformTransaction", "{\"amount\":5000000}"), -32600);
        assertError(payme.call("CheckPerformTransaction", "{\"amount\":5000000,\"account\":\"x\"}"), -32600);
        assertError(
                payme.call(
                        "CreateTransaction",
                        "{\"id\":123,\"time\":1,\"amount\":5000000,\"account\":%s}".formatted(account(reference))),
                -32600);
        assertError(
                payme.call(
                        "CreateTransaction",
                        "{\"id\":\"%s\",\"time\":1.5,\"amount\":5000000,\"account\":%s}"
                                .formatted(newId(), account(reference))),
                -32600);
        assertError(
                payme.call(
                        "CreateTransaction",
                        "{\"id\":\"%s\",\"amount\":5000000,\"account\":%s}".formatted(newId(), account(reference))),
                -32600);
        assertError(payme.call("CancelTransaction", "{\"id\":\"%s\",\"reason\":\"5\"}".formatted(newId())), -32600);
        assertError(payme.call("CancelTransaction", "{\"id\":\"%s\"}".formatted(newId())), -32600);
        assertError(payme.call("PerformTransaction", "{}"), -32600);
        assertError(payme.call("GetStatement", "{\"from\":1}"), -32600);
        assertError(payme.call("GetStatement", "{\"from\":\"1\",\"to\":2}"), -32600);
        assertError(payme.call("ChangePassword", "{\"password\":\"\"}"), -32600);

        // bad amounts: a business error
        for (String amount : List.of("-5000000", "0", "5000000.5", "1e30", "99999999999999999999999", "4999999")) {
            assertError(
                    payme.call(
                            "CheckPerformTransaction",
                            "{\"amount\":%s,\"account\":%s}".formatted(amount, account(reference))),
                    -31001);
            assertError(
                    payme.call(
                            "CreateTransaction",
                            "{\"id\":\"%s\",\"time\":%d,\"amount\":%s,\"account\":%s}"
                                    .formatted(newId(), clock.millis(), amount, account(reference))),
                    -31001);
        }
        // a whole amount written with a fraction of zero is the amount
        JsonNode whole = payme.call(
                "CheckPerformTransaction", "{\"amount\":5000000.00,\"account\":%s}".formatted(account(reference)));
        assertThat(code(whole)).as(whole.toString()).isZero();
        assertThat(count(
                        "SELECT count(*) FROM billing.provider_transactions WHERE tenant_id = ?",
                        clinic.tenantId().value()))
                .isZero();
    }

    @Test
    void unknownOrUnpayableInvoicesAreAccountErrors() {
        String[] invoice = invoice();
        JsonNode missingField = payme.call(
                "CheckPerformTransaction", "{\"amount\":%d,\"account\":{\"order_id\":\"1\"}}".formatted(PRICE));
        assertError(missingField, -31050);
        assertThat(missingField.get("error").get("data").asString()).isEqualTo("invoice_id");
        assertError(payme.call("CreateTransaction", create(newId(), "abc", PRICE)), -31050);
        assertError(payme.call("CreateTransaction", create(newId(), "123456789012", PRICE)), -31050);
        // the reference as a JSON number is the same account
        JsonNode asNumber = payme.call(
                "CheckPerformTransaction",
                "{\"amount\":%d,\"account\":{\"invoice_id\":%s}}".formatted(PRICE, invoice[0]));
        assertThat(code(asNumber)).as(asNumber.toString()).isZero();

        String draft = api.body(api.post(
                        reception,
                        "/api/v1/invoices",
                        "{\"patientId\":\"%s\",\"branchId\":\"%s\",\"lines\":[{\"serviceId\":\"%s\"}]}"
                                .formatted(patient, branch, service)))
                .get("paymentReference")
                .asString();
        assertError(payme.call("CreateTransaction", create(newId(), draft, PRICE)), -31050);

        assertThat(api.post(
                        cashier,
                        "/api/v1/invoices/" + invoice[1] + "/payments",
                        "{\"method\":\"CASH\",\"amount\":%d}".formatted(PRICE)))
                .hasStatus(201);
        JsonNode paid = payme.call("CreateTransaction", create(newId(), invoice[0], PRICE));
        assertError(paid, -31051);
        assertThat(paid.get("error").get("data").asString()).isEqualTo("invoice_id");

        // another organization's key does not reach this organization's invoices or transactions
        IdentityFixtures.Clinic other = fixtures.clinic();
        String otherKey = "other-" + UUID.randomUUID();
        assertThat(api.put(
                        fixtures.bearer(fixtures.admin(other)),
                        "/api/v1/billing/providers/payme",
                        "{\"merchantId\":\"bbb\",\"key\":\"%s\"}".formatted(otherKey)))
                .hasStatus(200);
        PaymeClient otherPayme = new PaymeClient(port, otherKey, json);
        String[] second = invoice();
        assertError(otherPayme.call("CreateTransaction", create(newId(), second[0], PRICE)), -31050);
        String id = newId();
        assertThat(code(payme.call("CreateTransaction", create(id, second[0], PRICE))))
                .isZero();
        assertError(otherPayme.call("CheckTransaction", "{\"id\":\"%s\"}".formatted(id)), -31003);
        assertError(otherPayme.call("PerformTransaction", "{\"id\":\"%s\"}".formatted(id)), -31003);
        assertError(otherPayme.call("CreateTransaction", create(id, second[0], PRICE)), -31050);
    }

    // --- replayed, reordered, expired ----------------------------------------------------------------------

    @Test
    void reorderedAndRepeatedCallsChangeNothing() {
        String[] invoice = invoice();
        String id = newId();
        assertError(payme.call("PerformTransaction", "{\"id\":\"%s\"}".formatted(id)), -31003);
        assertError(payme.call("CancelTransaction", "{\"id\":\"%s\",\"reason\":1}".formatted(id)), -31003);
        assertError(payme.call("CheckTransaction", "{\"id\":\"%s\"}".formatted(id)), -31003);

        String params = create(id, invoice[0], PRICE);
        JsonNode created = payme.call("CreateTransaction", params);
        assertThat(code(created)).isZero();
        // the same id with another amount or account: refused, nothing changes
        assertError(payme.call("CreateTransaction", create(id, invoice[0], PRICE + 100)), -31008);
        String[] other = invoice();
        assertError(payme.call("CreateTransaction", create(id, other[0], PRICE)), -31008);
        assertThat(payme.call("CreateTransaction", params).get("result")).isEqualTo(created.get("result"));

        assertThat(code(payme.call("PerformTransaction", "{\"id\":\"%s\"}".formatted(id))))
                .isZero();
        assertError(payme.call("CreateTransaction", params), -31008);
        assertThat(count("SELECT count(*) FROM billing.payments WHERE invoice_id = ?", UUID.fromString(invoice[1])))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM billing.provider_transactions WHERE invoice_id = ?",
                        UUID.fromString(other[1])))
                .isZero();
    }

    @Test
    void aCreatedTransactionExpiresAfterTwelveHours() {
        String[] invoice = invoice();
        long twelveHours = 43_200_000L;
        String stale = newId();
        assertError(
                payme.call(
                        "CreateTransaction",
                        "{\"id\":\"%s\",\"time\":%d,\"amount\":%d,\"account\":%s}"
                                .formatted(stale, clock.millis() - twelveHours - 1, PRICE, account(invoice[0]))),
                -31008);
        assertError(payme.call("CheckTransaction", "{\"id\":\"%s\"}".formatted(stale)), -31003);

        String id = newId();
        String params = "{\"id\":\"%s\",\"time\":%d,\"amount\":%d,\"account\":%s}"
                .formatted(id, clock.millis() - twelveHours + 60_000, PRICE, account(invoice[0]));
        assertThat(code(payme.call("CreateTransaction", params))).isZero();
        assertThat(invoiceOf(invoice[1]).get("providerPending").asBoolean()).isTrue();
        clock.advance(Duration.ofMinutes(2));
        // past 12 hours it holds the desk no more
        assertThat(invoiceOf(invoice[1]).get("providerPending").asBoolean()).isFalse();
        // CheckTransaction reports it as it is: read-only
        assertThat(payme.call("CheckTransaction", "{\"id\":\"%s\"}".formatted(id))
                        .get("result")
                        .get("state")
                        .asInt())
                .isEqualTo(1);
        assertError(payme.call("PerformTransaction", "{\"id\":\"%s\"}".formatted(id)), -31008);
        JsonNode checked = payme.call("CheckTransaction", "{\"id\":\"%s\"}".formatted(id));
        assertThat(checked.get("result").get("state").asInt()).isEqualTo(-1);
        assertThat(checked.get("result").get("reason").asInt()).isEqualTo(4);
        assertError(payme.call("CreateTransaction", params), -31008);
        // the invoice is free again
        assertThat(code(payme.call("CreateTransaction", create(newId(), invoice[0], PRICE))))
                .isZero();
        assertThat(invoiceOf(invoice[1]).get("paid").asLong()).isZero();
    }

    @Test
    void changePasswordReplacesTheKey() {
        String[] invoice = invoice();
        String newKey = "New-Key-" + UUID.randomUUID();
        JsonNode changed = payme.call("ChangePassword", "{\"password\":\"%s\"}".formatted(newKey));
        assertThat(changed.get("result").get("success").asBoolean())
                .as(changed.toString())
                .isTrue();
        assertError(
                payme.call(
                        "CheckPerformTransaction",
                        "{\"amount\":%d,\"account\":%s}".formatted(PRICE, account(invoice[0]))),
                -32504);
        PaymeClient renewed = new PaymeClient(port, newKey, json);
        assertThat(code(renewed.call(
                        "CheckPerformTransaction",
                        "{\"amount\":%d,\"account\":%s}".formatted(PRICE, account(invoice[0])))))
                .isZero();

        String id = newId();
        assertThat(code(renewed.call("CreateTransaction", create(id, invoice[0], PRICE))))
                .isZero();
        JsonNode fiscal = renewed.call(
                "SetFiscalData",
                "{\"id\":\"%s\",\"type\":\"PERFORM\",\"fiscal_data\":{\"receipt_id\":7,\"fiscal_sign\":\"abc\"}}"
                        .formatted(id));
        assertThat(fiscal.get("result").get("success").asBoolean())
                .as(fiscal.toString())
                .isTrue();
        assertError(
                renewed.call(
                        "SetFiscalData", "{\"id\":\"%s\",\"type\":\"PERFORM\",\"fiscal_data\":{}}".formatted(newId())),
                -31003);
    }

    // --- exactly once under a storm ------------------------------------------------------------------------

    @Test
    void aThousandCopiesOfOnePaymentPayItOnce() throws Exception {
        String[] invoice = invoice();
        UUID invoiceId = UUID.fromString(invoice[1]);
        String id = newId();
        String create = create(id, invoice[0], PRICE);
        String perform = "{\"id\":\"%s\"}".formatted(id);
        List<Future<JsonNode[]>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < 1000; i++) {
                answers.add(pool.submit(() -> new JsonNode[] {
                    payme.call("CreateTransaction", create), payme.call("PerformTransaction", perform)
                }));
            }
        }
        JsonNode firstCreate = null;
        JsonNode firstPerform = null;
        int created = 0;
        int performed = 0;
        for (Future<JsonNode[]> answer : answers) {
            JsonNode[] pair = answer.get();
            if (code(pair[0]) == 0) {
                created++;
                if (firstCreate == null) {
                    firstCreate = pair[0].get("result");
                }
                assertThat(pair[0].get("result")).isEqualTo(firstCreate);
            } else {
                // a copy that arrives after the payment: the transaction is no longer in state 1
                assertThat(code(pair[0])).as(pair[0].toString()).isEqualTo(-31008);
            }
            assertThat(code(pair[1])).as(pair[1].toString()).isZero();
            performed++;
            if (firstPerform == null) {
                firstPerform = pair[1].get("result");
            }
            assertThat(pair[1].get("result")).isEqualTo(firstPerform);
        }
        assertThat(created).isPositive();
        assertThat(performed).isEqualTo(1000);
        assertThat(count("SELECT count(*) FROM billing.payments WHERE invoice_id = ?", invoiceId))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM billing.provider_transactions WHERE invoice_id = ?", invoiceId))
                .isEqualTo(1);
        JsonNode paid = invoiceOf(invoice[1]);
        assertThat(paid.get("status").asString()).isEqualTo("PAID");
        assertThat(paid.get("paid").asLong()).isEqualTo(PRICE);
        assertThat(probe.paid(invoiceId)).hasSize(1);
        assertThat(count(
                        "SELECT count(*) FROM audit.entries WHERE action = 'payment.record' AND target_id = ?",
                        invoice[1]))
                .isEqualTo(1);
    }
}
