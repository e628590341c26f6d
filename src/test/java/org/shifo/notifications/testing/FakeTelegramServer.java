package org.shifo.notifications.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Telegram Bot API (spec part 1) for tests and benchmarks: a JDK {@code HttpServer} on 127.0.0.1 at a
 * random port, started once per JVM. It speaks the subset Shifo uses ({@code sendMessage}, {@code
 * answerCallbackQuery}, {@code editMessageText}, {@code getUpdates}, {@code setWebhook}, {@code deleteWebhook},
 * {@code getMe}) with the real envelope ({@code ok}, {@code result} | {@code error_code}, {@code description},
 * {@code parameters}), records every call, and enforces the real limits (spec 1.4) on {@code sendMessage}: at most
 * one message per chat per {@link #perChatInterval} and {@link #perBotPerSecond} per bot in any second, answered
 * with 429 {@code Too Many Requests: retry after N} and {@code parameters.retry_after} beyond them. A request's
 * arrival jitters against the moment its sender decided to send, so both limits accept a gap {@link #tolerance}
 * short of the limit (Telegram tolerates short bursts too); every refusal is counted in {@link
 * #limitRefusals()}.
 *
 * <p>Tests script the answers per chat id ({@link #script}, {@link #always}): blocked, deactivated, chat not found,
 * 5xx, 429, slow answers, hangs (until the client times out) and malformed bodies; and queue updates for {@code
 * getUpdates} ({@link #queueUpdate}).
 */
public final class FakeTelegramServer implements NotificationFake {

    private static final Pattern TOKEN = Pattern.compile("\\d{1,20}:[A-Za-z0-9_-]{1,100}");
    private static final Set<String> HTML_TAGS = Set.of(
            "b",
            "strong",
            "i",
            "em",
            "u",
            "ins",
            "s",
            "strike",
            "del",
            "span",
            "tg-spoiler",
            "a",
            "code",
            "pre",
            "blockquote",
            "tg-emoji");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#\\d{1,7}|#x[0-9a-fA-F]{1,6});");

    private static final FakeTelegramServer INSTANCE = new FakeTelegramServer();

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpServer server;

    private final Object lock = new Object();
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Long> lastAcceptedPerChat = new HashMap<>();
    private final Map<String, Deque<Long>> acceptedPerBot = new HashMap<>();
    private final Map<Long, Deque<Answer>> scripted = new HashMap<>();
    private final Map<Long, Answer> always = new HashMap<>();
    private final Map<String, List<ObjectNode>> updates = new HashMap<>();
    private final Map<String, String> webhooks = new HashMap<>();
    private final Map<String, String> usernames = new HashMap<>();
    private final Set<String> revoked = new HashSet<>();
    private final Map<String, Map<Long, String>> messages = new HashMap<>();
    private final AtomicLong nextMessageId = new AtomicLong(1);
    private final AtomicLong nextUpdateId = new AtomicLong(100_000);
    private long limitRefusals;
    private CountDownLatch hangs = new CountDownLatch(1);

    private Duration perChatInterval = Duration.ofSeconds(1);
    private int perBotPerSecond = 30;
    private Duration perBotWindow = Duration.ofSeconds(1);
    private Duration tolerance = Duration.ofMillis(100);
    private boolean limitsEnforced = true;

    private FakeTelegramServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The one server of this JVM. */
    public static FakeTelegramServer get() {
        return INSTANCE;
    }

    /** The base URL to configure as {@code shifo.notifications.telegram.api-url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of(
                "shifo.notifications.telegram.api-url", url(),
                "shifo.notifications.telegram.read-timeout", "3s",
                "shifo.notifications.telegram.connect-timeout", "2s");
    }

    @Override
    public void reset() {
        CountDownLatch released;
        synchronized (lock) {
            calls.clear();
            lastAcceptedPerChat.clear();
            acceptedPerBot.clear();
            scripted.clear();
            always.clear();
            updates.clear();
            webhooks.clear();
            usernames.clear();
            revoked.clear();
            messages.clear();
            limitRefusals = 0;
            perChatInterval = Duration.ofSeconds(1);
            perBotPerSecond = 30;
            perBotWindow = Duration.ofSeconds(1);
            tolerance = Duration.ofMillis(100);
            limitsEnforced = true;
            released = hangs;
            hangs = new CountDownLatch(1);
            lock.notifyAll();
        }
        released.countDown();
    }

    // ---- configuration by tests

    /**
     * Sets the limits (spec 1.4 by default: one message per chat per second, 30 per bot in any second, 100 ms of
     * tolerance). Tests that must see a refusal without depending on speed widen the intervals.
     */
    public void limits(Duration perChatInterval, int perBot, Duration perBotWindow, Duration tolerance) {
        synchronized (lock) {
            this.perChatInterval = perChatInterval;
            this.perBotPerSecond = perBot;
            this.perBotWindow = perBotWindow;
            this.tolerance = tolerance;
            this.limitsEnforced = true;
        }
    }

    /** Turns the limits off (tests of something else that send quickly to one chat). */
    public void withoutLimits() {
        synchronized (lock) {
            this.limitsEnforced = false;
        }
    }

    /** The next calls to {@code chatId} (sendMessage, editMessageText) get these answers in order, then normal ones. */
    public void script(long chatId, Answer... answers) {
        synchronized (lock) {
            scripted.computeIfAbsent(chatId, id -> new ArrayDeque<>()).addAll(List.of(answers));
        }
    }

    /** Every call to {@code chatId} gets this answer (after any scripted ones). */
    public void always(long chatId, Answer answer) {
        synchronized (lock) {
            always.put(chatId, answer);
        }
    }

    /** The username getMe answers for {@code token} (default {@code shifo_test_bot}). */
    public void username(String token, String username) {
        synchronized (lock) {
            usernames.put(token, username);
        }
    }

    /** Every later call with {@code token} is answered 401 Unauthorized. */
    public void revoke(String token) {
        synchronized (lock) {
            revoked.add(token);
        }
    }

    /** Queues an update for getUpdates of {@code token}; its {@code update_id} is assigned and returned. */
    public long queueUpdate(String token, ObjectNode update) {
        synchronized (lock) {
            long id = nextUpdateId.getAndIncrement();
            ObjectNode copy = update.deepCopy();
            copy.put("update_id", id);
            updates.computeIfAbsent(token, t -> new ArrayList<>()).add(copy);
            lock.notifyAll();
            return id;
        }
    }

    /** The URL set by setWebhook for {@code token}, null when none. */
    public @Nullable String webhook(String token) {
        synchronized (lock) {
            return webhooks.get(token);
        }
    }

    // ---- what happened

    /** Every call so far, in arrival order. */
    public List<Call> calls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    public List<Call> calls(Predicate<Call> filter) {
        return calls().stream().filter(filter).toList();
    }

    /** The sendMessage calls that were accepted (HTTP 200), in arrival order. */
    public List<Call> delivered() {
        return calls(call -> call.method().equals("sendMessage") && call.status() == 200);
    }

    /** The accepted sendMessage calls to one chat. */
    public List<Call> delivered(long chatId) {
        return calls(call -> call.method().equals("sendMessage") && call.status() == 200 && call.chatId() == chatId);
    }

    /** How many sendMessage calls were refused with 429 because a limit was exceeded (scripted 429s excluded). */
    public long limitRefusals() {
        synchronized (lock) {
            return limitRefusals;
        }
    }

    /**
     * One call as the server saw it.
     *
     * @param params the parameters (JSON body, form or query string)
     * @param at when it arrived (wall clock)
     * @param nanos when it arrived ({@link System#nanoTime()}), for gaps between calls
     * @param status the HTTP status answered (0 while the answer is being made, for a hanging call)
     * @param answerDescription the {@code description} answered, null on success
     */
    public record Call(
            String token,
            String method,
            JsonNode params,
            Instant at,
            long nanos,
            int status,
            @Nullable String answerDescription) {

        public long chatId() {
            return params.path("chat_id").asLong(0);
        }

        public String text() {
            return params.path("text").asString("");
        }

        /** The callback_data of the inline keyboard's buttons, row by row. */
        public List<String> callbackData() {
            List<String> data = new ArrayList<>();
            params.path("reply_markup")
                    .path("inline_keyboard")
                    .forEach(row -> row.forEach(
                            button -> data.add(button.path("callback_data").asString(""))));
            return data;
        }
    }

    /** A scripted answer for a chat. */
    public sealed interface Answer {

        /** 403 {@code Forbidden: bot was blocked by the user}. */
        static Answer blocked() {
            return new Refuse(403, "Forbidden: bot was blocked by the user", null);
        }

        /** 403 {@code Forbidden: user is deactivated}. */
        static Answer deactivated() {
            return new Refuse(403, "Forbidden: user is deactivated", null);
        }

        /** 400 {@code Bad Request: chat not found}. */
        static Answer chatNotFound() {
            return new Refuse(400, "Bad Request: chat not found", null);
        }

        /** A server error (500, 502, 503...). */
        static Answer serverError(int status) {
            return new Refuse(status, "Internal Server Error", null);
        }

        /** 429 with {@code retry_after}. */
        static Answer tooManyRequests(int retryAfterSeconds) {
            return new Refuse(429, "Too Many Requests: retry after " + retryAfterSeconds, retryAfterSeconds);
        }

        /** The normal answer, after {@code delay}. */
        static Answer slow(Duration delay) {
            return new Slow(delay);
        }

        /** No answer until the server is reset (the client times out); the call is not delivered. */
        static Answer hang() {
            return new Hang();
        }

        /** A 200 whose body is not JSON. */
        static Answer malformed() {
            return new Malformed();
        }
    }

    record Refuse(int status, String description, @Nullable Integer retryAfter) implements Answer {}

    record Slow(Duration delay) implements Answer {}

    record Hang() implements Answer {}

    record Malformed() implements Answer {}

    // ---- the server

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long nanos = System.nanoTime();
            Instant at = Instant.now();
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith("/bot") || path.indexOf('/', 4) < 0) {
                respond(exchange, 404, error(404, "Not Found", null));
                return;
            }
            String token = path.substring(4, path.indexOf('/', 4));
            String method = path.substring(path.indexOf('/', 4) + 1);
            ObjectNode params = params(exchange);
            Reply reply = answer(token, method, params, nanos, at);
            if (reply.delay() != null) {
                sleep(reply.delay());
            }
            if (reply.hang() != null) {
                try {
                    reply.hang().await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (reply.rawBody() != null) {
                byte[] body = reply.rawBody().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            respond(exchange, reply.status(), reply.body());
        }
    }

    private record Reply(
            int status,
            ObjectNode body,
            @Nullable Duration delay,
            @Nullable CountDownLatch hang,
            @Nullable String rawBody) {

        static Reply of(int status, ObjectNode body) {
            return new Reply(status, body, null, null, null);
        }
    }

    private Reply answer(String token, String method, ObjectNode params, long nanos, Instant at) {
        if (!TOKEN.matcher(token).matches()) {
            return record(token, method, params, nanos, at, Reply.of(401, error(401, "Unauthorized", null)));
        }
        Reply reply;
        synchronized (lock) {
            if (revoked.contains(token)) {
                reply = Reply.of(401, error(401, "Unauthorized", null));
            } else {
                reply = switch (method.toLowerCase(java.util.Locale.ROOT)) {
                    case "sendmessage" -> sendMessage(token, params, nanos, at);
                    case "editmessagetext" -> editMessageText(token, params);
                    case "answercallbackquery" -> answerCallbackQuery(params);
                    case "getupdates" -> null;
                    case "setwebhook" -> setWebhook(token, params);
                    case "deletewebhook" -> deleteWebhook(token, params);
                    case "getme" -> getMe(token);
                    default -> Reply.of(404, error(404, "Not Found", null));
                };
            }
        }
        if (reply == null) {
            reply = getUpdates(token, params);
        }
        return record(token, method, params, nanos, at, reply);
    }

    private Reply record(String token, String method, ObjectNode params, long nanos, Instant at, Reply reply) {
        synchronized (lock) {
            String description = reply.body().path("ok").asBoolean(false)
                    ? null
                    : reply.body().path("description").asString(null);
            int status = reply.hang() != null ? 0 : reply.status();
            calls.add(new Call(token, method, params, at, nanos, status, description));
        }
        return reply;
    }

    private Reply sendMessage(String token, ObjectNode params, long nanos, Instant at) {
        long chatId = params.path("chat_id").asLong(0);
        if (chatId == 0) {
            return Reply.of(400, error(400, "Bad Request: chat not found", null));
        }
        Reply scriptedReply = scriptedFor(chatId);
        if (scriptedReply != null && (scriptedReply.delay() == null || scriptedReply.status() != 200)) {
            return scriptedReply;
        }
        Reply invalid = checkText(params);
        if (invalid != null) {
            return invalid;
        }
        if (limitsEnforced) {
            Reply refused = checkLimits(token, chatId, nanos);
            if (refused != null) {
                limitRefusals++;
                return refused;
            }
        }
        long messageId = nextMessageId.getAndIncrement();
        messages.computeIfAbsent(token + "/" + chatId, key -> new HashMap<>())
                .put(messageId, params.path("text").asString(""));
        ObjectNode message = message(chatId, messageId, at, params);
        ObjectNode body = ok(message);
        return scriptedReply != null ? new Reply(200, body, scriptedReply.delay(), null, null) : Reply.of(200, body);
    }

    private @Nullable Reply scriptedFor(long chatId) {
        Deque<Answer> queue = scripted.get(chatId);
        Answer answer = queue != null && !queue.isEmpty() ? queue.poll() : always.get(chatId);
        if (answer == null) {
            return null;
        }
        return switch (answer) {
            case Refuse refuse ->
                Reply.of(refuse.status(), error(refuse.status(), refuse.description(), refuse.retryAfter()));
            case Slow slow -> new Reply(200, ok(JsonNodeFactory.instance.booleanNode(true)), slow.delay(), null, null);
            case Hang hang -> new Reply(0, JsonNodeFactory.instance.objectNode(), null, hangs, null);
            case Malformed malformed ->
                new Reply(200, JsonNodeFactory.instance.objectNode(), null, null, "<html>Bad Gateway");
        };
    }

    private @Nullable Reply checkLimits(String token, long chatId, long nanos) {
        long toleranceNanos = tolerance.toNanos();
        String chatKey = token + "/" + chatId;
        Long last = lastAcceptedPerChat.get(chatKey);
        long interval = perChatInterval.toNanos();
        if (last != null && nanos - last < interval - toleranceNanos) {
            long waitNanos = interval - (nanos - last);
            return tooManyRequests(Math.max(1, (int) Math.ceil(waitNanos / 1e9)));
        }
        Deque<Long> window = acceptedPerBot.computeIfAbsent(token, t -> new ArrayDeque<>());
        long windowNanos = perBotWindow.toNanos() - toleranceNanos;
        while (!window.isEmpty() && nanos - window.peekFirst() >= windowNanos) {
            window.pollFirst();
        }
        if (window.size() >= perBotPerSecond) {
            long waitNanos = perBotWindow.toNanos() - (nanos - window.peekFirst());
            return tooManyRequests(Math.max(1, (int) Math.ceil(waitNanos / 1e9)));
        }
        window.addLast(nanos);
        lastAcceptedPerChat.put(chatKey, nanos);
        return null;
    }

    private Reply tooManyRequests(int seconds) {
        return Reply.of(429, error(429, "Too Many Requests: retry after " + seconds, seconds));
    }

    private @Nullable Reply checkText(ObjectNode params) {
        String text = params.path("text").asString("");
        String plain = text;
        if ("HTML".equalsIgnoreCase(params.path("parse_mode").asString(""))) {
            String problem = htmlProblem(text);
            if (problem != null) {
                return Reply.of(400, error(400, "Bad Request: can't parse entities: " + problem, null));
            }
            plain = plainOf(text);
        }
        if (plain.isBlank()) {
            return Reply.of(400, error(400, "Bad Request: message text is empty", null));
        }
        if (plain.length() > 4096) {
            return Reply.of(400, error(400, "Bad Request: message is too long", null));
        }
        return null;
    }

    /** What Telegram's HTML parser would refuse: an unknown tag, a bare {@code <} or an {@code &} not an entity. */
    private static @Nullable String htmlProblem(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '<') {
                int end = text.indexOf('>', i);
                if (end < 0) {
                    return "unclosed start tag at byte offset " + i;
                }
                String tag = text.substring(i + 1, end).strip();
                if (tag.startsWith("/")) {
                    tag = tag.substring(1);
                }
                String name = tag.split("[\\s=]", 2)[0].toLowerCase(java.util.Locale.ROOT);
                if (!HTML_TAGS.contains(name)) {
                    return "unsupported start tag \"" + name + "\" at byte offset " + i;
                }
                i = end + 1;
            } else if (c == '&') {
                var matcher = ENTITY.matcher(text);
                if (!matcher.find(i) || matcher.start() != i) {
                    return "unsupported entity at byte offset " + i;
                }
                i = matcher.end();
            } else {
                i++;
            }
        }
        return null;
    }

    private static String plainOf(String html) {
        String text = html.replaceAll("<[^>]*>", "");
        StringBuilder plain = new StringBuilder(text.length());
        var matcher = ENTITY.matcher(text);
        int from = 0;
        while (matcher.find()) {
            plain.append(text, from, matcher.start());
            String entity = matcher.group(1);
            switch (entity) {
                case "lt" -> plain.append('<');
                case "gt" -> plain.append('>');
                case "amp" -> plain.append('&');
                case "quot" -> plain.append('"');
                default ->
                    plain.appendCodePoint(
                            entity.startsWith("#x")
                                    ? Integer.parseInt(entity.substring(2), 16)
                                    : Integer.parseInt(entity.substring(1)));
            }
            from = matcher.end();
        }
        return plain.append(text.substring(from)).toString();
    }

    private Reply editMessageText(String token, ObjectNode params) {
        long chatId = params.path("chat_id").asLong(0);
        Reply scriptedReply = scriptedFor(chatId);
        if (scriptedReply != null && scriptedReply.status() != 200) {
            return scriptedReply;
        }
        Reply invalid = checkText(params);
        if (invalid != null) {
            return invalid;
        }
        long messageId = params.path("message_id").asLong(0);
        Map<Long, String> chat = messages.get(token + "/" + chatId);
        if (chat == null || !chat.containsKey(messageId)) {
            return Reply.of(400, error(400, "Bad Request: message to edit not found", null));
        }
        if (chat.get(messageId).equals(params.path("text").asString(""))) {
            return Reply.of(
                    400,
                    error(
                            400,
                            "Bad Request: message is not modified: specified new message content and reply markup"
                                    + " are exactly the same as a current content and reply markup of the message",
                            null));
        }
        chat.put(messageId, params.path("text").asString(""));
        return Reply.of(200, ok(message(chatId, messageId, Instant.now(), params)));
    }

    private Reply answerCallbackQuery(ObjectNode params) {
        if (params.path("callback_query_id").asString("").isEmpty()) {
            return Reply.of(
                    400,
                    error(
                            400,
                            "Bad Request: query is too old and response timeout expired or query ID" + " is invalid",
                            null));
        }
        return Reply.of(200, ok(JsonNodeFactory.instance.booleanNode(true)));
    }

    private Reply setWebhook(String token, ObjectNode params) {
        String url = params.path("url").asString("");
        String secret = params.path("secret_token").asString("");
        if (!secret.isEmpty() && !secret.matches("[A-Za-z0-9_-]{1,256}")) {
            return Reply.of(400, error(400, "Bad Request: secret token contains unallowed characters", null));
        }
        if (url.isEmpty()) {
            webhooks.remove(token);
            return Reply.of(200, okDescribed("Webhook was deleted"));
        }
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            return Reply.of(
                    400, error(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook", null));
        }
        webhooks.put(token, url);
        return Reply.of(200, okDescribed("Webhook was set"));
    }

    private Reply deleteWebhook(String token, ObjectNode params) {
        webhooks.remove(token);
        if (params.path("drop_pending_updates").asBoolean(false)) {
            updates.remove(token);
        }
        return Reply.of(200, okDescribed("Webhook was deleted"));
    }

    private Reply getMe(String token) {
        ObjectNode user = JsonNodeFactory.instance.objectNode();
        user.put("id", Long.parseLong(token.substring(0, token.indexOf(':'))));
        user.put("is_bot", true);
        user.put("first_name", "Shifo test");
        user.put("username", usernames.getOrDefault(token, "shifo_test_bot"));
        user.put("can_join_groups", false);
        user.put("can_read_all_group_messages", false);
        user.put("supports_inline_queries", false);
        return Reply.of(200, ok(user));
    }

    private Reply getUpdates(String token, ObjectNode params) {
        long offset = params.path("offset").asLong(0);
        int limit = Math.clamp(params.path("limit").asInt(100), 1, 100);
        long timeoutMillis =
                Math.min(TimeUnit.SECONDS.toMillis(params.path("timeout").asLong(0)), 30_000);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (lock) {
            while (true) {
                if (webhooks.containsKey(token)) {
                    return Reply.of(
                            409,
                            error(
                                    409,
                                    "Conflict: can't use getUpdates method while webhook is active;"
                                            + " use deleteWebhook to delete the webhook first",
                                    null));
                }
                List<ObjectNode> pending = updates.computeIfAbsent(token, t -> new ArrayList<>());
                if (offset > 0) {
                    pending.removeIf(update -> update.path("update_id").asLong() < offset);
                }
                long wait = deadline - System.currentTimeMillis();
                if (!pending.isEmpty() || wait <= 0) {
                    ArrayNode result = JsonNodeFactory.instance.arrayNode();
                    pending.stream().limit(limit).forEach(result::add);
                    return Reply.of(200, ok(result));
                }
                try {
                    lock.wait(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Reply.of(200, ok(JsonNodeFactory.instance.arrayNode()));
                }
            }
        }
    }

    // ---- envelope

    private static ObjectNode message(long chatId, long messageId, Instant at, ObjectNode params) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("message_id", messageId);
        message.put("date", at.getEpochSecond());
        ObjectNode chat = message.putObject("chat");
        chat.put("id", chatId);
        chat.put("type", "private");
        String text = params.path("text").asString("");
        message.put("text", "HTML".equalsIgnoreCase(params.path("parse_mode").asString("")) ? plainOf(text) : text);
        if (params.has("reply_markup")) {
            message.set("reply_markup", params.get("reply_markup"));
        }
        return message;
    }

    private static ObjectNode ok(JsonNode result) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("ok", true);
        body.set("result", result);
        return body;
    }

    private static ObjectNode okDescribed(String description) {
        ObjectNode body = ok(JsonNodeFactory.instance.booleanNode(true));
        body.put("description", description);
        return body;
    }

    private static ObjectNode error(int code, String description, @Nullable Integer retryAfter) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("ok", false);
        body.put("error_code", code);
        body.put("description", description);
        if (retryAfter != null) {
            body.putObject("parameters").put("retry_after", retryAfter);
        }
        return body;
    }

    private ObjectNode params(HttpExchange exchange) throws IOException {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            formInto(query, params);
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (body.length == 0) {
            return params;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && contentType.startsWith("application/json")) {
            JsonNode parsed = json.readTree(body);
            if (parsed instanceof ObjectNode object) {
                params.setAll(object);
            }
        } else {
            formInto(new String(body, StandardCharsets.UTF_8), params);
        }
        return params;
    }

    private void formInto(String form, ObjectNode params) {
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (value.startsWith("{") || value.startsWith("[")) {
                params.set(name, json.readTree(value));
            } else if (value.matches("-?\\d{1,18}")) {
                params.put(name, Long.parseLong(value));
            } else {
                params.put(name, value);
            }
        }
    }

    private void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
