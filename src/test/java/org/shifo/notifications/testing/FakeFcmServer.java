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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Firebase Cloud Messaging HTTP v1 and Google's OAuth2 token endpoint, played on loopback for tests (spec 2.1-2.5).
 * Started once per JVM with a freshly generated RSA key: its test-only service account key file is written to a
 * temporary file (never committed). The token endpoint checks the JWT assertion's RS256 signature against the
 * key's public half and its claims ({@code iss}, {@code scope}, {@code aud}, {@code exp}); the send endpoint checks
 * the bearer token and the project, records every call, and answers as scripted per registration token:
 * UNREGISTERED (404), INVALID_ARGUMENT about {@code message.token} (400), QUOTA_EXCEEDED (429), UNAVAILABLE (503
 * with {@code Retry-After}), INTERNAL (500), or a slow answer.
 */
public final class FakeFcmServer implements NotificationFake {

    public static final String PROJECT = "shifo-test";
    public static final String CLIENT_EMAIL = "shifo-push@shifo-test.iam.gserviceaccount.com";
    public static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    public static final String AUDIENCE = "https://oauth2.googleapis.com/token";

    /** How the send endpoint answers one call for a token. */
    public enum Answer {
        UNREGISTERED,
        INVALID_TOKEN,
        INVALID_PAYLOAD,
        QUOTA_EXCEEDED,
        UNAVAILABLE,
        INTERNAL,
        SENDER_ID_MISMATCH,
        SLOW
    }

    /** One send request as received. */
    public record Call(String project, String token, JsonNode message, Instant at) {}

    private static volatile @Nullable FakeFcmServer instance;

    private final HttpServer server;
    private final KeyPair key;
    private final Path credentialsFile;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger messageIds = new AtomicInteger();
    private volatile long expiresInSeconds = 3600;
    private volatile int retryAfterSeconds = 7;
    private volatile Duration slowness = Duration.ofSeconds(3);

    private FakeFcmServer() throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/token", this::token);
        server.createContext("/v1/projects/", this::send);
        server.start();
        credentialsFile = Files.createTempFile("shifo-test-only-fcm-service-account-", ".json");
        credentialsFile.toFile().deleteOnExit();
        Files.writeString(credentialsFile, serviceAccountJson());
    }

    /** The server of this JVM, started at first use. */
    public static FakeFcmServer get() {
        FakeFcmServer running = instance;
        if (running == null) {
            synchronized (FakeFcmServer.class) {
                running = instance;
                if (running == null) {
                    try {
                        running = new FakeFcmServer();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException(e);
                    }
                    instance = running;
                }
            }
        }
        return running;
    }

    /** The application properties that point push at this server. */
    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("shifo.notifications.fcm.base-url", baseUrl());
        properties.put("shifo.notifications.fcm.project-id", PROJECT);
        properties.put("shifo.notifications.fcm.credentials-file", credentialsFile.toString());
        properties.put("shifo.notifications.fcm.token-uri", baseUrl() + "/token");
        properties.put("shifo.notifications.fcm.timeout", "2s");
        return properties;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Path credentialsFile() {
        return credentialsFile;
    }

    /** Forget calls, scripts and issued tokens, and answer normally again (tokens already cached stay valid). */
    @Override
    public void reset() {
        calls.clear();
        scripts.clear();
        tokensIssued.set(0);
        expiresInSeconds = 3600;
        retryAfterSeconds = 7;
        slowness = Duration.ofSeconds(3);
    }

    /** The next calls for {@code token} answer these, in order; later calls succeed. */
    public void script(String token, Answer... answers) {
        scripts.computeIfAbsent(token, t -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    /** Every access token issued so far stops being accepted (FCM answers 401 UNAUTHENTICATED). */
    public void revokeTokens() {
        validTokens.clear();
    }

    public void expiresIn(Duration lifetime) {
        expiresInSeconds = lifetime.toSeconds();
    }

    public void retryAfter(int seconds) {
        retryAfterSeconds = seconds;
    }

    public void slowness(Duration wait) {
        slowness = wait;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> callsTo(String token) {
        return calls.stream().filter(c -> c.token().equals(token)).toList();
    }

    /** Access tokens issued since the last {@link #reset()}. */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    // --- the token endpoint ----------------------------------------------------------------------------------

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, Map.of("error", "invalid_request"), Map.of());
                return;
            }
            Map<String, String> form = form(read(exchange.getRequestBody()));
            if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
                answer(exchange, 400, Map.of("error", "unsupported_grant_type"), Map.of());
                return;
            }
            String refusal = checkAssertion(form.get("assertion"));
            if (refusal != null) {
                answer(exchange, 400, Map.of("error", "invalid_grant", "error_description", refusal), Map.of());
                return;
            }
            String token = "ya29.test-only-" + tokensIssued.incrementAndGet() + "-" + System.nanoTime();
            validTokens.add(token);
            answer(
                    exchange,
                    200,
                    Map.of("access_token", token, "expires_in", expiresInSeconds, "token_type", "Bearer"),
                    Map.of());
        }
    }

    /** Why the assertion is refused, or {@code null} when it is a valid RS256 JWT of the test service account. */
    private @Nullable String checkAssertion(@Nullable String assertion) {
        if (assertion == null) {
            return "no assertion";
        }
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return "not a JWT";
        }
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            JsonNode header = json.readTree(decoder.decode(parts[0]));
            JsonNode claims = json.readTree(decoder.decode(parts[1]));
            if (!"RS256".equals(header.path("alg").asString())) {
                return "alg";
            }
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify((RSAPublicKey) key.getPublic());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(decoder.decode(parts[2]))) {
                return "signature";
            }
            if (!CLIENT_EMAIL.equals(claims.path("iss").asString())) {
                return "iss";
            }
            if (!List.of(claims.path("scope").asString().split(" ")).contains(SCOPE)) {
                return "scope";
            }
            if (!AUDIENCE.equals(claims.path("aud").asString())) {
                return "aud";
            }
            long now = Instant.now().getEpochSecond();
            long exp = claims.path("exp").asLong();
            long iat = claims.path("iat").asLong();
            if (exp < now || iat > now + 60 || exp - iat > 3600) {
                return "exp";
            }
            return null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return "unreadable";
        }
    }

    // --- the send endpoint -----------------------------------------------------------------------------------

    private void send(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/messages:send")) {
                answer(exchange, 404, error(404, "NOT_FOUND", "Not found", null, null), Map.of());
                return;
            }
            String project = path.substring("/v1/projects/".length(), path.length() - "/messages:send".length());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null
                    || !authorization.startsWith("Bearer ")
                    || !validTokens.contains(authorization.substring("Bearer ".length()))) {
                answer(
                        exchange,
                        401,
                        error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", null, null),
                        Map.of());
                return;
            }
            JsonNode body = json.readTree(read(exchange.getRequestBody()));
            JsonNode message = body.path("message");
            String token = message.path("token").asString();
            calls.add(new Call(project, token, message, Instant.now()));
            if (!PROJECT.equals(project)) {
                answer(
                        exchange,
                        403,
                        error(403, "PERMISSION_DENIED", "Wrong project", "SENDER_ID_MISMATCH", null),
                        Map.of());
                return;
            }
            Deque<Answer> script = scripts.get(token);
            Answer scripted = script == null ? null : script.pollFirst();
            if (scripted == null) {
                answer(
                        exchange,
                        200,
                        Map.of("name", "projects/" + project + "/messages/" + messageIds.incrementAndGet()),
                        Map.of());
                return;
            }
            switch (scripted) {
                case UNREGISTERED ->
                    answer(
                            exchange,
                            404,
                            error(404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED", null),
                            Map.of());
                case INVALID_TOKEN ->
                    answer(
                            exchange,
                            400,
                            error(
                                    400,
                                    "INVALID_ARGUMENT",
                                    "The registration token is not a valid FCM registration token",
                                    "INVALID_ARGUMENT",
                                    "message.token"),
                            Map.of());
                case INVALID_PAYLOAD ->
                    answer(
                            exchange,
                            400,
                            error(
                                    400,
                                    "INVALID_ARGUMENT",
                                    "Invalid value at 'message.android.ttl'",
                                    "INVALID_ARGUMENT",
                                    "message.android.ttl"),
                            Map.of());
                case QUOTA_EXCEEDED ->
                    answer(
                            exchange,
                            429,
                            error(429, "RESOURCE_EXHAUSTED", "Quota exceeded.", "QUOTA_EXCEEDED", null),
                            Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
                case UNAVAILABLE ->
                    answer(
                            exchange,
                            503,
                            error(503, "UNAVAILABLE", "The service is currently unavailable.", "UNAVAILABLE", null),
                            Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
                case INTERNAL ->
                    answer(
                            exchange,
                            500,
                            error(500, "INTERNAL", "Internal error encountered.", "INTERNAL", null),
                            Map.of());
                case SENDER_ID_MISMATCH ->
                    answer(
                            exchange,
                            403,
                            error(403, "PERMISSION_DENIED", "SenderId mismatch", "SENDER_ID_MISMATCH", null),
                            Map.of());
                case SLOW -> {
                    try {
                        Thread.sleep(slowness);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    answer(
                            exchange,
                            200,
                            Map.of("name", "projects/" + project + "/messages/" + messageIds.incrementAndGet()),
                            Map.of());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client may have given up (a slow answer): nothing to answer to
        }
    }

    private static Map<String, Object> error(
            int code, String status, String message, @Nullable String fcmCode, @Nullable String field) {
        List<Object> details = new ArrayList<>();
        if (fcmCode != null) {
            details.add(Map.of("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode", fcmCode));
        }
        if (field != null) {
            details.add(Map.of(
                    "@type",
                    "type.googleapis.com/google.rpc.BadRequest",
                    "fieldViolations",
                    List.of(Map.of("field", field, "description", message))));
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("status", status);
        error.put("details", details);
        return Map.of("error", error);
    }

    private void answer(HttpExchange exchange, int status, Object body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    /** A test-only service account key: generated for this JVM, written to a temporary file, never committed. */
    private String serviceAccountJson() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> account = new LinkedHashMap<>();
        account.put("type", "service_account");
        account.put("project_id", PROJECT);
        account.put("private_key_id", "test-only-key");
        account.put("private_key", pem);
        account.put("client_email", CLIENT_EMAIL);
        account.put("client_id", "100000000000000000001");
        account.put("token_uri", baseUrl() + "/token");
        return json.writeValueAsString(account);
    }
}
