package org.shifo.scheduling.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchId;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientId;
import org.shifo.scheduling.AppointmentId;
import org.shifo.scheduling.domain.Appointment;
import org.shifo.scheduling.domain.AppointmentStatus;
import org.shifo.scheduling.domain.WorkingTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Appointments and walk-in visits, in {@code scheduling.appointments}. */
@Repository
public class AppointmentStore {

    private static final String COLUMNS =
            """
            id, branch_id, patient_id, practitioner_id, service_id, room, start_at, end_at, status, walk_in,
            back_entry, cancel_reason, checked_in_at, started_at, finished_at, created_at, updated_at, version
            """;

    private final JdbcClient jdbc;

    AppointmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID tenant, Appointment a, @Nullable UUID by) {
        jdbc.sql(
                        """
                        INSERT INTO scheduling.appointments (id, tenant_id, branch_id, patient_id, practitioner_id,
                            service_id, room, start_at, end_at, status, walk_in, back_entry, checked_in_at,
                            created_at, created_by, updated_at)
                        VALUES (:id, :tenant, :branch, :patient, :practitioner, :service, :room, :start, :end,
                            :status, :walkIn, :backEntry, :checkedInAt, :now, :by, :now)
                        """)
                .param("id", a.id().value())
                .param("tenant", tenant)
                .param("branch", a.branch().value())
                .param("patient", a.patient().value())
                .param("practitioner", a.practitioner().value())
                .param("service", a.service())
                .param("room", a.room())
                .param("start", Times.of(a.start()))
                .param("end", Times.of(a.end()))
                .param("status", a.status().name())
                .param("walkIn", a.walkIn())
                .param("backEntry", a.backEntry())
                .param("checkedInAt", Times.ofNullable(a.checkedInAt()))
                .param("now", Times.of(a.createdAt()))
                .param("by", by)
                .update();
    }

    public Optional<Appointment> find(UUID tenant, AppointmentId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scheduling.appointments WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant)
                .param("id", id.value())
                .query(AppointmentStore::row)
                .optional();
    }

    public Optional<Appointment> findForUpdate(UUID tenant, AppointmentId id) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM scheduling.appointments WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
                .param("tenant", tenant)
                .param("id", id.value())
                .query(AppointmentStore::row)
                .optional();
    }

    /**
     * Records the patient's confirmation of a booked appointment (the row is locked by the caller); false when it
     * was confirmed already.
     */
    public boolean confirm(UUID tenant, AppointmentId id, Instant at, String via) {
        return jdbc.sql(
                                """
                                UPDATE scheduling.appointments SET confirmed_at = :at, confirmed_via = :via,
                                    updated_at = :at, version = version + 1
                                WHERE tenant_id = :tenant AND id = :id AND confirmed_at IS NULL
                                """)
                        .param("at", Times.of(at))
                        .param("via", via)
                        .param("tenant", tenant)
                        .param("id", id.value())
                        .update()
                == 1;
    }

    /** Moves a booked appointment to another time, practitioner, service or room. */
    public void move(UUID tenant, Appointment a) {
        jdbc.sql(
                        """
                        UPDATE scheduling.appointments SET branch_id = :branch, practitioner_id = :practitioner,
                            service_id = :service, room = :room, start_at = :start, end_at = :end,
                            back_entry = back_entry OR :backEntry, updated_at = :now, version = version + 1
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant)
                .param("id", a.id().value())
                .param("branch", a.branch().value())
                .param("practitioner", a.practitioner().value())
                .param("service", a.service())
                .param("room", a.room())
                .param("start", Times.of(a.start()))
                .param("end", Times.of(a.end()))
                .param("backEntry", a.backEntry())
                .param("now", Times.of(a.updatedAt()))
                .update();
    }

    /** Saves a status change with its time stamps and reason. */
    public void changeStatus(UUID tenant, Appointment a) {
        jdbc.sql(
                        """
                        UPDATE scheduling.appointments SET status = :status, cancel_reason = :reason,
                            checked_in_at = :checkedIn, started_at = :started, finished_at = :finished,
                            updated_at = :now, version = version + 1
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant)
                .param("id", a.id().value())
                .param("status", a.status().name())
                .param("reason", a.cancelReason())
                .param("checkedIn", Times.ofNullable(a.checkedInAt()))
                .param("started", Times.ofNullable(a.startedAt()))
                .param("finished", Times.ofNullable(a.finishedAt()))
                .param("now", Times.of(a.updatedAt()))
                .update();
    }

    /**
     * The practitioner's booked time overlapping {@code [from, to)}, leaving out one appointment if given.
     *
     * <p>{@code start_at > :from - 8 hours} says nothing new (no appointment is longer, {@code
     * appointments_time_order}), but it bounds the index range from below: {@code end_at > :from} alone is only a
     * filter, so the scan read every earlier appointment of the practitioner (14 ms at 3,000 of them). The
     * gist index of the exclusion constraint cannot serve instead: under row-level security {@code &&} is not
     * leakproof.
     */
    public List<WorkingTime.Span> busy(
            UUID tenant, UserId practitioner, Instant from, Instant to, @Nullable AppointmentId except) {
        return jdbc.sql(
                        """
                        SELECT start_at, end_at FROM scheduling.appointments
                        WHERE tenant_id = :tenant AND practitioner_id = :p
                          AND start_at < :to AND end_at > :from
                          AND start_at > CAST(:from AS timestamptz) - INTERVAL '8 hours'
                          AND status NOT IN ('CANCELLED', 'NO_SHOW') AND NOT walk_in
                          AND id <> coalesce(CAST(:except AS uuid), '00000000-0000-0000-0000-000000000000')
                        ORDER BY start_at
                        """)
                .param("tenant", tenant)
                .param("p", practitioner.value())
                .param("from", Times.of(from))
                .param("to", Times.of(to))
                .param("except", except == null ? null : except.value())
                .query((rs, n) -> new WorkingTime.Span(
                        rs.getObject("start_at", java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject("end_at", java.time.OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * The first appointment holding the room in a branch during {@code [from, to)}, except one; the lower bound
     * on {@code start_at} is there for the index, as in {@link #busy}.
     */
    public Optional<WorkingTime.Span> roomBusy(
            UUID tenant, BranchId branch, String room, Instant from, Instant to, @Nullable AppointmentId except) {
        return jdbc.sql(
                        """
                        SELECT start_at, end_at FROM scheduling.appointments
                        WHERE tenant_id = :tenant AND branch_id = :b AND room = :room
                          AND start_at < :to AND end_at > :from
                          AND start_at > CAST(:from AS timestamptz) - INTERVAL '8 hours'
                          AND status NOT IN ('CANCELLED', 'NO_SHOW') AND NOT walk_in
                          AND id <> coalesce(CAST(:except AS uuid), '00000000-0000-0000-0000-000000000000')
                        ORDER BY start_at LIMIT 1
                        """)
                .param("tenant", tenant)
                .param("b", branch.value())
                .param("room", room)
                .param("from", Times.of(from))
                .param("to", Times.of(to))
                .param("except", except == null ? null : except.value())
                .query((rs, n) -> new WorkingTime.Span(
                        rs.getObject("start_at", java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject("end_at", java.time.OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** What a list asks for; each filter is optional. */
    public record Filter(
            @Nullable UserId practitioner,
            @Nullable BranchId branch,
            @Nullable PatientId patient,
            @Nullable AppointmentStatus status,
            Instant from,
            Instant to,
            int limit) {}

    public List<Appointment> list(UUID tenant, Filter filter) {
        return jdbc.sql(
                        "SELECT " + COLUMNS
                                + """
                         FROM scheduling.appointments
                        WHERE tenant_id = :tenant AND start_at >= :from AND start_at < :to
                          AND (CAST(:p AS uuid) IS NULL OR practitioner_id = :p)
                          AND (CAST(:b AS uuid) IS NULL OR branch_id = :b)
                          AND (CAST(:patient AS uuid) IS NULL OR patient_id = :patient)
                          AND (CAST(:status AS text) IS NULL OR status = :status)
                        ORDER BY start_at, id
                        LIMIT :limit
                        """)
                .param("tenant", tenant)
                .param("from", Times.of(filter.from()))
                .param("to", Times.of(filter.to()))
                .param(
                        "p",
                        filter.practitioner() == null
                                ? null
                                : filter.practitioner().value())
                .param("b", filter.branch() == null ? null : filter.branch().value())
                .param(
                        "patient",
                        filter.patient() == null ? null : filter.patient().value())
                .param(
                        "status",
                        filter.status() == null ? null : filter.status().name())
                .param("limit", filter.limit())
                .query(AppointmentStore::row)
                .list();
    }

    /** A patient's most recent appointments, newest first. */
    public List<Appointment> ofPatient(UUID tenant, PatientId patient, int limit) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM scheduling.appointments WHERE tenant_id = :tenant AND patient_id = :patient"
                        + " ORDER BY start_at DESC LIMIT :limit")
                .param("tenant", tenant)
                .param("patient", patient.value())
                .param("limit", limit)
                .query(AppointmentStore::row)
                .list();
    }

    /** Points every appointment of {@code from} to {@code to}; returns the ids it changed. */
    public List<String> movePatient(UUID tenant, PatientId from, PatientId to) {
        return jdbc
                .sql(
                        """
                        UPDATE scheduling.appointments SET patient_id = :to, version = version + 1
                        WHERE tenant_id = :tenant AND patient_id = :from RETURNING id
                        """)
                .param("tenant", tenant)
                .param("from", from.value())
                .param("to", to.value())
                .query(UUID.class)
                .list()
                .stream()
                .map(UUID::toString)
                .toList();
    }

    /** Points these appointments back to {@code to}. */
    public void movePatientBack(UUID tenant, List<String> ids, PatientId to) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql(
                        """
                        UPDATE scheduling.appointments SET patient_id = :to, version = version + 1
                        WHERE tenant_id = :tenant AND id = ANY(:ids)
                        """)
                .param("tenant", tenant)
                .param("to", to.value())
                .param("ids", ids.stream().map(UUID::fromString).toArray(UUID[]::new))
                .update();
    }

    private static Appointment row(ResultSet rs, int n) throws SQLException {
        return new Appointment(
                new AppointmentId(rs.getObject("id", UUID.class)),
                new BranchId(rs.getObject("branch_id", UUID.class)),
                new PatientId(rs.getObject("patient_id", UUID.class)),
                new UserId(rs.getObject("practitioner_id", UUID.class)),
                rs.getObject("service_id", UUID.class),
                rs.getString("room"),
                java.util.Objects.requireNonNull(Times.read(rs, "start_at")),
                java.util.Objects.requireNonNull(Times.read(rs, "end_at")),
                AppointmentStatus.valueOf(rs.getString("status")),
                rs.getBoolean("walk_in"),
                rs.getBoolean("back_entry"),
                rs.getString("cancel_reason"),
                Times.read(rs, "checked_in_at"),
                Times.read(rs, "started_at"),
                Times.read(rs, "finished_at"),
                java.util.Objects.requireNonNull(Times.read(rs, "created_at")),
                java.util.Objects.requireNonNull(Times.read(rs, "updated_at")),
                rs.getInt("version"));
    }
}
