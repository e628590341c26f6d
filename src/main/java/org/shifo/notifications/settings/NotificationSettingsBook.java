package org.shifo.notifications.settings;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantId;
import org.shifo.notifications.rules.NotificationRuleException;
import org.shifo.notifications.rules.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and changes the organization's notification settings ({@code notifications.settings}); an organization
 * that never saved any has {@link NotificationSettings#DEFAULTS}. Changes are validated field by field and
 * audited.
 */
@Service
public class NotificationSettingsBook {

    public static final int MAX_OFFSETS = 5;
    public static final int MAX_OFFSET_MINUTES = 10_080;
    public static final int MAX_PER_CHAT = 30;
    public static final int MAX_PER_BOT = 1000;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    NotificationSettingsBook(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** A change as typed: every field required. */
    public record Change(
            @Nullable String quietFrom,
            @Nullable String quietUntil,
            @Nullable List<Integer> reminderOffsets,
            @Nullable Integer perChatPerSecond,
            @Nullable Integer perBotPerSecond) {}

    @Transactional(readOnly = true)
    public NotificationSettings get(TenantId tenant) {
        return jdbc.sql(
                        """
                        SELECT quiet_from, quiet_until, reminder_offsets, per_chat_per_second, per_bot_per_second,
                               updated_at
                        FROM notifications.settings WHERE tenant_id = :tenant
                        """)
                .param("tenant", tenant.value())
                .query((rs, n) -> new NotificationSettings(
                        rs.getObject("quiet_from", LocalTime.class),
                        rs.getObject("quiet_until", LocalTime.class),
                        offsets(rs.getArray("reminder_offsets")),
                        rs.getInt("per_chat_per_second"),
                        rs.getInt("per_bot_per_second"),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional()
                .orElse(NotificationSettings.DEFAULTS);
    }

    /** Saves the change for the signed-in administrator's organization; nothing is saved when a rule is broken. */
    @Transactional
    public NotificationSettings save(Change change) {
        List<Violation> violations = new ArrayList<>();
        LocalTime from = time("quietFrom", change.quietFrom(), violations);
        LocalTime until = time("quietUntil", change.quietUntil(), violations);
        if (from != null && until != null && from.equals(until)) {
            violations.add(Violation.of("quietUntil", "settings.quiet.same", "must differ from the start"));
        }
        List<Integer> offsets = offsets(change.reminderOffsets(), violations);
        int perChat = rate("perChatPerSecond", change.perChatPerSecond(), MAX_PER_CHAT, violations);
        int perBot = rate("perBotPerSecond", change.perBotPerSecond(), MAX_PER_BOT, violations);
        if (perChat > perBot && violations.isEmpty()) {
            violations.add(Violation.of(
                    "perChatPerSecond", "settings.rate.chatAboveBot", "cannot be above the bot's overall limit"));
        }
        NotificationRuleException.throwIfAny(violations);
        Staff staff = CurrentUser.get();
        Instant now = clock.instant();
        String stored =
                offsets.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}"));
        jdbc.sql(
                        """
                        INSERT INTO notifications.settings
                            (tenant_id, quiet_from, quiet_until, reminder_offsets, per_chat_per_second,
                             per_bot_per_second, updated_at, updated_by)
                        VALUES (:tenant, :from, :until, CAST(:offsets AS integer[]), :perChat, :perBot, :now, :by)
                        ON CONFLICT (tenant_id) DO UPDATE SET
                            quiet_from = EXCLUDED.quiet_from, quiet_until = EXCLUDED.quiet_until,
                            reminder_offsets = EXCLUDED.reminder_offsets,
                            per_chat_per_second = EXCLUDED.per_chat_per_second,
                            per_bot_per_second = EXCLUDED.per_bot_per_second,
                            updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
                        """)
                .param("tenant", staff.tenantId().value())
                .param("from", Objects.requireNonNull(from))
                .param("until", Objects.requireNonNull(until))
                .param("offsets", stored)
                .param("perChat", perChat)
                .param("perBot", perBot)
                .param("now", java.sql.Timestamp.from(now))
                .param("by", staff.userId().value())
                .update();
        audit.record(AuditEvent.of(
                        staff.tenantId().value(),
                        CurrentUser.auditActor("notifications"),
                        "notifications.settings.change",
                        "organization",
                        staff.tenantId().value().toString(),
                        AuditOutcome.SUCCESS)
                .withDetail("quietFrom", TIME.format(from))
                .withDetail("quietUntil", TIME.format(until)));
        return new NotificationSettings(from, until, offsets, perChat, perBot, now);
    }

    /** Reminder offsets typed as text ("1440, 120"); a refusal names {@code reminderOffsets}. */
    public static List<Integer> offsetsFromText(@Nullable String text) {
        List<Integer> offsets = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return offsets;
        }
        for (String part : text.split("[,;\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                offsets.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                throw new NotificationRuleException(List.of(Violation.of(
                        "reminderOffsets",
                        "settings.offsets.number",
                        "must be whole numbers of minutes separated by commas")));
            }
        }
        return offsets;
    }

    /** A time as the API and the pages show it: {@code 22:00}. */
    public static String format(LocalTime time) {
        return TIME.format(time);
    }

    private static @Nullable LocalTime time(String field, @Nullable String value, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(Violation.of(field, "settings.required", "is required"));
            return null;
        }
        try {
            return LocalTime.parse(value.trim(), TIME);
        } catch (DateTimeParseException e) {
            violations.add(Violation.of(field, "settings.time", "must be a time of day as HH:MM (22:00)"));
            return null;
        }
    }

    private static List<Integer> offsets(@Nullable List<Integer> values, List<Violation> violations) {
        if (values == null) {
            violations.add(Violation.of("reminderOffsets", "settings.required", "is required"));
            return List.of();
        }
        if (values.size() > MAX_OFFSETS) {
            violations.add(Violation.of(
                    "reminderOffsets",
                    "settings.offsets.count",
                    "may hold at most " + MAX_OFFSETS + " reminders",
                    String.valueOf(MAX_OFFSETS)));
            return List.of();
        }
        Set<Integer> seen = new HashSet<>();
        for (Integer value : values) {
            if (value == null || value < 1 || value > MAX_OFFSET_MINUTES) {
                violations.add(Violation.of(
                        "reminderOffsets",
                        "settings.offsets.range",
                        "each must be 1 to " + MAX_OFFSET_MINUTES + " minutes (one week)",
                        String.valueOf(MAX_OFFSET_MINUTES)));
                return List.of();
            }
            if (!seen.add(value)) {
                violations.add(
                        Violation.of("reminderOffsets", "settings.offsets.duplicate", "names the same time twice"));
                return List.of();
            }
        }
        return values.stream().sorted(Comparator.reverseOrder()).toList();
    }

    private static int rate(String field, @Nullable Integer value, int max, List<Violation> violations) {
        if (value == null) {
            violations.add(Violation.of(field, "settings.required", "is required"));
            return 0;
        }
        if (value < 1 || value > max) {
            violations.add(Violation.of(
                    field, "settings.rate.range", "must be 1 to " + max + " a second", String.valueOf(max)));
            return 0;
        }
        return value;
    }

    private static List<Integer> offsets(@Nullable Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object values = array.getArray();
        List<Integer> offsets = new ArrayList<>();
        if (values instanceof Integer[] integers) {
            for (Integer i : integers) {
                offsets.add(i);
            }
        } else if (values instanceof Object[] objects) {
            for (Object o : objects) {
                offsets.add(((Number) o).intValue());
            }
        }
        return offsets;
    }
}
