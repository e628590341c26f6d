package org.shifo.queue.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.queue.domain.QueueInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /ws/queue}: JSON text messages as described in docs/queue-protocol.md. A message it cannot read gets
 * an error message and the connection stays open.
 */
@Component
class QueueSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(QueueSocketHandler.class);

    private final LiveHub hub;
    private final QueueFeed feed;
    private final JsonMapper json;

    QueueSocketHandler(LiveHub hub, QueueFeed feed, JsonMapper json) {
        this.hub = hub;
        this.feed = feed;
        this.json = json;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Viewer viewer = (Viewer) session.getAttributes().get(QueueHandshake.VIEWER);
        if (viewer == null) {
            close(session, CloseStatus.POLICY_VIOLATION);
            return;
        }
        hub.open(session, viewer);
        log.info("Live queue connection opened by {}", viewer.label());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        hub.close(session);
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        hub.heard(session);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        hub.heard(session);
        LiveHub.Connection connection = hub.connection(session);
        if (connection == null) {
            return;
        }
        JsonNode request;
        try {
            request = json.readTree(message.getPayload());
        } catch (JacksonException unreadable) {
            error(connection, "malformed", "the message is not JSON");
            return;
        }
        if (request == null || !request.isObject()) {
            error(connection, "malformed", "the message must be a JSON object");
            return;
        }
        String type = text(request, "type");
        switch (type == null ? "" : type) {
            case "ping" -> hub.send(connection, Map.of("type", "pong"));
            case "pong" -> {
                // the answer to our ping; being heard is enough
            }
            case "subscribe" -> subscribe(connection, request);
            default -> error(connection, "unknown-type", "type must be subscribe, ping or pong");
        }
    }

    private void subscribe(LiveHub.Connection connection, JsonNode request) {
        Long afterSeq = null;
        JsonNode after = request.get("afterSeq");
        if (after != null && !after.isNull()) {
            if (!after.isIntegralNumber() || after.asLong() < 0) {
                error(connection, "malformed-after-seq", "afterSeq must be a whole number of at least 0");
                return;
            }
            afterSeq = after.asLong();
        }
        UUID queueId = uuid(text(request, "queueId"));
        UUID branchId = uuid(text(request, "branchId"));
        if ((queueId == null) == (branchId == null)) {
            error(connection, "malformed-subscribe", "give either queueId or branchId (an id)");
            return;
        }
        if (queueId != null) {
            Optional<QueueInfo> queue =
                    feed.queue(connection.viewer.tenant(), queueId).filter(q -> connection.viewer.sees(q.branchId()));
            if (queue.isEmpty()) {
                error(connection, "not-found", "there is no such queue");
                return;
            }
            hub.subscribeQueue(connection, queue.get(), afterSeq);
        } else {
            UUID branch = java.util.Objects.requireNonNull(branchId);
            if (!connection.viewer.sees(branch)) {
                error(connection, "not-found", "there is no such branch");
                return;
            }
            hub.subscribeBranch(connection, branch, afterSeq);
        }
    }

    private void error(LiveHub.Connection connection, String code, String text) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "error");
        message.put("code", code);
        message.put("message", text);
        hub.send(connection, message);
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static void close(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (java.io.IOException ignored) {
            // already closed
        }
    }
}
