package org.shifo.notifications.web;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.shifo.identity.TenantId;
import org.shifo.platform.testing.TestDatabase;

/** Dead notification rows made directly (as the superuser), for the dashboard's tests; and a row's status. */
final class DeadLetterRows {

    private DeadLetterRows() {}

    /** A non-urgent Telegram reminder to the patient that went DEAD after 8 attempts with {@code reason}. */
    static UUID insert(TenantId tenant, UUID patient, String reason, Instant createdAt) {
        UUID id = UUID.randomUUID();
        try (var connection = TestDatabase.get().connectAsSuperuser();
                var statement = connection.prepareStatement(
                        """
                        INSERT INTO notifications.notifications
                            (id, tenant_id, event_key, recipient_kind, recipient_id, channel, address, template,
                             language, payload, urgent, status, attempts, next_attempt_at, created_at, last_error)
                        VALUES (?, ?, ?, 'PATIENT', ?, 'TELEGRAM', '424242', 'appointment-reminder', 'en',
                                '{"zone":"Asia/Tashkent","patient":"secret wording"}'::jsonb, FALSE, 'DEAD', 8, ?, ?, ?)
                        """)) {
            statement.setObject(1, id);
            statement.setObject(2, tenant.value());
            statement.setString(3, "test:" + id);
            statement.setObject(4, patient);
            statement.setTimestamp(5, Timestamp.from(createdAt));
            statement.setTimestamp(6, Timestamp.from(createdAt));
            statement.setString(7, reason);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    static String status(UUID id) {
        try (var connection = TestDatabase.get().connectAsSuperuser();
                var statement =
                        connection.prepareStatement("SELECT status FROM notifications.notifications WHERE id = ?")) {
            statement.setObject(1, id);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : "NONE";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
