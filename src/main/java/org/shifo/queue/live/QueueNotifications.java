package org.shifo.queue.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.shifo.identity.TenantId;
import org.shifo.queue.QueueChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Carries committed queue changes from every node to this node's live connections: one connection of its own
 * listens on PostgreSQL channel {@code shifo_queue} (the payload is ids only: tenant, branch, queue, seq) and hands
 * each notification to the {@link LiveHub}, in the order PostgreSQL delivers them. When the connection breaks it
 * reconnects and heals every followed queue from the database, so a notification lost meanwhile costs nothing
 * but a moment. Also runs the heartbeat: a ping every 30 seconds.
 */
@Component
class QueueNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueNotifications.class);

    private final DataSource dataSource;
    private final LiveHub hub;
    private volatile boolean running;
    private @Nullable Thread listener;
    private @Nullable ScheduledExecutorService heartbeat;

    QueueNotifications(DataSource dataSource, LiveHub hub) {
        this.dataSource = dataSource;
        this.hub = hub;
    }

    @Override
    public void start() {
        running = true;
        Thread thread = Thread.ofPlatform().daemon().name("queue-notifications").start(this::listen);
        listener = thread;
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("queue-heartbeat").factory());
        beats.scheduleWithFixedDelay(this::beat, 30, 30, TimeUnit.SECONDS);
        heartbeat = beats;
    }

    private void beat() {
        try {
            hub.heartbeat();
        } catch (RuntimeException failed) {
            log.warn("Queue heartbeat failed: {}", failed.toString());
        }
    }

    private void listen() {
        boolean first = true;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN shifo_queue");
                }
                if (!first) {
                    log.info("Queue notifications: listening again; healing live connections");
                    hub.heal();
                }
                first = false;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        deliver(notification.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException broken) {
                if (running) {
                    log.warn(
                            "Queue notifications interrupted ({}); reconnecting",
                            broken.getClass().getSimpleName());
                    pause();
                }
            }
        }
    }

    private void deliver(String payload) {
        String[] parts = payload.split(" ");
        if (parts.length != 4) {
            return;
        }
        try {
            hub.changed(new QueueChanged(
                    new TenantId(UUID.fromString(parts[0])),
                    UUID.fromString(parts[1]),
                    UUID.fromString(parts[2]),
                    Long.parseLong(parts[3])));
        } catch (RuntimeException failed) {
            log.warn("Could not deliver a queue change: {}", failed.toString());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService beats = heartbeat;
        if (beats != null) {
            beats.shutdownNow();
        }
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
