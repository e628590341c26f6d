package org.shifo.scheduling.persistence;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchId;
import org.shifo.scheduling.domain.DayHours;
import org.shifo.scheduling.domain.ExceptionKind;
import org.shifo.scheduling.domain.MinuteRange;
import org.shifo.scheduling.domain.ScheduleException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Weekly templates and exceptions, in {@code scheduling.schedules} and its child tables. */
@Repository
public class ScheduleStore {

    private final JdbcClient jdbc;

    ScheduleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A template as stored, before time zones are attached. */
    public record TemplateRow(BranchId branch, List<DayHours> weekly, Set<UUID> services, Instant updatedAt) {}

    /** Replaces the practitioner's template in one branch (hours, breaks, services) with these. */
    public void replace(
            UUID tenant,
            UUID practitioner,
            BranchId branch,
            List<DayHours> weekly,
            Set<UUID> services,
            Instant now,
            @Nullable UUID by) {
        jdbc.sql(
                        "DELETE FROM scheduling.schedules WHERE tenant_id = :tenant AND practitioner_id = :p AND branch_id = :b")
                .param("tenant", tenant)
                .param("p", practitioner)
                .param("b", branch.value())
                .update();
        jdbc.sql(
                        """
                        INSERT INTO scheduling.schedules (tenant_id, practitioner_id, branch_id, updated_at, updated_by)
                        VALUES (:tenant, :p, :b, :now, :by)
                        """)
                .param("tenant", tenant)
                .param("p", practitioner)
                .param("b", branch.value())
                .param("now", Timestamp.from(now))
                .param("by", by)
                .update();
        for (DayHours day : weekly) {
            insertRange("schedule_hours", tenant, practitioner, branch, day.day(), day.hours());
            for (MinuteRange pause : day.breaks()) {
                insertRange("schedule_breaks", tenant, practitioner, branch, day.day(), pause);
            }
        }
        for (UUID service : services) {
            jdbc.sql(
                            """
                            INSERT INTO scheduling.schedule_services (tenant_id, practitioner_id, branch_id, service_id)
                            VALUES (:tenant, :p, :b, :s)
                            """)
                    .param("tenant", tenant)
                    .param("p", practitioner)
                    .param("b", branch.value())
                    .param("s", service)
                    .update();
        }
    }

    private void insertRange(
            String table, UUID tenant, UUID practitioner, BranchId branch, DayOfWeek day, MinuteRange range) {
        jdbc.sql("INSERT INTO scheduling." + table
                        + " (tenant_id, practitioner_id, branch_id, day_of_week, start_minute, end_minute)"
                        + " VALUES (:tenant, :p, :b, :day, :start, :end)")
                .param("tenant", tenant)
                .param("p", practitioner)
                .param("b", branch.value())
                .param("day", day.getValue())
                .param("start", range.start())
                .param("end", range.end())
                .update();
    }

    /** Every branch template of one practitioner. */
    public List<TemplateRow> templates(UUID tenant, UUID practitioner) {
        Map<UUID, Instant> headers = new LinkedHashMap<>();
        jdbc.sql(
                        """
                        SELECT branch_id, updated_at FROM scheduling.schedules
                        WHERE tenant_id = :tenant AND practitioner_id = :p ORDER BY branch_id
                        """)
                .param("tenant", tenant)
                .param("p", practitioner)
                .query((rs, n) -> headers.put(
                        rs.getObject("branch_id", UUID.class),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
        if (headers.isEmpty()) {
            return List.of();
        }
        record Range(UUID branch, int day, int start, int end) {}
        List<Range> hours = jdbc.sql(
                        """
                        SELECT branch_id, day_of_week, start_minute, end_minute FROM scheduling.schedule_hours
                        WHERE tenant_id = :tenant AND practitioner_id = :p ORDER BY day_of_week, start_minute
                        """)
                .param("tenant", tenant)
                .param("p", practitioner)
                .query((rs, n) -> new Range(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                .list();
        List<Range> breaks = jdbc.sql(
                        """
                        SELECT branch_id, day_of_week, start_minute, end_minute FROM scheduling.schedule_breaks
                        WHERE tenant_id = :tenant AND practitioner_id = :p ORDER BY day_of_week, start_minute
                        """)
                .param("tenant", tenant)
                .param("p", practitioner)
                .query((rs, n) -> new Range(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                .list();
        Map<UUID, Set<UUID>> services = new LinkedHashMap<>();
        jdbc.sql(
                        """
                        SELECT branch_id, service_id FROM scheduling.schedule_services
                        WHERE tenant_id = :tenant AND practitioner_id = :p
                        """)
                .param("tenant", tenant)
                .param("p", practitioner)
                .query((rs, n) -> services.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashSet<>())
                        .add(rs.getObject(2, UUID.class)))
                .list();
        List<TemplateRow> templates = new ArrayList<>();
        headers.forEach((branch, updatedAt) -> {
            List<DayHours> weekly = new ArrayList<>();
            for (Range h : hours) {
                if (!h.branch().equals(branch)) {
                    continue;
                }
                MinuteRange range = new MinuteRange(h.start(), h.end());
                List<MinuteRange> inside = breaks.stream()
                        .filter(b -> b.branch().equals(branch) && b.day() == h.day())
                        .map(b -> new MinuteRange(b.start(), b.end()))
                        .filter(range::contains)
                        .toList();
                weekly.add(new DayHours(DayOfWeek.of(h.day()), range, inside));
            }
            templates.add(
                    new TemplateRow(new BranchId(branch), weekly, services.getOrDefault(branch, Set.of()), updatedAt));
        });
        return templates;
    }

    public void insertException(
            UUID tenant, UUID practitioner, ScheduleException exception, Instant now, @Nullable UUID by) {
        jdbc.sql(
                        """
                        INSERT INTO scheduling.exceptions (id, tenant_id, practitioner_id, branch_id, kind, period, note,
                            created_at, created_by)
                        VALUES (:id, :tenant, :p, :b, :kind, tstzrange(:from, :to, '[)'), :note, :now, :by)
                        """)
                .param("id", exception.id())
                .param("tenant", tenant)
                .param("p", practitioner)
                .param(
                        "b",
                        exception.branch() == null ? null : exception.branch().value())
                .param("kind", exception.kind().name())
                .param("from", Times.of(exception.from()))
                .param("to", Times.of(exception.to()))
                .param("note", exception.note())
                .param("now", Timestamp.from(now))
                .param("by", by)
                .update();
    }

    /** The practitioner's exceptions overlapping {@code [from, to)}. */
    public List<ScheduleException> exceptions(UUID tenant, UUID practitioner, Instant from, Instant to) {
        return jdbc.sql(
                        """
                        SELECT id, kind, lower(period) AS from_at, upper(period) AS to_at, branch_id, note
                        FROM scheduling.exceptions
                        WHERE tenant_id = :tenant AND practitioner_id = :p
                          AND period && tstzrange(:from, :to, '[)')
                        ORDER BY lower(period)
                        """)
                .param("tenant", tenant)
                .param("p", practitioner)
                .param("from", Times.of(from))
                .param("to", Times.of(to))
                .query((rs, n) -> {
                    UUID branch = rs.getObject("branch_id", UUID.class);
                    return new ScheduleException(
                            rs.getObject("id", UUID.class),
                            ExceptionKind.valueOf(rs.getString("kind")),
                            rs.getTimestamp("from_at").toInstant(),
                            rs.getTimestamp("to_at").toInstant(),
                            branch == null ? null : new BranchId(branch),
                            rs.getString("note"));
                })
                .list();
    }

    public boolean deleteException(UUID tenant, UUID practitioner, UUID id) {
        return jdbc.sql(
                                "DELETE FROM scheduling.exceptions WHERE tenant_id = :tenant AND practitioner_id = :p AND id = :id")
                        .param("tenant", tenant)
                        .param("p", practitioner)
                        .param("id", id)
                        .update()
                > 0;
    }
}
