package org.shifo.scheduling.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The organization's services, in {@code scheduling.services}. */
@Repository
public class ServiceStore {

    private final JdbcClient jdbc;

    ServiceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A service as stored. */
    public record ServiceRow(UUID id, String name, int durationMinutes, @Nullable String specialty, boolean active) {}

    public void insert(UUID tenant, ServiceRow service, Instant now) {
        jdbc.sql(
                        """
                        INSERT INTO scheduling.services (id, tenant_id, name, duration_minutes, specialty, active,
                            created_at)
                        VALUES (:id, :tenant, :name, :duration, :specialty, :active, :now)
                        """)
                .param("id", service.id())
                .param("tenant", tenant)
                .param("name", service.name())
                .param("duration", service.durationMinutes())
                .param("specialty", service.specialty())
                .param("active", service.active())
                .param("now", Timestamp.from(now))
                .update();
    }

    public boolean nameTaken(UUID tenant, String name) {
        return jdbc.sql(
                                "SELECT count(*) FROM scheduling.services WHERE tenant_id = :tenant AND lower(name) = lower(:name)")
                        .param("tenant", tenant)
                        .param("name", name)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public List<ServiceRow> list(UUID tenant) {
        return jdbc.sql(
                        """
                        SELECT id, name, duration_minutes, specialty, active FROM scheduling.services
                        WHERE tenant_id = :tenant ORDER BY lower(name)
                        """)
                .param("tenant", tenant)
                .query(ServiceStore::row)
                .list();
    }

    public Optional<ServiceRow> find(UUID tenant, UUID id) {
        return jdbc.sql(
                        """
                        SELECT id, name, duration_minutes, specialty, active FROM scheduling.services
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant)
                .param("id", id)
                .query(ServiceStore::row)
                .optional();
    }

    private static ServiceRow row(ResultSet rs, int n) throws SQLException {
        return new ServiceRow(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getInt("duration_minutes"),
                rs.getString("specialty"),
                rs.getBoolean("active"));
    }
}
