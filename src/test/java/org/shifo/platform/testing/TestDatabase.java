package org.shifo.platform.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL the tests of one JVM use: a throw-away embedded server started once, or, when {@code
 * SHIFO_TEST_DATABASE_URL} is set, a fresh database created on that server (and dropped at exit).
 */
public final class TestDatabase {

    /** Tables whose rows come from migrations (reference data), kept when a test class starts clean. */
    private static final Set<String> KEPT_TABLES = Set.of("public.flyway_schema_history", "public.scheduled_tasks");

    private static @Nullable TestDatabase instance;

    /** The role that owns the test database and runs the migrations (no superuser). */
    public static final String OWNER_ROLE = "shifo";

    /** The role the application under test runs as: owns nothing, row-level security applies. */
    public static final String APPLICATION_ROLE = "shifo_app";

    private final String url;
    private final String username;
    private final @Nullable String password;
    private final @Nullable String appUsername;
    private final String superuserUrl;
    private final String superuser;

    private TestDatabase(
            String url,
            String username,
            @Nullable String password,
            @Nullable String appUsername,
            String superuserUrl,
            String superuser) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.appUsername = appUsername;
        this.superuserUrl = superuserUrl;
        this.superuser = superuser;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestDatabase start() {
        String external = System.getenv("SHIFO_TEST_DATABASE_URL");
        if (external != null && !external.isBlank()) {
            return createOn(
                    external,
                    System.getenv("SHIFO_TEST_DATABASE_USERNAME"),
                    System.getenv("SHIFO_TEST_DATABASE_PASSWORD"));
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterSpring(postgres), "test-postgres-stop"));
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    var statement = connection.createStatement()) {
                // like production: the application's role owns its database but is no superuser, so
                // row-level security applies to it; tests keep a superuser connection for tampering
                statement.execute("CREATE ROLE " + OWNER_ROLE + " LOGIN NOSUPERUSER NOBYPASSRLS");
                statement.execute(
                        "CREATE ROLE " + APPLICATION_ROLE + " LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS");
                statement.execute("CREATE DATABASE shifo OWNER " + OWNER_ROLE);
            }
            // no user in the URL: pgjdbc lets a URL's user win over the one the pool is given
            return new TestDatabase(
                    "jdbc:postgresql://localhost:" + postgres.getPort() + "/shifo",
                    OWNER_ROLE,
                    null,
                    APPLICATION_ROLE,
                    postgres.getJdbcUrl("postgres", "shifo"),
                    "postgres");
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL for tests", e);
        }
    }

    /**
     * JVM shutdown hooks run concurrently: stopping the server while Spring's hook still closes the cached
     * test contexts would leave their beans waiting for connections. So wait for Spring's hook first.
     */
    private static void stopAfterSpring(EmbeddedPostgres postgres) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        try {
            while (System.nanoTime() < deadline) {
                Thread spring = Thread.getAllStackTraces().keySet().stream()
                        .filter(thread -> thread.getName().equals("SpringApplicationShutdownHook"))
                        .findFirst()
                        .orElse(null);
                if (spring != null) {
                    spring.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    break;
                }
                Thread.sleep(50);
                if (System.nanoTime() > deadline - 19_000_000_000L) {
                    break; // no Spring context was started within a second: nothing to wait for
                }
            }
            postgres.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            System.err.println("The test PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    private static TestDatabase createOn(String serverUrl, @Nullable String username, @Nullable String password) {
        String name = "shifo_test_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = DriverManager.getConnection(serverUrl, username, password);
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "SHIFO_TEST_DATABASE_URL: could not create a test database (the user needs" + " CREATEDB)", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection connection = DriverManager.getConnection(serverUrl, username, password);
                    var statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("Could not drop the test database " + name + ": " + e.getMessage());
            }
        }));
        int query = serverUrl.indexOf('?');
        String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
        String url =
                base.substring(0, base.lastIndexOf('/') + 1) + name + (query < 0 ? "" : serverUrl.substring(query));
        String user = username == null ? "" : username;
        // the external server's user serves as both: it must not be a superuser for the tenant tests to mean
        // anything (see docs/architecture.md)
        return new TestDatabase(url, user, password, null, url, user);
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public @Nullable String password() {
        return password;
    }

    /** The role the application runs as, when it is not the owner (the embedded test server). */
    public @Nullable String appUsername() {
        return appUsername;
    }

    /** A connection as the role that owns the schema (and runs the migrations). */
    public Connection connectAsOwner() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    /** A connection as the application's own (runtime) role. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, appUsername == null ? username : appUsername, password);
    }

    /**
     * A connection as a database superuser (a DBA): it bypasses row-level security and may disable triggers,
     * which is how tests tamper with rows the application itself cannot change.
     */
    public Connection connectAsSuperuser() throws SQLException {
        return DriverManager.getConnection(superuserUrl, superuser, superuser.equals(username) ? password : null);
    }

    /**
     * Forgets every rate-limit bucket and every failed sign-in counted per client address. A browser always
     * comes from 127.0.0.1, so without this the sign-ins of one browser test would count against the next one's
     * per-address limit, and the wrong passwords of one test would make the next test's sign-in wait out a
     * back-off (four failures in a class cost the next attempt a second).
     */
    public void resetRateLimits() {
        try (Connection connection = connectAsSuperuser();
                var statement = connection.createStatement()) {
            statement.execute("DELETE FROM public.rate_limit_buckets");
            statement.execute("DELETE FROM identity.address_failures");
        } catch (SQLException e) {
            // before the first context has migrated the schema there is no table, and nothing to forget
            if (!"42P01".equals(e.getSQLState())) {
                throw new IllegalStateException("Could not reset the rate limits", e);
            }
        }
    }

    /** Empties every application table (all schemas but PostgreSQL's own), keeping reference data. */
    public void clean() {
        try (Connection connection = connectAsSuperuser()) {
            try (var statement = connection.createStatement()) {
                // append-only tables (the audit trail) refuse TRUNCATE through triggers: a DBA may bypass them
                statement.execute("SET session_replication_role = replica");
            }
            List<String> tables = new ArrayList<>();
            try (var rows = connection
                    .createStatement()
                    .executeQuery(
                            """
                            SELECT schemaname || '.' || tablename FROM pg_tables
                            WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
                            """)) {
                while (rows.next()) {
                    String table = rows.getString(1);
                    if (!KEPT_TABLES.contains(table.toLowerCase(Locale.ROOT))) {
                        tables.add(table);
                    }
                }
            }
            if (!tables.isEmpty()) {
                try (var statement = connection.createStatement()) {
                    statement.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not clean the test database", e);
        }
    }

    /** The single number a query answers, read as the superuser (past row-level security). */
    public long count(String sql, Object... parameters) {
        try (Connection connection = connectAsSuperuser();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count", e);
        }
    }
}
