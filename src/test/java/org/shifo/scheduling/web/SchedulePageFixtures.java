package org.shifo.scheduling.web;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantContext;
import org.shifo.patients.domain.PatientForm;
import org.shifo.patients.registry.PatientRegistry;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.TestClock;
import org.shifo.scheduling.AppointmentFixtures;
import org.shifo.scheduling.booking.AppointmentBook;
import org.shifo.scheduling.booking.ScheduleSetup;
import org.shifo.scheduling.booking.ServiceCatalogue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A clinic ready to book, for the scheduling page tests: a doctor who works every day around the clock, one
 * 30-minute service, one patient, and the clock moved to the next 08:00 in Tashkent, so that the day's morning
 * lies ahead. The movable clock is looked up when needed: applications that tests start on their own (readiness,
 * production refusal) scan this class too but have no {@link TestClock}.
 */
@Component
class SchedulePageFixtures {

    static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    private final IdentityFixtures identity;
    private final PatientRegistry registry;
    private final ServiceCatalogue catalogue;
    private final ScheduleSetup setup;
    private final AppointmentBook book;
    private final ObjectProvider<TestClock> testClock;
    private final Clock clock;

    SchedulePageFixtures(
            IdentityFixtures identity,
            PatientRegistry registry,
            ServiceCatalogue catalogue,
            ScheduleSetup setup,
            AppointmentBook book,
            ObjectProvider<TestClock> testClock,
            Clock clock) {
        this.identity = identity;
        this.registry = registry;
        this.catalogue = catalogue;
        this.setup = setup;
        this.book = book;
        this.testClock = testClock;
        this.clock = clock;
    }

    /** The clinic, its doctor, the service, the patient (Karimova Dilnoza, SH-000001) and the day. */
    record Ready(IdentityFixtures.Clinic clinic, Staff doctor, UUID serviceId, String patientId, LocalDate day) {

        /** The start of a slot of the day, with its offset. */
        String at(int hour, int minute) {
            return day.atTime(hour, minute).atZone(TASHKENT).toOffsetDateTime().toString();
        }
    }

    Ready clinic() {
        ZonedDateTime now = clock.instant().atZone(TASHKENT);
        ZonedDateTime eight =
                now.toLocalDate().plusDays(1).atTime(LocalTime.of(8, 0)).atZone(TASHKENT);
        testClock.getObject().advance(Duration.between(now, eight));
        return clinicOn(eight.toLocalDate());
    }

    /** Another clinic ready on the same day, without moving the clock (a signed-in session stays fresh). */
    Ready another(Ready ready) {
        return clinicOn(ready.day());
    }

    private Ready clinicOn(LocalDate day) {
        IdentityFixtures.Clinic clinic = identity.clinic();
        Staff doctor = identity.staff(clinic, Role.DOCTOR);
        return TenantContext.callAs(clinic.tenantId(), () -> {
            UUID service = AppointmentFixtures.roundTheClock(catalogue, setup, doctor, clinic.branchId());
            String patient = registry.register(
                            new PatientForm(
                                    "Karimova",
                                    "Dilnoza",
                                    null,
                                    "FEMALE",
                                    LocalDate.of(1990, 1, 2),
                                    List.of(new PatientForm.Phone("+998901112233", true)),
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null),
                            true)
                    .id()
                    .toString();
            return new Ready(clinic, doctor, service, patient, day);
        });
    }

    /** Books the patient with the doctor at a time of the day, as another receptionist would. */
    String book(Ready ready, int hour, int minute) {
        return TenantContext.callAs(ready.clinic().tenantId(), () -> book.book(new AppointmentBook.BookingInput(
                        ready.patientId(),
                        ready.doctor().userId().value().toString(),
                        ready.serviceId().toString(),
                        ready.at(hour, minute),
                        null,
                        null))
                .appointment()
                .id()
                .toString());
    }
}
