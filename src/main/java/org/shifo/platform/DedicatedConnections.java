package org.shifo.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Opens a small pool of its own, with the same database, role and driver settings as the application's pool,
 * for a background writer whose work must not queue behind requests for a connection: the audit trail's read
 * entries, which every waiting read request depends on (see docs/audit.md). The caller closes the pool.
 */
@Component
public class DedicatedConnections {

    private final DataSource application;

    public DedicatedConnections(DataSource application) {
        this.application = application;
    }

    /**
     * A pool of {@code size} connections named {@code shifo-NAME}, in autocommit mode, each new connection
     * first running {@code initSql} (the session settings every statement of the pool needs); or empty when
     * the application's pool is not a Hikari pool (then the caller shares the application's).
     */
    public Optional<HikariDataSource> open(String name, int size, String initSql) {
        if (!(application instanceof HikariDataSource shared)) {
            return Optional.empty();
        }
        HikariConfig config = new HikariConfig();
        shared.copyStateTo(config);
        config.setPoolName("shifo-" + Objects.requireNonNull(name));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setAutoCommit(true);
        config.setConnectionInitSql(Objects.requireNonNull(initSql));
        return Optional.of(new HikariDataSource(config));
    }
}
