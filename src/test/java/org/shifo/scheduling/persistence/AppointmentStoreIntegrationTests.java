package org.shifo.scheduling.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.identity.TenantContext;
import org.shifo.identity.UserId;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.scheduling.domain.WorkingTime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The booked-time queries: what overlaps a window, with the index bound that leaves out the past. */
@IntegrationTest
class AppointmentStoreIntegrationTests {

    private static final Instant FROM = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T12:00:00Z");

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    AppointmentStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    IdentityFixtures.Clinic clinic;
    UUID practitioner;
    UUID patient;
    UUID service;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
        practitioner = fixtures.staff(clinic, Role.DOCTOR).userId().value();
        patient = UUID.randomUUID();
        service = UUID.randomUUID();
        inTenant(() -> {
            jdbc.sql(
                            """
                            INSERT INTO patients.patients (id, tenant_id, record_number, family_name, given_name, sex,
                                birth_date, name_key, created_at, updated_at)
                            VALUES (:id, :tenant, 1, 'Karimov', 'Aziz', 'MALE', DATE '1990-01-01', 'karimov aziz',
                                now(), now())
                            """)
                    .param("id", patient)
                    .param("tenant", clinic.tenantId().value())
                    .update();
            jdbc.sql(
                            """
                            INSERT INTO scheduling.services (id, tenant_id, name, duration_minutes, created_at)
                            VALUES (:id, :tenant, 'Long procedure', 480, now())
                            """)
                    .param("id", service)
                    .param("tenant", clinic.tenantId().value())
                    .update();
            return null;
        });
    }

    @Test
    void findsAnEightHourAppointmentThatBeganBeforeTheWindow() {
        book(FROM.minus(Duration.ofHours(8)).plusSeconds(60), Duration.ofHours(8), "BOOKED");

        assertThat(busy()).hasSize(1);
    }

    @Test
    void findsAppointmentsOverlappingEitherEdgeAndInside() {
        book(FROM.minus(Duration.ofMinutes(10)), Duration.ofMinutes(20), "BOOKED");
        book(FROM.plus(Duration.ofHours(1)), Duration.ofMinutes(20), "CHECKED_IN");
        book(TO.minus(Duration.ofMinutes(10)), Duration.ofMinutes(20), "BOOKED");

        assertThat(busy())
                .extracting(WorkingTime.Span::start)
                .containsExactly(
                        FROM.minus(Duration.ofMinutes(10)),
                        FROM.plus(Duration.ofHours(1)),
                        TO.minus(Duration.ofMinutes(10)));
    }

    @Test
    void leavesOutAnEightHourAppointmentThatEndsWhereTheWindowBegins() {
        book(FROM.minus(Duration.ofHours(8)), Duration.ofHours(8), "BOOKED");

        assertThat(busy()).isEmpty();
    }

    @Test
    void leavesOutAppointmentsThatOnlyTouchTheWindowOrNoLongerHoldTheirTime() {
        book(FROM.minus(Duration.ofMinutes(20)), Duration.ofMinutes(20), "BOOKED");
        book(TO, Duration.ofMinutes(20), "BOOKED");
        book(FROM.plus(Duration.ofHours(1)), Duration.ofMinutes(20), "NO_SHOW");

        assertThat(busy()).isEmpty();
    }

    @Test
    void findsTheRoomHeldByAnAppointmentThatBeganBeforeTheWindow() {
        book(FROM.minus(Duration.ofHours(7)), Duration.ofHours(8), "BOOKED", "Room 3");

        assertThat(inTenant(
                        () -> store.roomBusy(clinic.tenantId().value(), clinic.branchId(), "Room 3", FROM, TO, null)))
                .map(WorkingTime.Span::start)
                .contains(FROM.minus(Duration.ofHours(7)));
        assertThat(inTenant(
                        () -> store.roomBusy(clinic.tenantId().value(), clinic.branchId(), "Room 4", FROM, TO, null)))
                .isEmpty();
    }

    private List<WorkingTime.Span> busy() {
        return inTenant(() -> store.busy(clinic.tenantId().value(), new UserId(practitioner), FROM, TO, null));
    }

    private void book(Instant start, Duration length, String status) {
        book(start, length, status, null);
    }

    private void book(Instant start, Duration length, String status, @Nullable String room) {
        inTenant(() -> jdbc.sql(
                        """
                        INSERT INTO scheduling.appointments (id, tenant_id, branch_id, patient_id, practitioner_id,
                            service_id, room, start_at, end_at, status, checked_in_at, created_at, updated_at)
                        VALUES (:id, :tenant, :branch, :patient, :practitioner, :service, :room, :start, :end, :status,
                            CASE WHEN :status = 'CHECKED_IN' THEN CAST(:start AS timestamptz) END, now(), now())
                        """)
                .param("id", UUID.randomUUID())
                .param("tenant", clinic.tenantId().value())
                .param("branch", clinic.branchId().value())
                .param("patient", patient)
                .param("practitioner", practitioner)
                .param("service", service)
                .param("room", room)
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("end", start.plus(length).atOffset(ZoneOffset.UTC))
                .param("status", status)
                .update());
    }

    private <T> T inTenant(java.util.function.Supplier<T> work) {
        return TenantContext.callAs(clinic.tenantId(), () -> transactions.execute(status -> work.get()));
    }
}
