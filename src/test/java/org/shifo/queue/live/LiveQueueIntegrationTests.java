package org.shifo.queue.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.ShifoApplication;
import org.shifo.identity.Role;
import org.shifo.platform.testing.ApiCalls;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabaseInitializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class LiveQueueIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    JsonMapper json;

    ApiCalls api;

    IdentityFixtures.Clinic clinic;
    String reception;
    String doctor;
    String queueId;
    int patients;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        clinic = fixtures.clinic();
        reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        var doctorStaff = fixtures.staff(clinic, Role.DOCTOR);
        doctor = fixtures.bearer(doctorStaff);
        MvcTestResult opened = api.post(
                reception,
                "/api/v1/queues",
                "{\"branchId\":\"%s\",\"practitionerId\":\"%s\"}"
                        .formatted(
                                clinic.branchId().value(), doctorStaff.userId().value()));
        queueId = api.body(opened).get("id").asString();
    }

    String ticket(String token) {
        return api.body(api.post(token, "/api/v1/queue/ws-ticket", ""))
                .get("ticket")
                .asString();
    }

    void issueTicket() {
        patients++;
        MvcTestResult patient = api.post(
                reception,
                "/api/v1/patients",
                """
                {"familyName":"Nazarova","givenName":"Malika","sex":"FEMALE","birthDate":"1990-02-%02d",
                 "phones":[{"number":"+9989077700%02d","primary":true}],"registerAnyway":true}
                """
                        .formatted(patients, patients));
        String patientId = api.body(patient).get("id").asString();
        assertThat(api.post(
                        reception,
                        "/api/v1/queues/" + queueId + "/tickets",
                        "{\"patientId\":\"%s\"}".formatted(patientId)))
                .hasStatus(201);
    }

    /** A WebSocket client that collects the text messages it receives. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();
        volatile @Nullable WebSocket socket;
        volatile int closeCode = -1;

        static Client connect(int port, String query) throws Exception {
            Client client = new Client();
            client.socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create("ws://localhost:" + port + "/ws/queue" + query), client)
                    .get(10, TimeUnit.SECONDS);
            return client;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            return null;
        }

        void send(String text) {
            java.util.Objects.requireNonNull(socket).sendText(text, true).join();
        }

        String next() throws InterruptedException {
            String message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return java.util.Objects.requireNonNull(message);
        }

        void close() {
            WebSocket open = socket;
            if (open != null) {
                open.abort();
            }
        }
    }

    JsonNode read(Client client) throws InterruptedException {
        return json.readTree(client.next());
    }

    @Test
    void anApiClientFollowsAQueueFromSnapshotToEachChangeInOrder() throws Exception {
        issueTicket();
        Client client = Client.connect(port, "?ticket=" + ticket(doctor));
        try {
            client.send("{\"type\":\"subscribe\",\"queueId\":\"%s\"}".formatted(queueId));
            JsonNode snapshot = read(client);
            assertThat(snapshot.get("type").asString()).isEqualTo("snapshot");
            assertThat(snapshot.get("seq").asLong()).isEqualTo(1);
            assertThat(snapshot.get("tickets").get(0).get("initials").asString())
                    .isEqualTo("M.N.");
            assertThat(snapshot.toString()).doesNotContain("Nazarova", "Malika");

            api.post(doctor, "/api/v1/queues/" + queueId + "/call-next", "{\"room\":\"204\"}");
            issueTicket();

            JsonNode called = read(client);
            assertThat(called.get("type").asString()).isEqualTo("event");
            assertThat(called.get("event").asString()).isEqualTo("TICKET_CALLED");
            assertThat(called.get("seq").asLong()).isEqualTo(2);
            assertThat(called.get("ticket").get("room").asString()).isEqualTo("204");
            assertThat(called.get("ticket").get("status").asString()).isEqualTo("CALLED");
            JsonNode issued = read(client);
            assertThat(issued.get("event").asString()).isEqualTo("TICKET_ISSUED");
            assertThat(issued.get("seq").asLong()).isEqualTo(3);
        } finally {
            client.close();
        }
    }

    @Test
    void aClientResumesAfterTheLastSequenceItSaw() throws Exception {
        issueTicket();
        issueTicket();
        issueTicket();
        Client client = Client.connect(port, "?ticket=" + ticket(reception));
        try {
            client.send("{\"type\":\"subscribe\",\"queueId\":\"%s\",\"afterSeq\":1}".formatted(queueId));

            assertThat(read(client).get("seq").asLong()).isEqualTo(2);
            assertThat(read(client).get("seq").asLong()).isEqualTo(3);
        } finally {
            client.close();
        }
    }

    @Test
    void aTicketOpensOneConnectionOnlyAndNothingElseGetsIn() throws Exception {
        String ticket = ticket(reception);
        Client.connect(port, "?ticket=" + ticket).close();

        assertThatThrownBy(() -> Client.connect(port, "?ticket=" + ticket))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThatThrownBy(() -> Client.connect(port, "")).hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThatThrownBy(() -> Client.connect(port, "?display=" + "x".repeat(43)))
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void badMessagesGetAnErrorAndTheConnectionStays() throws Exception {
        Client client = Client.connect(port, "?ticket=" + ticket(reception));
        try {
            client.send("not json");
            assertThat(read(client).get("code").asString()).isEqualTo("malformed");
            client.send("{\"type\":\"dance\"}");
            assertThat(read(client).get("code").asString()).isEqualTo("unknown-type");
            client.send("{\"type\":\"subscribe\",\"queueId\":\"%s\"}".formatted(java.util.UUID.randomUUID()));
            assertThat(read(client).get("code").asString()).isEqualTo("not-found");

            client.send("{\"type\":\"ping\"}");
            assertThat(read(client).get("type").asString()).isEqualTo("pong");
        } finally {
            client.close();
        }
    }

    @Test
    void anOversizedFrameIsRefused() throws Exception {
        Client client = Client.connect(port, "?ticket=" + ticket(reception));
        client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(20_000) + "\"}");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.closeCode < 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(client.closeCode).isEqualTo(1009);
    }

    @Test
    void aLobbyDisplayFollowsItsBranchAndIsClosedWhenRevoked() throws Exception {
        String admin = fixtures.bearer(fixtures.admin(clinic));
        JsonNode display = api.body(api.post(
                admin,
                "/api/v1/queue/display-tokens",
                "{\"branchId\":\"%s\",\"name\":\"Hall TV\"}"
                        .formatted(clinic.branchId().value())));
        issueTicket();
        Client board = Client.connect(port, "?display=" + display.get("token").asString());
        try {
            board.send("{\"type\":\"subscribe\",\"branchId\":\"%s\"}"
                    .formatted(clinic.branchId().value()));
            JsonNode snapshot = read(board);
            assertThat(snapshot.get("queueId").asString()).isEqualTo(queueId);

            IdentityFixtures.Clinic other = fixtures.clinic();
            board.send("{\"type\":\"subscribe\",\"branchId\":\"%s\"}"
                    .formatted(other.branchId().value()));
            assertThat(read(board).get("code").asString()).isEqualTo("not-found");

            assertThat(api.post(
                            admin,
                            "/api/v1/queue/display-tokens/" + display.get("id").asString() + "/revoke",
                            ""))
                    .hasStatus(204);
            assertThatThrownBy(() -> Client.connect(
                            port, "?display=" + display.get("token").asString()))
                    .hasCauseInstanceOf(WebSocketHandshakeException.class);
        } finally {
            board.close();
        }
    }

    @Test
    void aCallMadeOnOneNodeReachesAClientOfAnotherNode() throws Exception {
        issueTicket();
        try (ConfigurableApplicationContext nodeB = new SpringApplicationBuilder(ShifoApplication.class)
                .profiles("test")
                .initializers(new TestDatabaseInitializer())
                .properties("server.port=0", "shifo.data-dir=target/node-b")
                .run()) {
            int portB = nodeB.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            Client client = Client.connect(portB, "?ticket=" + ticket(reception));
            try {
                client.send("{\"type\":\"subscribe\",\"queueId\":\"%s\"}".formatted(queueId));
                assertThat(read(client).get("type").asString()).isEqualTo("snapshot");

                api.post(doctor, "/api/v1/queues/" + queueId + "/call-next", "{}"); // through node A

                JsonNode called = read(client);
                assertThat(called.get("event").asString()).isEqualTo("TICKET_CALLED");
            } finally {
                client.close();
            }
        }
    }

    /** Signs in through the sign-in page (password step only) and returns the session's cookie header. */
    String signIn(String username, HttpClient http, java.net.CookieManager cookies) throws Exception {
        String page = http.send(
                        java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(csrf.find()).isTrue();
        String form = "username=" + username + "&password="
                + java.net.URLEncoder.encode(IdentityFixtures.PASSWORD, java.nio.charset.StandardCharsets.UTF_8)
                + "&_csrf=" + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8);
        http.send(
                java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return cookies.getCookieStore().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    @Test
    void aFullySignedInSessionConnectsWithItsCookie() throws Exception {
        var receptionist = fixtures.staff(clinic, Role.RECEPTIONIST); // no second factor required by default
        java.net.CookieManager cookies = new java.net.CookieManager();
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String cookie = signIn(receptionist.username(), http, cookies);
        Client client = new Client();
        client.socket = http.newWebSocketBuilder()
                .header("Cookie", cookie)
                .buildAsync(URI.create("ws://localhost:" + port + "/ws/queue"), client)
                .get(10, TimeUnit.SECONDS);
        try {
            client.send("{\"type\":\"subscribe\",\"queueId\":\"%s\"}".formatted(queueId));
            assertThat(read(client).get("type").asString()).isEqualTo("snapshot");
        } finally {
            client.close();
        }
    }

    @Test
    void aSessionWaitingForItsSecondFactorIsRefusedAtTheHandshake() throws Exception {
        var doctorStaff = fixtures.staff(clinic, Role.DOCTOR); // doctors must use 2FA by default
        java.net.CookieManager cookies = new java.net.CookieManager();
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String page = http.send(
                        java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(csrf.find()).isTrue();
        String form = "username=" + doctorStaff.username() + "&password="
                + java.net.URLEncoder.encode(IdentityFixtures.PASSWORD, java.nio.charset.StandardCharsets.UTF_8)
                + "&_csrf=" + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8);
        var signedIn = http.send(
                java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location").orElse("")).contains("/login/");
        String cookie = cookies.getCookieStore().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));

        assertThatThrownBy(() -> http.newWebSocketBuilder()
                        .header("Cookie", cookie)
                        .buildAsync(URI.create("ws://localhost:" + port + "/ws/queue"), new Client())
                        .get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }
}
