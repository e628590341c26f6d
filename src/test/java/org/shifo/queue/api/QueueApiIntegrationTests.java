package org.shifo.queue.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
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
class QueueApiIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    ApiCalls api;

    IdentityFixtures.Clinic clinic;
    String reception;
    String doctorToken;
    Staff doctor;
    String queueId;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        doctor = fixtures.staff(clinic, Role.DOCTOR);
        doctorToken = fixtures.bearer(doctor);
        MvcTestResult opened = api.post(
                reception,
                "/api/v1/queues",
                "{\"branchId\":\"%s\",\"practitionerId\":\"%s\"}"
                        .formatted(clinic.branchId().value(), doctor.userId().value()));
        assertThat(opened).hasStatus(201);
        queueId = api.body(opened).get("id").asString();
    }

    int patients = 0;

    String patient() {
        patients++;
        MvcTestResult result = api.post(
                reception,
                "/api/v1/patients",
                """
                {"familyName":"Qodirov","givenName":"Bobur","sex":"MALE","birthDate":"1979-05-%02d",
                 "phones":[{"number":"+9989012300%02d","primary":true}],"registerAnyway":true}
                """
                        .formatted(patients, patients));
        assertThat(result).hasStatus(201);
        return api.body(result).get("id").asString();
    }

    JsonNode issue(String queue, String patientId, String priority) {
        MvcTestResult result = api.post(
                reception,
                "/api/v1/queues/" + queue + "/tickets",
                "{\"patientId\":\"%s\",\"priority\":\"%s\"}".formatted(patientId, priority));
        assertThat(result).hasStatus(201);
        return api.body(result);
    }

    JsonNode act(String ticket, String action, String body) {
        MvcTestResult result = api.post(doctorToken, "/api/v1/tickets/" + ticket + "/" + action, body);
        assertThat(result).hasStatus(200);
        return api.body(result);
    }

    @Test
    void issuesShortNumbersWithPositionsAndWaits() {
        JsonNode first = issue(queueId, patient(), "WALK_IN");
        JsonNode second = issue(queueId, patient(), "WALK_IN");

        assertThat(first.get("number").asString()).matches("[A-Z]-001");
        assertThat(second.get("number").asString()).matches("[A-Z]-002");
        assertThat(second.get("position").asInt()).isEqualTo(2);
        assertThat(second.get("estimatedWaitMinutes").asInt()).isEqualTo(15);
        assertThat(second.get("patient").get("initials").asString()).isEqualTo("B.Q.");
    }

    @Test
    void servesPriorityBeforeArrivalOrder() {
        issue(queueId, patient(), "WALK_IN");
        issue(queueId, patient(), "BOOKED");
        JsonNode emergency = issue(queueId, patient(), "EMERGENCY");

        MvcTestResult called = api.post(doctorToken, "/api/v1/queues/" + queueId + "/call-next", "{\"room\":\"12\"}");

        assertThat(called).hasStatus(200);
        assertThat(api.body(called).get("id").asString())
                .isEqualTo(emergency.get("id").asString());
        assertThat(api.body(called).get("status").asString()).isEqualTo("CALLED");
        assertThat(api.body(called).get("room").asString()).isEqualTo("12");
        JsonNode queue = api.body(api.get(reception, "/api/v1/queues/" + queueId));
        assertThat(queue.get("tickets").get(0).get("priority").asString()).isEqualTo("BOOKED");
        assertThat(queue.get("tickets").get(0).get("position").asInt()).isEqualTo(1);
        assertThat(queue.get("waiting").asInt()).isEqualTo(2);
    }

    @Test
    void concurrentCallersNeverGetTheSameTicket() throws Exception {
        int waiting = 12;
        for (int i = 0; i < waiting; i++) {
            issue(queueId, patient(), "WALK_IN");
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tokens.add(fixtures.bearer(fixtures.staff(clinic, Role.DOCTOR)));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<MvcTestResult>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < waiting + 4; i++) {
                String token = tokens.get(i % tokens.size());
                calls.add(pool.submit(() -> {
                    go.await();
                    return api.post(token, "/api/v1/queues/" + queueId + "/call-next", "{}");
                }));
            }
            go.countDown();
            Set<String> called = new HashSet<>();
            int empty = 0;
            for (Future<MvcTestResult> call : calls) {
                MvcTestResult result = call.get();
                if (result.getResponse().getStatus() == 200) {
                    assertThat(called.add(api.body(result).get("id").asString()))
                            .isTrue();
                } else {
                    assertThat(result).hasStatus(409);
                    assertThat(api.body(result).get("type").asString()).endsWith("/queue-empty");
                    empty++;
                }
            }
            assertThat(called).hasSize(waiting);
            assertThat(empty).isEqualTo(4);
        }
        // every change has its own sequence number, without gaps
        assertThat(TestDatabase.get().count("SELECT count(*) FROM queue.events WHERE queue_id = ?::uuid", queueId))
                .isEqualTo(2L * waiting);
        assertThat(TestDatabase.get().count("SELECT max(seq) FROM queue.events WHERE queue_id = ?::uuid", queueId))
                .isEqualTo(2L * waiting);
    }

    @Test
    void walksATicketThroughItsActionsAndRefusesIllegalOnes() {
        String ticket = issue(queueId, patient(), "WALK_IN").get("id").asString();

        MvcTestResult early = api.post(doctorToken, "/api/v1/tickets/" + ticket + "/finish", "");
        assertThat(early).hasStatus(409);
        assertThat(api.body(early).get("allowedActions").toString()).contains("skip", "transfer");

        api.post(doctorToken, "/api/v1/queues/" + queueId + "/call-next", "{\"room\":\"7\"}");
        assertThat(act(ticket, "recall", "").get("callCount").asInt()).isEqualTo(2);
        assertThat(act(ticket, "skip", "").get("status").asString()).isEqualTo("SKIPPED");
        assertThat(act(ticket, "return", "").get("status").asString()).isEqualTo("WAITING");
        api.post(doctorToken, "/api/v1/queues/" + queueId + "/call-next", "{}");
        assertThat(act(ticket, "start", "").get("status").asString()).isEqualTo("IN_SERVICE");
        JsonNode done = act(ticket, "finish", "");
        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(done.get("finishedAt").isNull()).isFalse();
    }

    @Test
    void transfersToTheLaboratoryAndBackAheadOfNewArrivals() {
        String patient = patient();
        String ticket = issue(queueId, patient, "WALK_IN").get("id").asString();
        api.post(doctorToken, "/api/v1/queues/" + queueId + "/call-next", "{}");
        act(ticket, "start", "");
        MvcTestResult lab = api.post(
                reception,
                "/api/v1/queues",
                "{\"branchId\":\"%s\",\"servicePoint\":\"LABORATORY\"}"
                        .formatted(clinic.branchId().value()));
        assertThat(lab).hasStatus(201);
        String labQueue = api.body(lab).get("id").asString();

        JsonNode atLab = act(ticket, "transfer", "{\"queueId\":\"%s\"}".formatted(labQueue));
        assertThat(atLab.get("number").asString()).isEqualTo("L-001");
        issue(queueId, patient(), "WALK_IN"); // someone new waits for the doctor meanwhile
        String labToken = fixtures.bearer(fixtures.staff(clinic, Role.LAB));
        api.post(labToken, "/api/v1/queues/" + labQueue + "/call-next", "{}");
        api.post(labToken, "/api/v1/tickets/" + atLab.get("id").asString() + "/start", "");
        JsonNode back = api.body(api.post(
                labToken,
                "/api/v1/tickets/" + atLab.get("id").asString() + "/transfer",
                "{\"queueId\":\"%s\"}".formatted(queueId)));

        assertThat(back.get("priority").asString()).isEqualTo("RETURNING");
        assertThat(back.get("position").asInt()).isEqualTo(1);
        assertThat(api.body(api.get(reception, "/api/v1/tickets/" + ticket))
                        .get("status")
                        .asString())
                .isEqualTo("TRANSFERRED");
    }

    @Test
    void keepsOtherOrganizationsOut() {
        String ticket = issue(queueId, patient(), "WALK_IN").get("id").asString();
        IdentityFixtures.Clinic other = fixtures.clinic();
        String stranger = fixtures.bearer(fixtures.admin(other));

        assertThat(api.get(stranger, "/api/v1/queues/" + queueId)).hasStatus(404);
        assertThat(api.post(stranger, "/api/v1/queues/" + queueId + "/call-next", "{}"))
                .hasStatus(404);
        assertThat(api.post(stranger, "/api/v1/tickets/" + ticket + "/skip", ""))
                .hasStatus(404);
        assertThat(api.get(
                        stranger, "/api/v1/queues?branchId=" + clinic.branchId().value()))
                .hasStatus(404);
        assertThat(api.get(reception, "/api/v1/queues/" + queueId)).hasStatus(200);
    }

    @Test
    void namesTheFieldOfBadInput() {
        MvcTestResult noPatient =
                api.post(reception, "/api/v1/queues/" + queueId + "/tickets", "{\"priority\":\"VIP\"}");
        assertThat(noPatient).hasStatus(400);
        assertThat(api.body(noPatient).get("errors").get(0).get("field").asString())
                .isEqualTo("patientId");

        MvcTestResult priority = api.post(
                reception,
                "/api/v1/queues/" + queueId + "/tickets",
                "{\"patientId\":\"%s\",\"priority\":\"VIP\"}".formatted(patient()));
        assertThat(priority).hasStatus(400);
        assertThat(api.body(priority).get("errors").get(0).get("field").asString())
                .isEqualTo("priority");

        MvcTestResult point = api.post(
                reception,
                "/api/v1/queues",
                "{\"branchId\":\"%s\",\"servicePoint\":\"BAR\"}"
                        .formatted(clinic.branchId().value()));
        assertThat(point).hasStatus(400);
        assertThat(TestDatabase.get().count("SELECT count(*) FROM queue.tickets WHERE queue_id = ?::uuid", queueId))
                .isZero();
    }

    @Test
    void listsTheBranchQueuesOfToday() {
        MvcTestResult result = api.get(
                reception, "/api/v1/queues?branchId=" + clinic.branchId().value());

        assertThat(result).hasStatus(200);
        assertThat(api.body(result)).hasSize(1);
        assertThat(api.body(result).get(0).get("practitionerId").asString())
                .isEqualTo(doctor.userId().value().toString());
    }
}
