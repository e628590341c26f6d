package org.shifo.notifications.push;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The push devices of {@code notifications.devices}, staff members' only for now; every query by tenant. */
@Repository
class Devices {

    private final JdbcClient jdbc;

    Devices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored device. */
    record Row(
            UUID id, String token, String platform, @Nullable UUID userId, Instant registeredAt, Instant lastSeenAt) {}

    /** A device after registration, and whether the token was new in this organization. */
    record Registered(Row device, boolean created) {}

    /**
     * Stores the token for the staff member, or, when the organization knows it already, makes it theirs and
     * marks it seen (the same phone signed in by another member moves to them).
     */
    Registered register(UUID tenant, UUID id, String token, String platform, UUID user, Instant now) {
        return jdbc.sql(
                        """
                        INSERT INTO notifications.devices
                            (id, tenant_id, token, platform, user_id, patient_id, registered_at, last_seen_at)
                        VALUES (:id, :tenant, :token, :platform, :user, NULL, :now, :now)
                        ON CONFLICT (tenant_id, token) DO UPDATE
                            SET platform = EXCLUDED.platform, user_id = EXCLUDED.user_id, patient_id = NULL,
                                last_seen_at = EXCLUDED.last_seen_at
                        RETURNING id, token, platform, user_id, registered_at, last_seen_at, (xmax = 0) AS created
                        """)
                .param("id", id)
                .param("tenant", tenant)
                .param("token", token)
                .param("platform", platform)
                .param("user", user)
                .param("now", java.sql.Timestamp.from(now))
                .query((rs, n) -> new Registered(
                        new Row(
                                rs.getObject("id", UUID.class),
                                rs.getString("token"),
                                rs.getString("platform"),
                                rs.getObject("user_id", UUID.class),
                                rs.getTimestamp("registered_at").toInstant(),
                                rs.getTimestamp("last_seen_at").toInstant()),
                        rs.getBoolean("created")))
                .single();
    }

    List<Row> ofStaff(UUID tenant, UUID user) {
        return jdbc.sql(
                        """
                        SELECT id, token, platform, user_id, registered_at, last_seen_at
                        FROM notifications.devices
                        WHERE tenant_id = :tenant AND user_id = :user
                        ORDER BY last_seen_at DESC, id
                        """)
                .param("tenant", tenant)
                .param("user", user)
                .query(Devices::row)
                .list();
    }

    Optional<Row> find(UUID tenant, UUID id) {
        return jdbc.sql(
                        """
                        SELECT id, token, platform, user_id, registered_at, last_seen_at
                        FROM notifications.devices
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant)
                .param("id", id)
                .query(Devices::row)
                .optional();
    }

    /** Deletes the staff member's device named by its id or its token; the ids of what was deleted. */
    List<UUID> unregister(UUID tenant, UUID user, @Nullable UUID id, String token) {
        return jdbc.sql(
                        """
                        DELETE FROM notifications.devices
                        WHERE tenant_id = :tenant AND user_id = :user
                          AND (id = CAST(:id AS uuid) OR token = :token)
                        RETURNING id
                        """)
                .param("tenant", tenant)
                .param("user", user)
                .param("id", id)
                .param("token", token)
                .query(UUID.class)
                .list();
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("token"),
                rs.getString("platform"),
                rs.getObject("user_id", UUID.class),
                rs.getTimestamp("registered_at").toInstant(),
                rs.getTimestamp("last_seen_at").toInstant());
    }
}
