package org.shifo.billing.click;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shifo.billing.click.ClickClient.error;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Click's SHOP API played by a local client that sends exactly what Click sends: the tester's standard sequence
 * (spec §10), bad input, replayed and reordered calls, and 1,000 concurrent copies of one payment.
 */
@IntegrationTest
class ClickIntegrationTests {

    static final String SECRET = "Te$tSecret&123=";
    static final long PRICE = 5_000_000L; // 50,000 so'm
    static final AtomicLong TRANS_IDS = new AtomicLong(2_218_956L);

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

    ApiCalls api;
    BillingFixtures billing;
    String admin;
    String reception;
    String cashier;
    String branch;
    String service;
    String patient;
    String serviceId;
    ClickClient click;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        IdentityFixtures.Clinic clinic = fixtures.clinic();
        admin = fixtures.bearer(fixtures.admin(clinic));
        reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        cashier = fixtures.bearer(fixtures.staff(clinic, Role.CASHIER));
        billing = new BillingFixtures(api, admin, reception);
        branch = clinic.branchId().value().toString();
        service = billing.service("Consultation " + UUID.randomUUID().toString().substring(0, 6));
        billing.price(service, branch, PRICE);
        patient = billing.patient("Karimov");
        serviceId = Long.toString(ThreadLocalRandom.current().nextLong(10_000, 999_999_999));
        assertThat(api.put(
                        admin,
                        "/api/v1/billing/providers/click",
                        "{\"serviceId\":\"%s\",\"merchantId\":\"11223\",\"merchantUserId\":\"33445\",\"secretKey\":\"%s\"}"
                                .formatted(serviceId, SECRET)))
                .hasStatus(200);
        click = new ClickClient(port, serviceId, SECRET, json);
    }

    /** An issued invoice; answers its payment reference and id. */
    String[] invoice() {
        String id = billing.issuedInvoice(reception, patient, branch, service);
        return new String[] {reference(id), id};
    }

    String reference(String id) {
        return invoiceOf(id).get("paymentReference").asString();
    }

    JsonNode invoiceOf(String id) {
        return api.body(api.get(reception, "/api/v1/invoices/" + id));
    }

    static long count(String sql, Object... parameters) {
        return TestDatabase.get().count(sql, parameters);
    }

    static long payments(String invoice) {
        return count("SELECT count(*) FROM billing.payments WHERE invoice_id = ?", UUID.fromString(invoice));
    }

    static long transactions(String invoice) {
        return count(
                "SELECT count(*) FROM billing.provider_transactions WHERE provider = 'CLICK' AND invoice_id = ?",
                UUID.fromString(invoice));
    }

    static void assertAnswer(JsonNode answer, int code) {
        assertThat(error(answer)).as(answer.toString()).isEqualTo(code);
        assertThat(answer.get("error_note").asString()).isNotBlank();
    }

    static long nextId() {
        return TRANS_IDS.incrementAndGet();
    }

    // --- Click's tester, spec §10 -------------------------------------------------------------------------

    @Test
    void testersStandardSequence() {
        String[] first = invoice();
        String reference = first[0];
        // 1. Prepare with a wrong signature
        Map<String, String> forged = click.prepare(nextId(), reference, "50000");
        forged.put("sign_string", "0".repeat(32));
        assertAnswer(click.send("prepare", forged), -1);
        assertThat(transactions(first[1])).isZero();
        // 2. Prepare
        long trans = nextId();
        JsonNode prepared = click.send("prepare", click.prepare(trans, reference, "50000"));
        assertAnswer(prepared, 0);
        assertThat(prepared.get("error_note").asString()).isEqualTo("Success");
        assertThat(prepared.get("click_trans_id").isNumber()).isTrue();
        assertThat(prepared.get("click_trans_id").asLong()).isEqualTo(trans);
        assertThat(prepared.get("merchant_trans_id").asString()).isEqualTo(reference);
        assertThat(prepared.get("merchant_prepare_id").isIntegralNumber()).isTrue();
        long prepareId = prepared.get("merchant_prepare_id").asLong();
        // 3. Complete with a wrong signature
        Map<String, String> forgedComplete = click.complete(trans, reference, prepareId, "50000", 0);
        forgedComplete.put("amount", "50000.00"); // signed over "50000": the signature no longer matches
        assertAnswer(click.send("complete", forgedComplete), -1);
        // 4. Complete with a wrong amount
        assertAnswer(click.send("complete", click.complete(trans, reference, prepareId, "49999.99", 0)), -2);
        assertThat(payments(first[1])).isZero();
        // 5. Complete (Click's tester sends another click_trans_id than the Prepare's)
        long completeTrans = nextId();
        JsonNode completed = click.send("complete", click.complete(completeTrans, reference, prepareId, "50000.00", 0));
        assertAnswer(completed, 0);
        assertThat(completed.get("merchant_confirm_id").asLong()).isEqualTo(prepareId);
        assertThat(completed.get("click_trans_id").asLong()).isEqualTo(completeTrans);
        JsonNode invoice = invoiceOf(first[1]);
        assertThat(invoice.get("status").asString()).isEqualTo("PAID");
        assertThat(invoice.get("paid").asLong()).isEqualTo(PRICE);
        assertThat(payments(first[1])).isEqualTo(1);
        assertThat(probe.paid(UUID.fromString(first[1]))).singleElement().satisfies(event -> assertThat(event.method())
                .isEqualTo("CLICK"));
        assertThat(count(
                        "SELECT count(*) FROM billing.provider_transactions WHERE number = ? AND state = 2"
                                + " AND complete_reference = ? AND provider_payment_id = ?",
                        prepareId,
                        Long.toString(completeTrans),
                        Long.toString(trans + 7_000_000L)))
                .isEqualTo(1);
        // 6. Complete again
        JsonNode again = click.send("complete", click.complete(completeTrans, reference, prepareId, "50000", 0));
        assertAnswer(again, -4);
        assertThat(again.get("merchant_confirm_id").asLong()).isEqualTo(prepareId);
        // 7. Complete cancelling the confirmed payment
        assertAnswer(click.send("complete", click.complete(completeTrans, reference, prepareId, "50000", -5017)), -4);
        assertThat(invoiceOf(first[1]).get("status").asString()).isEqualTo("PAID");
        // 8. Prepare for an unknown invoice
        assertAnswer(click.send("prepare", click.prepare(nextId(), "999999999", "50000")), -5);
        // 9. Prepare for a new invoice
        String[] second = invoice();
        long trans9 = nextId();
        JsonNode prepared9 = click.send("prepare", click.prepare(trans9, second[0], "50000"));
        assertAnswer(prepared9, 0);
        long prepare9 = prepared9.get("merchant_prepare_id").asLong();
        assertThat(prepare9).isNotEqualTo(prepareId);
        // 10. Complete with an unknown merchant_prepare_id
        JsonNode unknown = click.send("complete", click.complete(trans9, second[0], prepare9 + 1000, "50000", 0));
        assertAnswer(unknown, -6);
        assertThat(unknown.get("merchant_confirm_id").isNull()).isTrue();
        // ... and the first invoice's prepare id with the second invoice
        assertAnswer(click.send("complete", click.complete(trans9, second[0], prepareId, "50000", 0)), -6);
        // 11. Complete
        assertAnswer(click.send("complete", click.complete(trans9, second[0], prepare9, "50000", 0)), 0);
        assertThat(invoiceOf(second[1]).get("status").asString()).isEqualTo("PAID");
        // 12. Prepare for a new invoice
        String[] third = invoice();
        long trans12 = nextId();
        JsonNode prepared12 = click.send("prepare", click.prepare(trans12, third[0], "50000"));
        assertAnswer(prepared12, 0);
        long prepare12 = prepared12.get("merchant_prepare_id").asLong();
        // 13. Complete cancelling it
        assertAnswer(click.send("complete", click.complete(trans12, third[0], prepare12, "50000", -5017)), -9);
        // 14. again
        assertAnswer(click.send("complete", click.complete(trans12, third[0], prepare12, "50000", -5017)), -9);
        // 15. Complete confirming the cancelled payment
        assertAnswer(click.send("complete", click.complete(trans12, third[0], prepare12, "50000", 0)), -9);
        JsonNode cancelled = invoiceOf(third[1]);
        assertThat(cancelled.get("status").asString()).isEqualTo("ISSUED");
        assertThat(payments(third[1])).isZero();
        assertThat(count(
                        "SELECT count(*) FROM billing.provider_transactions WHERE number = ? AND state = -1"
                                + " AND cancel_time > 0 AND reason = -5017",
                        prepare12))
                .isEqualTo(1);
        // the cancelled invoice stays payable: a new attempt pays it
        long trans16 = nextId();
        JsonNode prepared16 = click.send("prepare", click.prepare(trans16, third[0], "50000"));
        assertAnswer(prepared16, 0);
        assertAnswer(
                click.send(
                        "complete",
                        click.complete(
                                trans16,
                                third[0],
                                prepared16.get("merchant_prepare_id").asLong(),
                                "50000",
                                0)),
                0);
        assertThat(invoiceOf(third[1]).get("status").asString()).isEqualTo("PAID");
        // a prepare repeated for the cancelled attempt: -9; for a paid invoice: -4
        Map<String, String> repeat12 = click.prepare(trans12, third[0], "50000");
        assertAnswer(click.send("prepare", repeat12), -4);
    }

    // --- replays and reordering --------------------------------------------------------------------------

    @Test
    void repeatedAndReorderedCallsHaveOneEffect() {
        String[] invoice = invoice();
        long trans = nextId();
        // a Complete before any Prepare: -6, nothing stored
        assertAnswer(click.send("complete", click.complete(trans, invoice[0], 1, "50000", 0)), -6);
        assertThat(transactions(invoice[1])).isZero();
        JsonNode first = click.send("prepare", click.prepare(trans, invoice[0], "50000"));
        JsonNode second = click.send("prepare", click.prepare(trans, invoice[0], "50000"));
        assertAnswer(first, 0);
        assertThat(second).isEqualTo(first);
        assertThat(transactions(invoice[1])).isEqualTo(1);
        long prepareId = first.get("merchant_prepare_id").asLong();
        // the payer retries: a new click_trans_id gets a new prepare id; only the first Complete pays
        long retry = nextId();
        JsonNode other = click.send("prepare", click.prepare(retry, invoice[0], "50000"));
        assertAnswer(other, 0);
        assertThat(other.get("merchant_prepare_id").asLong()).isNotEqualTo(prepareId);
        assertAnswer(click.send("complete", click.complete(trans, invoice[0], prepareId, "50000", 0)), 0);
        assertAnswer(
                click.send(
                        "complete",
                        click.complete(
                                retry,
                                invoice[0],
                                other.get("merchant_prepare_id").asLong(),
                                "50000",
                                0)),
                -4);
        assertThat(payments(invoice[1])).isEqualTo(1);
        assertThat(probe.paid(UUID.fromString(invoice[1]))).hasSize(1);
        // Click debited the second attempt but it was not credited: reconciliation finds it by this mark
        assertThat(count(
                        "SELECT count(*) FROM billing.provider_transactions WHERE number = ? AND state = 1"
                                + " AND details->>'problem' = 'paid-otherwise'",
                        other.get("merchant_prepare_id").asLong()))
                .isEqualTo(1);
        // a Complete on the Prepare route is processed as a Complete (dispatch on action)
        assertAnswer(click.send("prepare", click.complete(trans, invoice[0], prepareId, "50000", 0)), -4);
    }

    @Test
    void aPreparedClickPaymentHoldsTheCashDesk() {
        String[] invoice = invoice();
        long trans = nextId();
        JsonNode prepared = click.send("prepare", click.prepare(trans, invoice[0], "50000"));
        assertAnswer(prepared, 0);
        var cash = api.post(
                cashier, "/api/v1/invoices/" + invoice[1] + "/payments", "{\"method\":\"CASH\",\"amount\":1000000}");
        assertThat(cash).hasStatus(409);
        assertThat(api.body(cash).get("code").asString()).isEqualTo("provider-pending");
        assertThat(invoiceOf(invoice[1]).get("providerPending").asBoolean()).isTrue();
        assertAnswer(
                click.send(
                        "complete",
                        click.complete(
                                trans,
                                invoice[0],
                                prepared.get("merchant_prepare_id").asLong(),
                                "50000",
                                0)),
                0);
        assertThat(invoiceOf(invoice[1]).get("status").asString()).isEqualTo("PAID");
        assertThat(invoiceOf(invoice[1]).get("providerPending").asBoolean()).isFalse();
    }

    // --- bad input -----------------------------------------------------------------------------------------

    @Test
    void badInputGetsClicksErrorAndChangesNothing() {
        String[] invoice = invoice();
        String reference = invoice[0];
        // missing fields, malformed integers
        for (String field : new String[] {"click_trans_id", "service_id", "sign_time", "sign_string", "error"}) {
            Map<String, String> form = click.prepare(nextId(), reference, "50000");
            form.remove(field);
            JsonNode answer = click.send("prepare", form);
            assertAnswer(answer, -8);
            assertThat(answer.get("error_note").asString()).isEqualTo("Error in request from click");
            assertThat(answer.get("merchant_prepare_id").asLong()).isZero();
        }
        Map<String, String> textId = click.prepare(nextId(), reference, "50000");
        textId.put("click_trans_id", "abc");
        JsonNode answer = click.send("prepare", click.sign(textId));
        assertAnswer(answer, -8);
        assertThat(answer.get("click_trans_id").asString()).isEqualTo("abc");
        Map<String, String> noPrepareId = click.complete(nextId(), reference, 1, "50000", 0);
        noPrepareId.remove("merchant_prepare_id");
        JsonNode noPrepare = click.send("complete", click.sign(noPrepareId));
        assertAnswer(noPrepare, -8);
        assertThat(noPrepare.has("merchant_confirm_id")).isTrue();
        assertThat(noPrepare.get("merchant_confirm_id").isNull()).isTrue();
        assertThat(click.post("prepare", "application/x-www-form-urlencoded", "")
                        .statusCode())
                .isEqualTo(200);
        assertAnswer(json.readTree(click.post("prepare", "text/plain", "hello").body()), -8);
        // an unknown service_id cannot be verified: -1
        ClickClient stranger = new ClickClient(port, "1", SECRET, json);
        assertAnswer(stranger.send("prepare", stranger.prepare(nextId(), reference, "50000")), -1);
        // a wrong secret: -1
        ClickClient wrongSecret = new ClickClient(port, serviceId, SECRET + "x", json);
        assertAnswer(wrongSecret.send("prepare", wrongSecret.prepare(nextId(), reference, "50000")), -1);
        // an unknown action, signed: -3
        Map<String, String> action = click.prepare(nextId(), reference, "50000");
        action.put("action", "2");
        assertAnswer(click.send("prepare", click.sign(action)), -3);
        // amounts: not a number, zero, negative, three decimals, not the outstanding balance
        for (String amount : new String[] {"abc", "0", "-50000", "50000.001", "49999.99", "50000.01", "5E4"}) {
            assertAnswer(click.send("prepare", click.prepare(nextId(), reference, amount)), -2);
        }
        // a draft invoice is no payable order: -5
        var draft = api.post(
                reception,
                "/api/v1/invoices",
                "{\"patientId\":\"%s\",\"branchId\":\"%s\",\"lines\":[{\"serviceId\":\"%s\"}]}"
                        .formatted(patient, branch, service));
        String draftReference = api.body(draft).get("paymentReference").asString();
        assertAnswer(click.send("prepare", click.prepare(nextId(), draftReference, "50000")), -5);
        // Click reports an error in Prepare: -9, nothing reserved
        Map<String, String> clickError = click.prepare(nextId(), reference, "50000");
        clickError.put("error", "-5017");
        assertAnswer(click.send("prepare", click.sign(clickError)), -9);
        // a cancelled invoice: -9
        String[] voided = invoice();
        assertThat(api.post(reception, "/api/v1/invoices/" + voided[1] + "/cancel", "{\"reason\":\"duplicate\"}"))
                .hasStatus(200);
        assertAnswer(click.send("prepare", click.prepare(nextId(), voided[0], "50000")), -9);
        // no staff token, no CSRF token, no 401/403/429
        HttpResponse<String> plain = click.exchange("complete", click.complete(nextId(), reference, 1, "50000", 0));
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(transactions(invoice[1])).isZero();
        assertThat(payments(invoice[1])).isZero();
        assertThat(invoiceOf(invoice[1]).get("status").asString()).isEqualTo("ISSUED");
    }

    @Test
    void multipartFormsAndDecimalAmountsAreAccepted() {
        String[] invoice = invoice();
        Map<String, String> form = click.prepare(nextId(), invoice[0], "50000.00");
        String boundary = "----click" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(name)
                .append("\"\r\n\r\n")
                .append(value)
                .append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        HttpResponse<String> response =
                click.post("prepare", "multipart/form-data; boundary=" + boundary, body.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertAnswer(json.readTree(response.body()), 0);
    }

    // --- exactly once under concurrency --------------------------------------------------------------------

    @Test
    void aThousandCopiesOfOnePaymentPayOnce() throws Exception {
        String[] invoice = invoice();
        long trans = nextId();
        // the prepare id the race's Prepare will get: the next number of the sequence
        long prepareId = count("SELECT nextval(pg_get_serial_sequence('billing.provider_transactions', 'number'))") + 1;
        Map<String, String> prepare = click.prepare(trans, invoice[0], "50000");
        Map<String, String> complete = click.complete(trans, invoice[0], prepareId, "50000", 0);
        List<Future<JsonNode>> prepares = new ArrayList<>();
        List<Future<JsonNode>> completes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < 1000; i++) {
                // the Completes race the Prepares: before, during and after it commits
                prepares.add(pool.submit(() -> click.send("prepare", prepare)));
                completes.add(pool.submit(() -> click.send("complete", complete)));
            }
        }
        int prepared = 0;
        for (Future<JsonNode> answer : prepares) {
            JsonNode body = answer.get();
            if (error(body) == 0) {
                prepared++;
                assertThat(body.get("merchant_prepare_id").asLong()).isEqualTo(prepareId);
            } else {
                assertThat(error(body)).as(body.toString()).isEqualTo(-4); // after the invoice was paid
            }
        }
        int confirmed = 0;
        for (Future<JsonNode> answer : completes) {
            int code = error(answer.get());
            assertThat(code).as(answer.get().toString()).isIn(0, -4, -6);
            if (code == 0) {
                confirmed++;
            }
        }
        assertThat(prepared).isPositive();
        if (confirmed == 0) {
            // every Complete came before the Prepare committed: Click would retry; one retry pays
            assertAnswer(click.send("complete", complete), 0);
        } else {
            assertThat(confirmed).isEqualTo(1);
        }
        assertThat(transactions(invoice[1])).isEqualTo(1);
        assertThat(payments(invoice[1])).isEqualTo(1);
        assertThat(invoiceOf(invoice[1]).get("status").asString()).isEqualTo("PAID");
        assertThat(probe.paid(UUID.fromString(invoice[1]))).hasSize(1);
        // and 1,000 copies of the Complete alone, after the payment: all -4, nothing more
        List<Future<JsonNode>> replays = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 1000; i++) {
                replays.add(pool.submit(() -> click.send("complete", complete)));
            }
        }
        for (Future<JsonNode> answer : replays) {
            assertThat(error(answer.get())).isEqualTo(-4);
        }
        assertThat(payments(invoice[1])).isEqualTo(1);
    }
}
