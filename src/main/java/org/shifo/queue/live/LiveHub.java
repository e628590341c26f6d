package org.shifo.queue.live;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.shifo.queue.QueueChanged;
import org.shifo.queue.domain.QueueInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import tools.jackson.databind.json.JsonMapper;

/**
 * This node's live connections and what each follows. A committed change reaches it as a {@link QueueChanged}
 * (from PostgreSQL {@code LISTEN/NOTIFY}, whichever node made it); the hub reads the missing events once per
 * queue and sends each subscriber those after the last sequence number it has, in order.
 */
@Component
class LiveHub {

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
    static final Duration SILENCE_LIMIT = Duration.ofMinutes(2);

    private final QueueFeed feed;
    private final LiveAccess access;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    LiveHub(QueueFeed feed, LiveAccess access, JsonMapper json, Clock clock) {
        this.feed = feed;
        this.access = access;
        this.json = json;
        this.clock = clock;
    }

    /** One connection: who, what it follows, the last seq it has per queue, and when it was last heard. */
    static final class Connection {
        final WebSocketSession session;
        final Viewer viewer;
        final Map<UUID, Long> delivered = new ConcurrentHashMap<>();
        final Set<UUID> branches = ConcurrentHashMap.newKeySet();
        volatile Instant lastHeard;

        Connection(WebSocketSession session, Viewer viewer, Instant now) {
            this.session = session;
            this.viewer = viewer;
            this.lastHeard = now;
        }

        boolean follows(UUID branch, UUID queue) {
            return delivered.containsKey(queue) || branches.contains(branch);
        }
    }

    void open(WebSocketSession raw, Viewer viewer) {
        WebSocketSession session = new ConcurrentWebSocketSessionDecorator(raw, 10_000, 512 * 1024);
        connections.put(raw.getId(), new Connection(session, viewer, clock.instant()));
    }

    void close(WebSocketSession raw) {
        connections.remove(raw.getId());
    }

    int size() {
        return connections.size();
    }

    void heard(WebSocketSession raw) {
        Connection connection = connections.get(raw.getId());
        if (connection != null) {
            connection.lastHeard = clock.instant();
        }
    }

    @Nullable
    Connection connection(WebSocketSession raw) {
        return connections.get(raw.getId());
    }

    /** Follows one queue: a snapshot, or the events after {@code afterSeq} when the client resumes. */
    void subscribeQueue(Connection connection, QueueInfo queue, @Nullable Long afterSeq) {
        synchronized (connection) {
            if (afterSeq != null
                    && afterSeq >= 0
                    && afterSeq <= queue.lastSeq()
                    && queue.lastSeq() - afterSeq <= 1000) {
                connection.delivered.put(queue.id(), afterSeq);
                for (QueueFeed.Change change :
                        feed.changes(connection.viewer.tenant(), queue.id(), afterSeq, queue.lastSeq())) {
                    send(connection, change.message());
                    connection.delivered.put(queue.id(), change.seq());
                }
                return;
            }
            Map<String, Object> snapshot = feed.snapshot(connection.viewer.tenant(), queue.id());
            connection.delivered.put(queue.id(), ((Number) snapshot.get("seq")).longValue());
            send(connection, snapshot);
        }
    }

    /** Follows every queue of a branch, today's and those opened later today. */
    void subscribeBranch(Connection connection, UUID branch, @Nullable Long afterSeq) {
        connection.branches.add(branch);
        for (QueueInfo queue : feed.queuesOfBranch(connection.viewer.tenant(), branch)) {
            subscribeQueue(connection, queue, afterSeq);
        }
    }

    /** A committed change of a queue, from any node. */
    void changed(QueueChanged change) {
        List<Connection> followers = new ArrayList<>();
        for (Connection c : connections.values()) {
            if (c.viewer.tenant().equals(change.tenant()) && c.follows(change.branchId(), change.queueId())) {
                followers.add(c);
            }
        }
        if (followers.isEmpty()) {
            return;
        }
        long from = followers.stream()
                .mapToLong(c -> c.delivered.getOrDefault(change.queueId(), 0L))
                .min()
                .orElse(0);
        List<QueueFeed.Change> changes = feed.changes(change.tenant(), change.queueId(), from, change.seq());
        // each change is written as JSON once, however many connections receive it
        List<TextMessage> encoded =
                changes.stream().map(c -> encode(c.message())).toList();
        for (Connection connection : followers) {
            synchronized (connection) {
                Long last = connection.delivered.get(change.queueId());
                if (last == null) {
                    // a new queue of a followed branch: its whole state first
                    Map<String, Object> snapshot = feed.snapshot(connection.viewer.tenant(), change.queueId());
                    connection.delivered.put(change.queueId(), ((Number) snapshot.get("seq")).longValue());
                    send(connection, snapshot);
                    continue;
                }
                for (int i = 0; i < changes.size(); i++) {
                    QueueFeed.Change c = changes.get(i);
                    if (c.seq() > connection.delivered.getOrDefault(change.queueId(), 0L)) {
                        send(connection, encoded.get(i));
                        connection.delivered.put(change.queueId(), c.seq());
                    }
                }
            }
        }
    }

    /** After a lost notification channel: every followed queue is brought up to date from the database. */
    void heal() {
        Map<UUID, QueueChanged> latest = new HashMap<>();
        for (Connection c : connections.values()) {
            for (UUID queueId : c.delivered.keySet()) {
                if (!latest.containsKey(queueId)) {
                    Optional<QueueInfo> queue = feed.queue(c.viewer.tenant(), queueId);
                    queue.ifPresent(q -> latest.put(
                            queueId, new QueueChanged(c.viewer.tenant(), q.branchId(), q.id(), q.lastSeq())));
                }
            }
        }
        latest.values().forEach(this::changed);
    }

    /** Pings every connection, closes those silent too long or whose display token was revoked. */
    void heartbeat() {
        Instant now = clock.instant();
        Map<UUID, Boolean> displays = new HashMap<>();
        for (Connection c : connections.values()) {
            try {
                UUID display = c.viewer.displayId();
                if (display != null && !displays.computeIfAbsent(display, access::displayActive)) {
                    log.info("Closing live connection of {}: display token revoked", c.viewer.label());
                    c.session.close(new CloseStatus(4403, "display token revoked"));
                } else if (Duration.between(c.lastHeard, now).compareTo(SILENCE_LIMIT) > 0) {
                    log.info("Closing live connection of {}: silent for over {}", c.viewer.label(), SILENCE_LIMIT);
                    c.session.close(CloseStatus.SESSION_NOT_RELIABLE);
                } else {
                    c.session.sendMessage(new PingMessage());
                }
            } catch (IOException | RuntimeException gone) {
                connections.remove(c.session.getId());
            }
        }
    }

    private TextMessage encode(Map<String, Object> message) {
        return new TextMessage(json.writeValueAsString(message));
    }

    void send(Connection connection, Map<String, Object> message) {
        send(connection, encode(message));
    }

    void send(Connection connection, TextMessage message) {
        try {
            connection.session.sendMessage(message);
        } catch (IOException | RuntimeException failed) {
            // a client that cannot keep up (buffer or send-time limit) is dropped; it reconnects and resumes
            log.info(
                    "Dropping live connection of {}: {}",
                    connection.viewer.label(),
                    failed.getClass().getSimpleName());
            connections.remove(connection.session.getId());
            try {
                connection.session.close(CloseStatus.SERVER_ERROR);
            } catch (IOException | RuntimeException ignored) {
                // already gone
            }
        }
    }
}
