package org.shifo.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.shifo.identity.BranchId;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.scheduling.booking.ScheduleSetup;
import org.shifo.scheduling.booking.ServiceCatalogue;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * A booked appointment through the API for tests of other modules: a service, a doctor working 09:00-18:00 every day
 * in the clinic's branch, and an appointment of the patient {@code daysAhead} days from the clock's today.
 */
public final class AppointmentFixtures {

    public static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    private AppointmentFixtures() {}

    /**
     * A 30-minute consultation that the doctor offers round the clock, every day, in the branch (any time a test's
     * clock stands at is bookable); returns the service's id. Call it in the clinic's tenant scope.
     */
    public static UUID roundTheClock(ServiceCatalogue catalogue, ScheduleSetup setup, Staff doctor, BranchId branch) {
        UUID service = catalogue.create("Consultation", 30, "Therapy").id();
        setup.replace(
                doctor.userId().value(),
                branch.value().toString(),
                Arrays.stream(DayOfWeek.values())
                        .map(day -> new ScheduleSetup.DayInput(day.name(), "00:00", "24:00", List.of()))
                        .toList(),
                List.of(service.toString()));
        return service;
    }

    /** The appointment booked, and the booking's body (to book the same slot again). */
    public record Booked(String appointmentId, String booking, Staff doctor) {}

    public static Booked book(
            ApiCalls api,
            IdentityFixtures fixtures,
            IdentityFixtures.Clinic clinic,
            String admin,
            String reception,
            String patientId,
            Clock clock,
            int daysAhead,
            int hour) {
        Staff doctor = fixtures.staff(clinic, Role.DOCTOR);
        String service = api.body(api.post(
                        admin,
                        "/api/v1/services",
                        "{\"name\":\"Consultation %s\",\"durationMinutes\":20,\"specialty\":\"dermatology\"}"
                                .formatted(doctor.userId().value())))
                .get("id")
                .asString();
        StringBuilder weekly = new StringBuilder();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            weekly.append(weekly.isEmpty() ? "" : ",")
                    .append("{\"dayOfWeek\":\"%s\",\"start\":\"09:00\",\"end\":\"18:00\"}".formatted(day));
        }
        assertThat(api.put(
                        admin,
                        "/api/v1/practitioners/" + doctor.userId().value() + "/schedule",
                        "{\"branchId\":\"%s\",\"weekly\":[%s],\"serviceIds\":[\"%s\"]}"
                                .formatted(clinic.branchId().value(), weekly, service)))
                .hasStatusOk();
        LocalDate day = LocalDate.now(clock.withZone(TASHKENT)).plusDays(daysAhead);
        String booking = "{\"patientId\":\"%s\",\"practitionerId\":\"%s\",\"serviceId\":\"%s\",\"start\":\"%s\"}"
                .formatted(
                        patientId,
                        doctor.userId().value(),
                        service,
                        day.atTime(hour, 0).atZone(TASHKENT).toOffsetDateTime());
        MvcTestResult booked = api.post(reception, "/api/v1/appointments", booking);
        assertThat(booked).hasStatus(201);
        return new Booked(api.body(booked).get("id").asString(), booking, doctor);
    }
}
