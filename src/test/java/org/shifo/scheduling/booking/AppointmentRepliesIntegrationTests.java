package org.shifo.scheduling.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.patients.PatientId;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestClock;
import org.shifo.scheduling.AppointmentFixtures;
import org.shifo.scheduling.AppointmentId;
import org.shifo.scheduling.AppointmentReplies;
import org.shifo.scheduling.AppointmentReplies.Channel;
import org.shifo.scheduling.AppointmentReplies.Outcome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;

/** A patient's Confirm and Cancel through another module's channel: only their own, booked, future appointment. */
@IntegrationTest
class AppointmentRepliesIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    @Autowired
    TestClock clock;

    @Autowired
    AppointmentReplies replies;

    ApiCalls api;
    IdentityFixtures.Clinic clinic;
    String admin;
    String reception;
    Staff receptionist;
    String booking;
    AppointmentId appointment;
    PatientId patient;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        admin = fixtures.bearer(fixtures.admin(clinic));
        receptionist = fixtures.staff(clinic, Role.RECEPTIONIST);
        reception = fixtures.bearer(receptionist);
        MvcTestResult registered = api.post(
                reception,
                "/api/v1/patients",
                """
                {"familyName":"Karimova","givenName":"Aziza","sex":"FEMALE","birthDate":"1980-01-15",
                 "phones":[{"number":"+998901112233","primary":true}],"registerAnyway":true}
                """);
        patient = new PatientId(UUID.fromString(api.body(registered).get("id").asString()));
        AppointmentFixtures.Booked booked = AppointmentFixtures.book(
                api, fixtures, clinic, admin, reception, patient.value().toString(), clock, 2, 11);
        booking = booked.booking();
        appointment = new AppointmentId(UUID.fromString(booked.appointmentId()));
    }

    String status() {
        return api.body(api.get(reception, "/api/v1/appointments/" + appointment))
                .get("status")
                .asString();
    }

    @Test
    void confirmsOnceAndCancelsFreeingTheSlot() {
        assertThat(replies.confirm(clinic.tenantId(), appointment, patient, Channel.TELEGRAM))
                .isEqualTo(Outcome.DONE);
        assertThat(replies.confirm(clinic.tenantId(), appointment, patient, Channel.TELEGRAM))
                .isEqualTo(Outcome.ALREADY);

        assertThat(replies.cancel(clinic.tenantId(), appointment, patient, Channel.TELEGRAM))
                .isEqualTo(Outcome.DONE);

        assertThat(status()).isEqualTo("CANCELLED");
        assertThat(replies.cancel(clinic.tenantId(), appointment, patient, Channel.TELEGRAM))
                .isEqualTo(Outcome.ALREADY);
        assertThat(replies.confirm(clinic.tenantId(), appointment, patient, Channel.TELEGRAM))
                .isEqualTo(Outcome.NOT_CHANGEABLE);
        assertThat(api.post(reception, "/api/v1/appointments", booking)).hasStatus(201);
    }

    @Test
    void refusesAnotherPatientsOrAnotherOrganizationsAppointment() {
        PatientId stranger = new PatientId(UUID.randomUUID());

        assertThat(replies.confirm(clinic.tenantId(), appointment, stranger, Channel.TELEGRAM))
                .isEqualTo(Outcome.NOT_FOUND);
        assertThat(replies.cancel(clinic.tenantId(), appointment, stranger, Channel.TELEGRAM))
                .isEqualTo(Outcome.NOT_FOUND);
        assertThat(replies.cancel(fixtures.clinic().tenantId(), appointment, patient, Channel.TELEGRAM))
                .isEqualTo(Outcome.NOT_FOUND);
        assertThat(status()).isEqualTo("BOOKED");
    }

    @Test
    void refusesAnAppointmentThatBegan() {
        clock.advance(Duration.ofDays(3));
        reception = fixtures.bearer(receptionist);

        assertThat(replies.cancel(clinic.tenantId(), appointment, patient, Channel.TELEGRAM))
                .isEqualTo(Outcome.NOT_CHANGEABLE);
        assertThat(replies.confirm(clinic.tenantId(), appointment, patient, Channel.TELEGRAM))
                .isEqualTo(Outcome.NOT_CHANGEABLE);
        assertThat(status()).isEqualTo("BOOKED");
    }
}
