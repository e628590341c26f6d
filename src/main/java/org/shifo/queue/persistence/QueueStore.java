package org.shifo.queue.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.queue.domain.Priority;
import org.shifo.queue.domain.QueueInfo;
import org.shifo.queue.domain.Ticket;
import org.shifo.queue.domain.TicketStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Queues, tickets and the per-queue event sequence, in schema {@code queue}. */
@Repository
public class QueueStore {

    private static final String QUEUE_COLUMNS =
            "id, branch_id, day, practitioner_id, service_point, name, prefix, last_number, last_seq";
    private static final String TICKET_COLUMNS =
            """
            id, queue_id, number, patient_id, appointment_id, priority, priority_rank, status, room, call_count,
            joined_at, called_at, started_at, finished_at, transferred_to, transferred_from
            """;
    /** The order waiting tickets are served in. */
    public static final String WAITING_ORDER = "priority_rank DESC, joined_at, number";

    private final JdbcClient jdbc;

    QueueStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the queue unless it exists (another request may create it at the same moment); returns it. */
    public QueueInfo findOrCreate(
            UUID tenant,
            UUID branch,
            LocalDate day,
            @Nullable UUID practitioner,
            @Nullable String servicePoint,
            String name,
            String prefix,
            Instant now) {
        String conflict = practitioner != null
                ? "(tenant_id, branch_id, day, practitioner_id) WHERE practitioner_id IS NOT NULL"
                : "(tenant_id, branch_id, day, service_point) WHERE service_point IS NOT NULL";
        jdbc.sql(
                        "INSERT INTO queue.queues (id, tenant_id, branch_id, day, practitioner_id, service_point, name, prefix,"
                                + " created_at) VALUES (:id, :tenant, :branch, :day, :practitioner, :point, :name, :prefix, :now)"
                                + " ON CONFLICT " + conflict + " DO NOTHING")
                .param("id", UUID.randomUUID())
                .param("tenant", tenant)
                .param("branch", branch)
                .param("day", day)
                .param("practitioner", practitioner)
                .param("point", servicePoint)
                .param("name", name)
                .param("prefix", prefix)
                .param("now", at(now))
                .update();
        return jdbc.sql("SELECT " + QUEUE_COLUMNS
                        + " FROM queue.queues WHERE tenant_id = :tenant AND branch_id = :branch"
                        + " AND day = :day AND practitioner_id IS NOT DISTINCT FROM CAST(:practitioner AS uuid)"
                        + " AND service_point IS NOT DISTINCT FROM CAST(:point AS text)")
                .param("tenant", tenant)
                .param("branch", branch)
                .param("day", day)
                .param("practitioner", practitioner)
                .param("point", servicePoint)
                .query(QueueStore::queue)
                .single();
    }

    public Optional<QueueInfo> find(UUID tenant, UUID id) {
        return jdbc.sql("SELECT " + QUEUE_COLUMNS + " FROM queue.queues WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .query(QueueStore::queue)
                .optional();
    }

    /** Locks the queue row: every change of a queue takes this lock first, so changes of one queue serialise. */
    public Optional<QueueInfo> lock(UUID tenant, UUID id) {
        return jdbc.sql("SELECT " + QUEUE_COLUMNS
                        + " FROM queue.queues WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
                .param("tenant", tenant)
                .param("id", id)
                .query(QueueStore::queue)
                .optional();
    }

    public List<QueueInfo> ofBranch(UUID tenant, UUID branch, LocalDate day) {
        return jdbc.sql("SELECT " + QUEUE_COLUMNS
                        + " FROM queue.queues WHERE tenant_id = :tenant AND branch_id = :branch"
                        + " AND day = :day ORDER BY service_point NULLS FIRST, name")
                .param("tenant", tenant)
                .param("branch", branch)
                .param("day", day)
                .query(QueueStore::queue)
                .list();
    }

    /** The next ticket number of a locked queue. */
    public int nextNumber(UUID tenant, UUID queue) {
        return jdbc.sql("UPDATE queue.queues SET last_number = last_number + 1 WHERE tenant_id = :tenant AND id = :id"
                        + " RETURNING last_number")
                .param("tenant", tenant)
                .param("id", queue)
                .query(Integer.class)
                .single();
    }

    /** Appends an event to a locked queue and tells every node after the commit; returns its seq. */
    public long appendEvent(UUID tenant, UUID queue, UUID branch, UUID ticket, String event, Instant now) {
        long seq = jdbc.sql("UPDATE queue.queues SET last_seq = last_seq + 1 WHERE tenant_id = :tenant AND id = :id"
                        + " RETURNING last_seq")
                .param("tenant", tenant)
                .param("id", queue)
                .query(Long.class)
                .single();
        jdbc.sql("INSERT INTO queue.events (queue_id, seq, tenant_id, ticket_id, event, at)"
                        + " VALUES (:queue, :seq, :tenant, :ticket, :event, :now)")
                .param("queue", queue)
                .param("seq", seq)
                .param("tenant", tenant)
                .param("ticket", ticket)
                .param("event", event)
                .param("now", at(now))
                .update();
        // delivered by PostgreSQL to every listening node when (and only if) this transaction commits
        jdbc.sql("SELECT pg_notify('shifo_queue', :payload)")
                .param("payload", tenant + " " + branch + " " + queue + " " + seq)
                .query((rs, n) -> 1)
                .list();
        return seq;
    }

    public void insertTicket(UUID tenant, Ticket t, Instant now) {
        jdbc.sql("INSERT INTO queue.tickets (id, tenant_id, queue_id, number, patient_id, appointment_id, priority,"
                        + " priority_rank, status, room, joined_at, transferred_from, created_at, updated_at)"
                        + " VALUES (:id, :tenant, :queue, :number, :patient, :appointment, :priority, :rank, :status,"
                        + " :room, :joined, :from, :now, :now)")
                .param("id", t.id())
                .param("tenant", tenant)
                .param("queue", t.queueId())
                .param("number", t.number())
                .param("patient", t.patientId())
                .param("appointment", t.appointmentId())
                .param("priority", t.priority().name())
                .param("rank", t.priorityRank())
                .param("status", t.status().name())
                .param("room", t.room())
                .param("joined", at(t.joinedAt()))
                .param("from", t.transferredFrom())
                .param("now", at(now))
                .update();
    }

    /** Saves a ticket's status, room, call count and time stamps. */
    public void updateTicket(UUID tenant, Ticket t, @Nullable UUID calledBy, Instant now) {
        jdbc.sql("UPDATE queue.tickets SET status = :status, room = :room, call_count = :calls, joined_at = :joined,"
                        + " called_at = :called, started_at = :started, finished_at = :finished,"
                        + " transferred_to = :to, called_by = coalesce(CAST(:by AS uuid), called_by), updated_at = :now"
                        + " WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant)
                .param("id", t.id())
                .param("status", t.status().name())
                .param("room", t.room())
                .param("calls", t.callCount())
                .param("joined", at(t.joinedAt()))
                .param("called", at(t.calledAt()))
                .param("started", at(t.startedAt()))
                .param("finished", at(t.finishedAt()))
                .param("to", t.transferredTo())
                .param("by", calledBy)
                .param("now", at(now))
                .update();
    }

    public Optional<Ticket> findTicket(UUID tenant, UUID id) {
        return jdbc.sql("SELECT " + TICKET_COLUMNS + " FROM queue.tickets WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .query(QueueStore::ticket)
                .optional();
    }

    /** Who last called the ticket (a staff member), if anyone did. */
    public Optional<UUID> calledBy(UUID tenant, UUID ticket) {
        return jdbc.sql("SELECT called_by FROM queue.tickets WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant)
                .param("id", ticket)
                .query((rs, n) -> Optional.ofNullable(rs.getObject("called_by", UUID.class)))
                .optional()
                .flatMap(by -> by);
    }

    /** The first waiting ticket of a (locked) queue. */
    public Optional<Ticket> firstWaiting(UUID tenant, UUID queue) {
        return jdbc.sql("SELECT " + TICKET_COLUMNS
                        + " FROM queue.tickets WHERE tenant_id = :tenant AND queue_id = :queue"
                        + " AND status = 'WAITING' ORDER BY " + WAITING_ORDER + " LIMIT 1")
                .param("tenant", tenant)
                .param("queue", queue)
                .query(QueueStore::ticket)
                .optional();
    }

    /** Every ticket of a queue: waiting ones in serving order first, then the rest by number. */
    public List<Ticket> tickets(UUID tenant, UUID queue) {
        return jdbc.sql("SELECT " + TICKET_COLUMNS
                        + " FROM queue.tickets WHERE tenant_id = :tenant AND queue_id = :queue"
                        + " ORDER BY (status = 'WAITING') DESC, CASE WHEN status = 'WAITING' THEN priority_rank END DESC,"
                        + " CASE WHEN status = 'WAITING' THEN joined_at END, number")
                .param("tenant", tenant)
                .param("queue", queue)
                .query(QueueStore::ticket)
                .list();
    }

    public Optional<Ticket> liveTicketOfAppointment(UUID tenant, UUID appointment) {
        return jdbc.sql("SELECT " + TICKET_COLUMNS + " FROM queue.tickets WHERE tenant_id = :tenant"
                        + " AND appointment_id = :appointment AND status IN ('WAITING', 'CALLED', 'IN_SERVICE')")
                .param("tenant", tenant)
                .param("appointment", appointment)
                .query(QueueStore::ticket)
                .optional();
    }

    /** Minutes the last finished consultations of a queue's practitioner took (most recent first). */
    public List<Double> recentServiceMinutes(UUID tenant, UUID practitioner, int count) {
        return jdbc.sql("SELECT extract(epoch FROM t.finished_at - t.started_at) / 60.0 FROM queue.tickets t"
                        + " JOIN queue.queues q ON q.id = t.queue_id WHERE t.tenant_id = :tenant"
                        + " AND q.tenant_id = :tenant AND q.practitioner_id = :practitioner AND t.status = 'DONE'"
                        + " AND t.started_at IS NOT NULL AND t.finished_at IS NOT NULL"
                        + " ORDER BY t.finished_at DESC LIMIT :count")
                .param("tenant", tenant)
                .param("practitioner", practitioner)
                .param("count", count)
                .query(Double.class)
                .list();
    }

    /** Events of a queue after a sequence number, in order. */
    public record EventRow(long seq, UUID ticketId, String event, Instant at) {}

    public List<EventRow> eventsAfter(UUID tenant, UUID queue, long afterSeq, int limit) {
        return jdbc.sql(
                        "SELECT seq, ticket_id, event, at FROM queue.events WHERE tenant_id = :tenant AND queue_id = :queue"
                                + " AND seq > :after ORDER BY seq LIMIT :limit")
                .param("tenant", tenant)
                .param("queue", queue)
                .param("after", afterSeq)
                .param("limit", limit)
                .query((rs, n) -> new EventRow(
                        rs.getLong("seq"),
                        rs.getObject("ticket_id", UUID.class),
                        rs.getString("event"),
                        rs.getObject("at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private static @Nullable OffsetDateTime at(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static QueueInfo queue(ResultSet rs, int n) throws SQLException {
        return new QueueInfo(
                rs.getObject("id", UUID.class),
                rs.getObject("branch_id", UUID.class),
                rs.getObject("day", LocalDate.class),
                rs.getObject("practitioner_id", UUID.class),
                rs.getString("service_point"),
                rs.getString("name"),
                rs.getString("prefix"),
                rs.getInt("last_number"),
                rs.getLong("last_seq"));
    }

    private static Ticket ticket(ResultSet rs, int n) throws SQLException {
        return new Ticket(
                rs.getObject("id", UUID.class),
                rs.getObject("queue_id", UUID.class),
                rs.getInt("number"),
                rs.getObject("patient_id", UUID.class),
                rs.getObject("appointment_id", UUID.class),
                Priority.valueOf(rs.getString("priority")),
                rs.getInt("priority_rank"),
                TicketStatus.valueOf(rs.getString("status")),
                rs.getString("room"),
                rs.getInt("call_count"),
                java.util.Objects.requireNonNull(instant(rs, "joined_at")),
                instant(rs, "called_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getObject("transferred_to", UUID.class),
                rs.getObject("transferred_from", UUID.class));
    }
}
