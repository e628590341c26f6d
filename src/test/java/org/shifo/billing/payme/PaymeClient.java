package org.shifo.billing.payme;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays PayMe: sends over real HTTP exactly what PayMe's server sends (POST, {@code Content-Type: text/json;
 * charset=UTF-8}, {@code Authorization: Basic base64(Paycom:KEY)}, a JSON-RPC body with a numeric id) and reads
 * the answer, which must always come with HTTP 200.
 */
public final class PaymeClient {

    private static final AtomicLong IDS = new AtomicLong(1000);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final URI endpoint;
    private final @Nullable String authorization;
    private final JsonMapper json;

    public PaymeClient(String baseUrl, @Nullable String login, @Nullable String key, JsonMapper json) {
        this.endpoint = URI.create(baseUrl + "/api/v1/payments/payme");
        this.authorization = key == null
                ? null
                : "Basic " + Base64.getEncoder().encodeToString((login + ":" + key).getBytes(StandardCharsets.UTF_8));
        this.json = json;
    }

    public PaymeClient(int port, String key, JsonMapper json) {
        this("http://localhost:" + port, "Paycom", key, json);
    }

    /** Calls {@code method} with {@code params} (a JSON object's text). */
    public JsonNode call(String method, String params) {
        return send(
                "POST", "{\"method\":\"%s\",\"params\":%s,\"id\":%d}".formatted(method, params, IDS.incrementAndGet()));
    }

    /** Sends a raw body with the given HTTP method; asserts nothing but reads the JSON answer. */
    public JsonNode send(String httpMethod, String body) {
        HttpResponse<String> response = exchange(httpMethod, body);
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "PayMe answers must be HTTP 200, got " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    public HttpResponse<String> exchange(String httpMethod, String body) {
        return exchange(httpMethod, "text/json; charset=UTF-8", body);
    }

    public HttpResponse<String> exchange(String httpMethod, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", contentType)
                .method(httpMethod, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The error code of an answer, or 0 when it has a result. */
    public static int code(JsonNode answer) {
        JsonNode error = answer.get("error");
        return error == null ? 0 : error.get("code").asInt();
    }
}
