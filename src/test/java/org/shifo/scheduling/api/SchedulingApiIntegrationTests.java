package org.shifo.scheduling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestClock;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class SchedulingApiIntegrationTests {

    static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    ApiCalls api;

    @Autowired
    TestClock clock;

    IdentityFixtures.Clinic clinic;
    String admin;
    String reception;
    Staff receptionist;
    Staff doctor;
    String serviceId;
    String patientId;
    LocalDate day;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        admin = fixtures.bearer(fixtures.admin(clinic));
        receptionist = fixtures.staff(clinic, Role.RECEPTIONIST);
        reception = fixtures.bearer(receptionist);
        doctor = fixtures.staff(clinic, Role.DOCTOR);
        serviceId = createService("Dermatology consultation", 20);
        schedule(doctor, "09:00", "18:00", serviceId);
        patientId = registerPatient("Karimov", "Aziz", "+998901234567");
        day = LocalDate.now(((Clock) clock).withZone(TASHKENT)).plusDays(7);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    String createService(String name, int minutes) {
        MvcTestResult result = api.post(
                admin,
                "/api/v1/services",
                "{\"name\":\"%s\",\"durationMinutes\":%d,\"specialty\":\"dermatology\"}".formatted(name, minutes));
        assertThat(result).hasStatus(201);
        return api.body(result).get("id").asString();
    }

    void schedule(Staff practitioner, String start, String end, String... services) {
        StringBuilder weekly = new StringBuilder();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            if (!weekly.isEmpty()) {
                weekly.append(',');
            }
            weekly.append(
                    "{\"dayOfWeek\":\"%s\",\"start\":\"%s\",\"end\":\"%s\",\"breaks\":[{\"start\":\"13:00\",\"end\":\"14:00\"}]}"
                            .formatted(day, start, end));
        }
        String ids = String.join("\",\"", services);
        MvcTestResult result = api.put(
                admin,
                "/api/v1/practitioners/" + practitioner.userId().value() + "/schedule",
                "{\"branchId\":\"%s\",\"weekly\":[%s],\"serviceIds\":[\"%s\"]}"
                        .formatted(clinic.branchId().value(), weekly, ids));
        assertThat(result).hasStatus(200);
    }

    String registerPatient(String family, String given, String phone) {
        MvcTestResult result = api.post(
                reception,
                "/api/v1/patients",
                """
                {"familyName":"%s","givenName":"%s","sex":"MALE","birthDate":"1980-01-15",
                 "phones":[{"number":"%s","primary":true}],"registerAnyway":true}
                """
                        .formatted(family, given, phone));
        assertThat(result).hasStatus(201);
        return api.body(result).get("id").asString();
    }

    String at(LocalDate date, String time) {
        return date.atTime(java.time.LocalTime.parse(time))
                .atZone(TASHKENT)
                .toOffsetDateTime()
                .toString();
    }

    String booking(String start) {
        return "{\"patientId\":\"%s\",\"practitionerId\":\"%s\",\"serviceId\":\"%s\",\"start\":\"%s\"}"
                .formatted(patientId, doctor.userId().value(), serviceId, start);
    }

    MvcTestResult book(String start) {
        return api.post(reception, "/api/v1/appointments", booking(start));
    }

    String bookOk(String start) {
        MvcTestResult result = book(start);
        assertThat(result).hasStatus(201);
        return api.body(result).get("id").asString();
    }

    List<String> slotStarts(LocalDate date) {
        MvcTestResult result = api.get(
                reception,
                "/api/v1/practitioners/" + doctor.userId().value() + "/slots?date=" + date + "&serviceId=" + serviceId);
        assertThat(result).hasStatus(200);
        List<String> starts = new ArrayList<>();
        api.body(result).forEach(slot -> starts.add(slot.get("start").asString()));
        return starts;
    }

    static String field(JsonNode problem) {
        return problem.get("errors").get(0).get("field").asString();
    }

    static String code(JsonNode problem) {
        return problem.get("errors").get(0).get("code").asString();
    }

    // --- tests ---------------------------------------------------------------------------------------------

    @Nested
    class Slots {

        @Test
        void followTheTemplateItsBreakAndTheServiceDuration() {
            List<String> starts = slotStarts(day);

            assertThat(starts).hasSize(24); // 09:00–13:00 and 14:00–18:00, 20 minutes each
            assertThat(starts.getFirst()).isEqualTo(day + "T09:00:00+05:00");
            assertThat(starts)
                    .contains(day + "T12:40:00+05:00", day + "T14:00:00+05:00")
                    .doesNotContain(day + "T13:00:00+05:00");
        }

        @Test
        void leaveOutBookedTime() {
            bookOk(at(day, "09:20"));

            assertThat(slotStarts(day)).hasSize(23).doesNotContain(day + "T09:20:00+05:00");
        }

        @Test
        void honourAVacationAndAnExtraShift() {
            String vacation = "{\"from\":\"%s\",\"to\":\"%s\",\"kind\":\"VACATION\"}".formatted(day, day.plusDays(2));
            assertThat(api.post(
                            admin, "/api/v1/practitioners/" + doctor.userId().value() + "/exceptions", vacation))
                    .hasStatus(201);
            String shift = "{\"from\":\"%sT19:00\",\"to\":\"%sT20:00\",\"kind\":\"EXTRA_SHIFT\",\"branchId\":\"%s\"}"
                    .formatted(
                            day.plusDays(3), day.plusDays(3), clinic.branchId().value());
            assertThat(api.post(
                            admin, "/api/v1/practitioners/" + doctor.userId().value() + "/exceptions", shift))
                    .hasStatus(201);

            assertThat(slotStarts(day)).isEmpty();
            assertThat(slotStarts(day.plusDays(2))).isEmpty();
            assertThat(slotStarts(day.plusDays(3))).hasSize(27).contains(day.plusDays(3) + "T19:40:00+05:00");
        }

        @Test
        void useTheBranchTimeZoneAcrossADaylightSavingChange() {
            MvcTestResult branch =
                    api.post(admin, "/api/v1/branches", "{\"name\":\"Berlin\",\"timeZone\":\"Europe/Berlin\"}");
            assertThat(branch).hasStatus(201);
            var berlin = new IdentityFixtures.Clinic(
                    clinic.tenantId(),
                    new org.shifo.identity.BranchId(
                            java.util.UUID.fromString(api.body(branch).get("id").asString())),
                    clinic.adminId(),
                    clinic.adminUsername());
            Staff berlinDoctor = fixtures.staff(berlin, Role.DOCTOR);
            MvcTestResult result = api.put(
                    admin,
                    "/api/v1/practitioners/" + berlinDoctor.userId().value() + "/schedule",
                    """
                    {"branchId":"%s","weekly":[{"dayOfWeek":7,"start":"01:00","end":"04:00"}],"serviceIds":["%s"]}
                    """
                            .formatted(berlin.branchId().value(), serviceId));
            assertThat(result).hasStatus(200);

            MvcTestResult slots = api.get(
                    reception,
                    "/api/v1/practitioners/" + berlinDoctor.userId().value() + "/slots?date=2027-03-28&serviceId="
                            + serviceId);

            assertThat(slots).hasStatus(200);
            List<String> starts = new ArrayList<>();
            api.body(slots).forEach(slot -> starts.add(slot.get("start").asString()));
            assertThat(starts)
                    .containsExactly(
                            "2027-03-28T01:00:00+01:00",
                            "2027-03-28T01:20:00+01:00",
                            "2027-03-28T01:40:00+01:00",
                            "2027-03-28T03:00:00+02:00",
                            "2027-03-28T03:20:00+02:00",
                            "2027-03-28T03:40:00+02:00");
        }

        @Test
        void needADateAndAKnownService() {
            MvcTestResult result = api.get(
                    reception,
                    "/api/v1/practitioners/" + doctor.userId().value() + "/slots?date=tomorrow&serviceId="
                            + java.util.UUID.randomUUID());

            assertThat(result).hasStatus(400);
            assertThat(field(api.body(result))).isEqualTo("date");
        }
    }

    @Nested
    class Booking {

        @Test
        void booksAFreeSlotAndAnswersInTheBranchTimeZone() {
            MvcTestResult result = book(at(day, "10:00"));

            assertThat(result).hasStatus(201);
            JsonNode appointment = api.body(result);
            assertThat(appointment.get("status").asString()).isEqualTo("BOOKED");
            assertThat(appointment.get("start").asString()).isEqualTo(day + "T10:00:00+05:00");
            assertThat(appointment.get("end").asString()).isEqualTo(day + "T10:20:00+05:00");
            assertThat(appointment.get("patient").get("displayName").asString()).isEqualTo("Karimov Aziz");
            assertThat(appointment.get("allowedStatuses").toString()).contains("CHECKED_IN", "CANCELLED", "NO_SHOW");
        }

        @Test
        void refusesATakenTimeNamingTheConflict() {
            bookOk(at(day, "10:00"));
            String other = registerPatient("Rahimova", "Dilnoza", "+998911112233");

            MvcTestResult result = api.post(
                    reception,
                    "/api/v1/appointments",
                    "{\"patientId\":\"%s\",\"practitionerId\":\"%s\",\"serviceId\":\"%s\",\"start\":\"%s\"}"
                            .formatted(other, doctor.userId().value(), serviceId, at(day, "10:00")));

            assertThat(result).hasStatus(409);
            JsonNode problem = api.body(result);
            assertThat(problem.get("type").asString()).endsWith("/booking-conflict");
            assertThat(problem.get("conflictStart").asString()).isEqualTo(day + "T10:00:00+05:00");
            assertThat(problem.get("detail").asString()).contains("10:00", "10:20");
        }

        @Test
        void twoHundredConcurrentBookingsOfOneSlotLeaveExactlyOne() throws Exception {
            String start = at(day, "11:00");
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                attempts.add(() -> {
                    go.await();
                    return book(start).getResponse().getStatus();
                });
            }
            List<Integer> statuses = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(64)) {
                List<Future<Integer>> futures = new ArrayList<>();
                for (Callable<Integer> attempt : attempts) {
                    futures.add(pool.submit(attempt));
                }
                go.countDown();
                for (Future<Integer> future : futures) {
                    statuses.add(future.get());
                }
            }

            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(199);
            assertThat(TestDatabase.get()
                            .count(
                                    "SELECT count(*) FROM scheduling.appointments WHERE tenant_id = ?",
                                    clinic.tenantId().value()))
                    .isEqualTo(1);
        }

        @Test
        void refusesTimesOutsideWorkingHoursNamingTheHours() {
            MvcTestResult result = book(at(day, "13:20"));

            assertThat(result).hasStatus(422);
            JsonNode problem = api.body(result);
            assertThat(field(problem)).isEqualTo("start");
            assertThat(code(problem)).isEqualTo("outside-working-hours");
            assertThat(problem.get("errors").get(0).get("message").asString()).contains("09:00–13:00", "14:00–18:00");
        }

        @Test
        void refusesAStartOffTheServiceGrid() {
            MvcTestResult result = book(at(day, "09:10"));

            assertThat(result).hasStatus(400);
            assertThat(code(api.body(result))).isEqualTo("not-on-grid");
            assertThat(api.body(result).get("errors").get(0).get("message").asString())
                    .contains("09:00", "09:20");
        }

        @Test
        void refusesAStartWithoutOffset() {
            MvcTestResult result = book(day + "T10:00:00");

            assertThat(result).hasStatus(400);
            assertThat(field(api.body(result))).isEqualTo("start");
            assertThat(code(api.body(result))).isEqualTo("malformed-moment");
        }

        @Test
        void refusesThePastExceptForAnAdministratorsAuditedBackEntry() {
            LocalDate past = day.minusDays(14);
            assertThat(book(at(past, "10:00"))).hasStatus(422);

            MvcTestResult result = api.post(admin, "/api/v1/appointments", booking(at(past, "10:00")));

            assertThat(result).hasStatus(201);
            assertThat(api.body(result).get("backEntry").asBoolean()).isTrue();
            assertThat(TestDatabase.get()
                            .count(
                                    "SELECT count(*) FROM audit.entries WHERE tenant_id = ? AND action = 'appointment.back_entry'",
                                    clinic.tenantId().value()))
                    .isEqualTo(1);
        }

        @Test
        void namesEachUnknownReferenceAndSavesNothing() {
            String unknown = java.util.UUID.randomUUID().toString();
            assertThat(field(api.body(api.post(
                            reception,
                            "/api/v1/appointments",
                            "{\"patientId\":\"%s\",\"practitionerId\":\"%s\",\"serviceId\":\"%s\",\"start\":\"%s\"}"
                                    .formatted(unknown, doctor.userId().value(), serviceId, at(day, "10:00"))))))
                    .isEqualTo("patientId");
            assertThat(field(api.body(api.post(
                            reception,
                            "/api/v1/appointments",
                            "{\"patientId\":\"%s\",\"practitionerId\":\"%s\",\"serviceId\":\"%s\",\"start\":\"%s\"}"
                                    .formatted(patientId, unknown, serviceId, at(day, "10:00"))))))
                    .isEqualTo("practitionerId");
            assertThat(field(api.body(api.post(
                            reception,
                            "/api/v1/appointments",
                            "{\"patientId\":\"%s\",\"practitionerId\":\"%s\",\"serviceId\":\"%s\",\"start\":\"%s\"}"
                                    .formatted(patientId, doctor.userId().value(), unknown, at(day, "10:00"))))))
                    .isEqualTo("serviceId");
            MvcTestResult malformed =
                    api.post(reception, "/api/v1/appointments", "{\"patientId\":\"x\",\"start\":\"soon\"}");
            assertThat(malformed).hasStatus(400);
            assertThat(api.body(malformed).get("errors")).hasSize(4);
            assertThat(TestDatabase.get()
                            .count(
                                    "SELECT count(*) FROM scheduling.appointments WHERE tenant_id = ?",
                                    clinic.tenantId().value()))
                    .isZero();
        }

        @Test
        void refusesADisabledPractitioner() {
            assertThat(api.post(admin, "/api/v1/users/" + doctor.userId().value() + "/disable", "{}"))
                    .hasStatus(200);

            MvcTestResult result = book(at(day, "10:00"));

            assertThat(result).hasStatus(422);
            assertThat(code(api.body(result))).isEqualTo("practitioner-disabled");
        }

        @Test
        void refusesAMergedPatientAndNamesTheSurvivor() {
            String survivor = registerPatient("Karimov", "Aziz", "+998901234568");
            MvcTestResult merge = api.post(
                    admin, "/api/v1/patients/" + survivor + "/merge", "{\"mergedId\":\"%s\"}".formatted(patientId));
            assertThat(merge).hasStatus(200);

            MvcTestResult result = book(at(day, "10:00"));

            assertThat(result).hasStatus(422);
            assertThat(code(api.body(result))).isEqualTo("merged-patient");
            assertThat(api.body(result).get("detail").asString()).contains(survivor);
        }

        @Test
        void aMergeMovesAppointmentsToTheSurvivorAndAnUndoMovesThemBack() {
            String id = bookOk(at(day, "10:00"));
            String survivor = registerPatient("Karimov", "Aziz", "+998901234568");
            MvcTestResult merge = api.post(
                    admin, "/api/v1/patients/" + survivor + "/merge", "{\"mergedId\":\"%s\"}".formatted(patientId));
            assertThat(api.body(api.get(reception, "/api/v1/appointments/" + id))
                            .get("patientId")
                            .asString())
                    .isEqualTo(survivor);

            assertThat(api.post(
                            admin,
                            "/api/v1/patient-merges/"
                                    + api.body(merge).get("mergeId").asString() + "/undo",
                            "{}"))
                    .hasStatus(204);

            assertThat(api.body(api.get(reception, "/api/v1/appointments/" + id))
                            .get("patientId")
                            .asString())
                    .isEqualTo(patientId);
        }

        @Test
        void isInvisibleToAnotherOrganization() {
            String id = bookOk(at(day, "10:00"));
            IdentityFixtures.Clinic other = fixtures.clinic();
            String stranger = fixtures.bearer(fixtures.admin(other));

            assertThat(api.get(stranger, "/api/v1/appointments/" + id)).hasStatus(404);
            assertThat(api.post(stranger, "/api/v1/appointments/" + id + "/cancel", "{\"reason\":\"x\"}"))
                    .hasStatus(404);
            assertThat(api.post(
                            stranger,
                            "/api/v1/appointments/" + id + "/reschedule",
                            "{\"start\":\"%s\"}".formatted(at(day, "11:00"))))
                    .hasStatus(404);
            assertThat(api.get(
                            stranger,
                            "/api/v1/practitioners/" + doctor.userId().value() + "/slots?date=" + day + "&serviceId="
                                    + serviceId))
                    .hasStatus(404);
            assertThat(api.body(api.get(stranger, "/api/v1/appointments?from=" + day + "&to=" + day.plusDays(1))))
                    .isEmpty();
            assertThat(api.get(reception, "/api/v1/appointments/" + id)).hasStatus(200);
        }

        @Test
        void keepsTheLaboratoryOutOfAppointments() {
            String lab = fixtures.bearer(fixtures.staff(clinic, Role.LAB));

            assertThat(api.get(lab, "/api/v1/appointments?from=" + day + "&to=" + day.plusDays(1)))
                    .hasStatus(403);
            assertThat(api.post(lab, "/api/v1/appointments", booking(at(day, "10:00"))))
                    .hasStatus(403);
        }
    }

    @Nested
    class VisitFlow {

        @Test
        void reschedulesChecksInStartsAndCompletes() {
            String id = bookOk(at(day, "10:00"));

            MvcTestResult moved = api.post(
                    reception,
                    "/api/v1/appointments/" + id + "/reschedule",
                    "{\"start\":\"%s\"}".formatted(at(day, "15:00")));
            assertThat(moved).hasStatus(200);
            assertThat(api.body(moved).get("start").asString()).isEqualTo(day + "T15:00:00+05:00");
            assertThat(slotStarts(day)).contains(day + "T10:00:00+05:00").doesNotContain(day + "T15:00:00+05:00");

            clock.advance(Duration.between(
                    clock.instant(), day.atTime(14, 50).atZone(TASHKENT).toInstant()));
            reception = fixtures.bearer(receptionist); // the old access token has expired meanwhile
            JsonNode ticket = api.body(api.post(reception, "/api/v1/appointments/" + id + "/check-in", ""));
            assertThat(ticket.get("appointment").get("status").asString()).isEqualTo("CHECKED_IN");
            assertThat(ticket.get("number").asString()).matches("[A-Z]-001");
            assertThat(ticket.get("position").asInt()).isEqualTo(1);
            assertThat(ticket.get("estimatedWaitMinutes").asInt()).isZero();
            assertThat(ticket.get("queueId").asString()).isNotBlank();
            String doctorToken = fixtures.bearer(doctor);
            assertThat(api.body(api.post(doctorToken, "/api/v1/appointments/" + id + "/start", ""))
                            .get("status")
                            .asString())
                    .isEqualTo("IN_PROGRESS");
            JsonNode done = api.body(api.post(doctorToken, "/api/v1/appointments/" + id + "/complete", ""));
            assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(done.get("checkedInAt").isNull()).isFalse();
            assertThat(done.get("finishedAt").isNull()).isFalse();
        }

        @Test
        void refusesAnIllegalTransitionListingTheAllowedOnes() {
            String id = bookOk(at(day, "10:00"));

            MvcTestResult result = api.post(fixtures.bearer(doctor), "/api/v1/appointments/" + id + "/complete", "");

            assertThat(result).hasStatus(409);
            JsonNode problem = api.body(result);
            assertThat(problem.get("currentStatus").asString()).isEqualTo("BOOKED");
            assertThat(problem.get("allowedStatuses").toString()).contains("CHECKED_IN", "CANCELLED", "NO_SHOW");
        }

        @Test
        void checksInOnlyOnTheDayOfTheAppointment() {
            String id = bookOk(at(day, "10:00"));

            MvcTestResult result = api.post(reception, "/api/v1/appointments/" + id + "/check-in", "");

            assertThat(result).hasStatus(422);
            assertThat(code(api.body(result))).isEqualTo("not-today");
        }

        @Test
        void cancellingNeedsAReasonAndFreesTheTime() {
            String id = bookOk(at(day, "10:00"));
            MvcTestResult noReason = api.post(reception, "/api/v1/appointments/" + id + "/cancel", "{}");
            assertThat(noReason).hasStatus(400);
            assertThat(field(api.body(noReason))).isEqualTo("reason");

            MvcTestResult cancelled =
                    api.post(reception, "/api/v1/appointments/" + id + "/cancel", "{\"reason\":\"patient asked\"}");

            assertThat(cancelled).hasStatus(200);
            assertThat(api.body(cancelled).get("status").asString()).isEqualTo("CANCELLED");
            bookOk(at(day, "10:00"));
            assertThat(api.post(reception, "/api/v1/appointments/" + id + "/cancel", "{\"reason\":\"again\"}"))
                    .hasStatus(409);
        }

        @Test
        void aWalkInIsCheckedInAtOnceAndTakesNobodysSlot() {
            MvcTestResult result = api.post(
                    reception,
                    "/api/v1/visits",
                    "{\"patientId\":\"%s\",\"practitionerId\":\"%s\",\"serviceId\":\"%s\"}"
                            .formatted(patientId, doctor.userId().value(), serviceId));

            assertThat(result).hasStatus(201);
            assertThat(api.body(result).get("status").asString()).isEqualTo("CHECKED_IN");
            assertThat(api.body(result).get("walkIn").asBoolean()).isTrue();
        }

        @Test
        void listsADaysAppointmentsAndAuditsTheRead() {
            bookOk(at(day, "10:00"));
            bookOk(at(day, "11:00"));
            bookOk(at(day.plusDays(1), "11:00"));

            MvcTestResult result = api.get(
                    reception,
                    "/api/v1/appointments?practitionerId=" + doctor.userId().value() + "&from=" + day + "&to=" + day
                            + "&status=BOOKED");

            assertThat(result).hasStatus(200);
            assertThat(api.body(result)).hasSize(2);
            assertThat(TestDatabase.get()
                            .count(
                                    "SELECT count(*) FROM audit.entries WHERE tenant_id = ? AND action = 'appointment.list'",
                                    clinic.tenantId().value()))
                    .isEqualTo(1);
        }
    }

    @Nested
    class SetUpRefusals {

        @Test
        void aServiceNeedsANameAndAPlausibleDuration() {
            MvcTestResult result = api.post(admin, "/api/v1/services", "{\"name\":\" \",\"durationMinutes\":3}");

            assertThat(result).hasStatus(400);
            assertThat(api.body(result).get("errors").toString()).contains("\"name\"", "\"durationMinutes\"");
            assertThat(api.post(
                            admin,
                            "/api/v1/services",
                            "{\"name\":\"dermatology CONSULTATION\",\"durationMinutes\":20}"))
                    .hasStatus(400);
            assertThat(api.post(reception, "/api/v1/services", "{\"name\":\"Peeling\",\"durationMinutes\":30}"))
                    .hasStatus(403);
        }

        @Test
        void aScheduleNamesEachBrokenInterval() {
            MvcTestResult result = api.put(
                    admin,
                    "/api/v1/practitioners/" + doctor.userId().value() + "/schedule",
                    """
                    {"branchId":"%s","weekly":[
                      {"dayOfWeek":"MONDAY","start":"18:00","end":"09:00"},
                      {"dayOfWeek":"FUNDAY","start":"09:00","end":"10:00"},
                      {"dayOfWeek":"TUESDAY","start":"09:00","end":"12:00","breaks":[{"start":"12:30","end":"13:00"}]},
                      {"dayOfWeek":"WEDNESDAY","start":"9am","end":"25:00"}],
                     "serviceIds":["%s"]}
                    """
                            .formatted(clinic.branchId().value(), java.util.UUID.randomUUID()));

            assertThat(result).hasStatus(400);
            assertThat(api.body(result).get("errors").toString())
                    .contains(
                            "weekly[0].end",
                            "weekly[1].dayOfWeek",
                            "weekly[2].breaks[0]",
                            "weekly[3].start",
                            "weekly[3].end",
                            "serviceIds[0]");
            assertThat(slotStarts(day)).hasSize(24); // the old template stands
        }

        @Test
        void anExceptionEndsAfterItBeginsAndHasAKnownKind() {
            String uri = "/api/v1/practitioners/" + doctor.userId().value() + "/exceptions";
            MvcTestResult backwards = api.post(
                    admin,
                    uri,
                    "{\"from\":\"%s\",\"to\":\"%s\",\"kind\":\"VACATION\"}".formatted(day + "T12:00", day + "T09:00"));
            assertThat(backwards).hasStatus(400);
            assertThat(field(api.body(backwards))).isEqualTo("to");

            MvcTestResult kind =
                    api.post(admin, uri, "{\"from\":\"%s\",\"to\":\"%s\",\"kind\":\"HOLIDAY\"}".formatted(day, day));
            assertThat(kind).hasStatus(400);
            assertThat(field(api.body(kind))).isEqualTo("kind");
        }

        @Test
        void aVacationOverBookedTimeListsTheAppointmentsToMove() {
            String id = bookOk(at(day, "10:00"));

            MvcTestResult result = api.post(
                    admin,
                    "/api/v1/practitioners/" + doctor.userId().value() + "/exceptions",
                    "{\"from\":\"%s\",\"to\":\"%s\",\"kind\":\"SICK_LEAVE\"}".formatted(day, day));

            assertThat(result).hasStatus(201);
            assertThat(api.body(result).get("affectedAppointmentIds").toString())
                    .contains(id);
        }

        @Test
        void aStartWithAnImpossibleOffsetIsMalformed() {
            MvcTestResult result = book(day + "T10:00:00+25:00");

            assertThat(result).hasStatus(400);
            assertThat(code(api.body(result))).isEqualTo("malformed-moment");
        }

        @Test
        void answersInTheCallersLanguage() {
            MvcTestResult result = mvc.post()
                    .uri("/api/v1/appointments")
                    .header(HttpHeaders.AUTHORIZATION, reception)
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "ru")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(booking(at(day, "13:20")))
                    .exchange();

            assertThat(result).hasStatus(422);
            assertThat(api.body(result).get("errors").get(0).get("message").asString())
                    .contains("вне рабочего времени");
        }
    }
}
