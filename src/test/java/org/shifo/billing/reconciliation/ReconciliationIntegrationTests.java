package org.shifo.billing.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.billing.BillingFixtures;
import org.shifo.identity.Role;
import org.shifo.identity.TenantContext;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestClock;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reconciliation: each kind of discrepancy is made directly in the database (as a provider's failure or a bug
 * would leave it) and the stored report, its CSV and the event must name it; nothing is corrected.
 */
@IntegrationTest
class ReconciliationIntegrationTests {

    static final long PRICE = 5_000_000L;
    static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    @Autowired
    TestClock clock;

    @Autowired
    Reconciliation reconciliation;

    @Autowired
    ReconciliationEventProbe probe;

    ApiCalls api;
    BillingFixtures billing;
    IdentityFixtures.Clinic clinic;
    String admin;
    String cashier;
    String reception;
    String branch;
    String service;
    String patient;
    LocalDate day;
    long dayStart;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        admin = fixtures.bearer(fixtures.admin(clinic));
        cashier = fixtures.bearer(fixtures.staff(clinic, Role.CASHIER));
        reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        billing = new BillingFixtures(api, admin, reception);
        branch = clinic.branchId().value().toString();
        service = billing.service("Consultation " + UUID.randomUUID().toString().substring(0, 6));
        billing.price(service, branch, PRICE);
        patient = billing.patient("Karimov");
        day = LocalDate.ofInstant(clock.instant(), TASHKENT).minusDays(3);
        dayStart = day.atStartOfDay(TASHKENT).toInstant().toEpochMilli();
    }

    UUID invoice() {
        return UUID.fromString(billing.issuedInvoice(reception, patient, branch, service));
    }

    /** A provider transaction as a provider call would have stored it; answers its id. */
    UUID transaction(String provider, UUID invoice, long amount, int state, long createTime, String details) {
        UUID id = UUID.randomUUID();
        execute(
                """
                INSERT INTO billing.provider_transactions (id, tenant_id, provider, provider_transaction_id, invoice_id,
                    amount, provider_time, create_time, perform_time, cancel_time, state, details, created_at,
                    updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), now(), now())
                """,
                id,
                clinic.tenantId().value(),
                provider,
                UUID.randomUUID().toString().replace("-", "").substring(0, 24),
                invoice,
                amount,
                "PAYME".equals(provider) ? createTime : null,
                createTime,
                state == 2 || state == -2 ? createTime + 1000 : 0L,
                state < 0 ? createTime + 2000 : 0L,
                (short) state,
                details);
        return id;
    }

    /** A payment of the transaction on the invoice, with the invoice's paid amount and status to match. */
    void payment(UUID invoice, UUID transaction, String method, long amount) {
        execute(
                """
                INSERT INTO billing.payments (id, tenant_id, invoice_id, method, amount, received_at, branch_id,
                    provider_transaction_id)
                VALUES (?, ?, ?, ?, ?, now(), ?, ?)
                """,
                UUID.randomUUID(),
                clinic.tenantId().value(),
                invoice,
                method,
                amount,
                clinic.branchId().value(),
                transaction);
        execute(
                """
                UPDATE billing.invoices SET paid = paid + ?,
                    status = CASE WHEN paid + ? = total THEN 'PAID' ELSE 'PARTIALLY_PAID' END,
                    paid_at = CASE WHEN paid + ? = total THEN now() END
                WHERE id = ?
                """,
                amount,
                amount,
                amount,
                invoice);
    }

    static void execute(String sql, Object... parameters) {
        try (Connection connection = TestDatabase.get().connectAsSuperuser();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    MvcTestResult runNow(String token, String date) {
        return api.post(token, "/api/v1/billing/reconciliation/runs", "{\"date\":\"%s\"}".formatted(date));
    }

    /** kind/detail → transaction number's provider id, from a report. */
    static Map<UUID, List<String>> byInvoice(JsonNode report) {
        Map<UUID, List<String>> found = new HashMap<>();
        for (JsonNode item : report.get("items")) {
            found.computeIfAbsent(UUID.fromString(item.get("invoiceId").asString()), k -> new ArrayList<>())
                    .add(item.get("kind").asString() + "/" + item.get("detail").asString());
        }
        return found;
    }

    @Test
    void everyKindOfDiscrepancyIsReportedAndNothingIsCorrected() {
        long at = dayStart + 3_600_000L;
        // a payment counted for a PayMe transaction cancelled before it was performed
        UUID creditedCancelled = invoice();
        payment(creditedCancelled, transaction("PAYME", creditedCancelled, PRICE, -1, at, "{}"), "PAYME", PRICE);
        // performed at Click, no payment on the invoice
        UUID performedUnpaid = invoice();
        transaction("CLICK", performedUnpaid, PRICE, 2, at + 1, "{}");
        // the payment's amount is not the transaction's
        UUID mismatch = invoice();
        payment(mismatch, transaction("PAYME", mismatch, PRICE, 2, at + 2, "{}"), "PAYME", PRICE - 100);
        // created and never finished, past the timeouts (PayMe 12 h, Click 30 min)
        UUID stalePayme = invoice();
        transaction("PAYME", stalePayme, PRICE, 1, at + 3, "{}");
        UUID staleClick = invoice();
        transaction("CLICK", staleClick, PRICE, 1, at + 4, "{}");
        // Click debited the payer, but the invoice had been paid otherwise
        UUID debited = invoice();
        transaction("CLICK", debited, PRICE, 1, at + 5, "{\"problem\":\"paid-otherwise\",\"completeError\":0}");
        // in order: performed and paid
        UUID clean = invoice();
        payment(clean, transaction("PAYME", clean, PRICE, 2, at + 6, "{}"), "PAYME", PRICE);
        // another day: not checked
        UUID otherDay = invoice();
        transaction("CLICK", otherDay, PRICE, 2, dayStart - 1, "{}");

        MvcTestResult ran = runNow(admin, day.toString());
        assertThat(ran).hasStatus(201);
        JsonNode report = api.body(ran);
        assertThat(report.get("date").asString()).isEqualTo(day.toString());
        assertThat(report.get("trigger").asString()).isEqualTo("MANUAL");
        assertThat(report.get("transactionsChecked").asInt()).isEqualTo(7);
        Map<UUID, List<String>> found = byInvoice(report);
        assertThat(found.get(creditedCancelled)).containsExactly("PAID_NOT_PERFORMED/credited-in-state--1");
        assertThat(found.get(performedUnpaid)).containsExactly("PERFORMED_INVOICE_UNPAID/no-payment");
        assertThat(found.get(mismatch)).containsExactly("AMOUNT_MISMATCH/payment-amount");
        assertThat(found.get(stalePayme)).containsExactly("STALE_CREATED/past-timeout");
        assertThat(found.get(staleClick)).containsExactly("STALE_CREATED/past-timeout");
        assertThat(found.get(debited)).containsExactly("PAID_NOT_PERFORMED/debited-not-credited-paid-otherwise");
        assertThat(found).doesNotContainKeys(clean, otherDay);
        assertThat(report.get("discrepancies").asInt()).isEqualTo(6);
        // each item carries the transaction in PayMe's GetStatement terms
        JsonNode first = report.get("items").get(0).get("transaction");
        for (String field : List.of(
                "id",
                "time",
                "amount",
                "create_time",
                "perform_time",
                "cancel_time",
                "transaction",
                "state",
                "reason")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(first.get("transaction").isString()).isTrue();
        assertThat(first.get("time").asLong()).isEqualTo(at);

        // the event, once, with counts
        UUID run = UUID.fromString(report.get("runId").asString());
        assertThat(probe.of(run)).singleElement().satisfies(event -> {
            assertThat(event.discrepancies()).isEqualTo(6);
            assertThat(event.byKind())
                    .containsEntry("PAID_NOT_PERFORMED", 2)
                    .containsEntry("STALE_CREATED", 2)
                    .containsEntry("AMOUNT_MISMATCH", 1)
                    .containsEntry("PERFORMED_INVOICE_UNPAID", 1);
        });

        // the stored report and its CSV
        JsonNode stored = api.body(api.get(admin, "/api/v1/billing/reconciliation?date=" + day));
        assertThat(stored.get("runId").asString()).isEqualTo(run.toString());
        assertThat(byInvoice(stored)).isEqualTo(found);
        MvcTestResult csv = api.get(admin, "/api/v1/billing/reconciliation/csv?date=" + day);
        assertThat(csv).hasStatus(200);
        assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
        assertThat(csv.getResponse().getHeader("Content-Disposition")).contains("reconciliation-" + day + ".csv");
        String text = new String(csv.getResponse().getContentAsByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n");
        assertThat(lines[0])
                .startsWith("kind,detail,provider,id,time,amount,create_time,perform_time,cancel_time,"
                        + "transaction,state,reason,invoice_id,payment_reference");
        assertThat(lines).hasSize(7);
        assertThat(text).contains("PERFORMED_INVOICE_UNPAID,no-payment,CLICK,").contains(performedUnpaid.toString());
        // each reading of the report (JSON, CSV) is in the audit trail
        assertThat(TestDatabase.get()
                        .count(
                                "SELECT count(*) FROM audit.entries WHERE action = 'billing.reconciliation.read'"
                                        + " AND target_id = ? AND tenant_id = ?",
                                run.toString(),
                                clinic.tenantId().value()))
                .isEqualTo(2);

        // nothing was corrected
        assertThat(TestDatabase.get()
                        .count(
                                "SELECT count(*) FROM billing.invoices WHERE id = ? AND status = 'ISSUED' AND paid = 0",
                                performedUnpaid))
                .isEqualTo(1);
        assertThat(TestDatabase.get()
                        .count(
                                "SELECT count(*) FROM billing.provider_transactions WHERE invoice_id = ? AND state = 1",
                                stalePayme))
                .isEqualTo(1);
    }

    @Test
    void theDailyJobReconcilesEveryOrganizationsDay() {
        UUID performedUnpaid = invoice();
        transaction("CLICK", performedUnpaid, PRICE, 2, dayStart + 10, "{}");
        assertThat(reconciliation.runScheduled(day)).isPositive();
        JsonNode stored = api.body(api.get(admin, "/api/v1/billing/reconciliation?date=" + day));
        assertThat(stored.get("trigger").asString()).isEqualTo("SCHEDULE");
        assertThat(byInvoice(stored).get(performedUnpaid)).containsExactly("PERFORMED_INVOICE_UNPAID/no-payment");
        // a quiet day has no run: 404
        assertThat(api.get(admin, "/api/v1/billing/reconciliation?date=" + day.minusDays(30)))
                .hasStatus(404);
        // a run with nothing wrong is stored with no items and no event
        MvcTestResult quiet = runNow(admin, day.minusDays(30).toString());
        assertThat(quiet).hasStatus(201);
        assertThat(api.body(quiet).get("discrepancies").asInt()).isZero();
        assertThat(probe.of(UUID.fromString(api.body(quiet).get("runId").asString())))
                .isEmpty();
        // another organization sees none of it
        IdentityFixtures.Clinic other = fixtures.clinic();
        String otherAdmin = fixtures.bearer(fixtures.admin(other));
        assertThat(api.get(otherAdmin, "/api/v1/billing/reconciliation?date=" + day))
                .hasStatus(404);
        assertThat(TenantContext.current()).isEmpty();
    }

    @Test
    void onlyAdministratorsAndGoodDates() {
        assertThat(api.get(cashier, "/api/v1/billing/reconciliation?date=" + day))
                .hasStatus(403);
        assertThat(api.get(reception, "/api/v1/billing/reconciliation/csv?date=" + day))
                .hasStatus(403);
        assertThat(runNow(cashier, day.toString())).hasStatus(403);
        assertThat(api.get(admin, "/api/v1/billing/reconciliation")).hasStatus(400);
        assertThat(api.get(admin, "/api/v1/billing/reconciliation?date=yesterday"))
                .hasStatus(400);
        assertThat(runNow(admin, "2026-13-01")).hasStatus(400);
        assertThat(runNow(
                        admin,
                        LocalDate.ofInstant(clock.instant(), TASHKENT)
                                .plusDays(2)
                                .toString()))
                .hasStatus(422);
    }

    @Test
    void theDailyJobIsScheduledOnceForTheCluster() {
        // db-scheduler's row: one execution for all nodes, at 01:00 in Tashkent
        assertThat(TestDatabase.get()
                        .count("SELECT count(*) FROM public.scheduled_tasks WHERE task_name = 'billing-reconciliation'"
                                + " AND to_char(execution_time AT TIME ZONE 'Asia/Tashkent', 'HH24:MI') = '01:00'"))
                .isEqualTo(1);
    }
}
