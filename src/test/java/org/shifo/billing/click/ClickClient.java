package org.shifo.billing.click;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays Click: sends over real HTTP exactly what Click's server sends to a supplier's Prepare and Complete URLs
 * ({@code POST}, {@code application/x-www-form-urlencoded}, the fields of spec §3/§4 as text, signed with MD5 as
 * in spec §5) and reads the JSON answer, which must always come with HTTP 200.
 */
public final class ClickClient {

    public static final String SIGN_TIME = "2026-11-23 10:15:00";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String baseUrl;
    private final String serviceId;
    private final String secret;
    private final JsonMapper json;

    public ClickClient(int port, String serviceId, String secret, JsonMapper json) {
        this.baseUrl = "http://localhost:" + port + "/api/v1/payments/click/";
        this.serviceId = serviceId;
        this.secret = secret;
        this.json = json;
    }

    /** A signed Prepare's fields (action 0, error 0). */
    public Map<String, String> prepare(long clickTransId, String reference, String amount) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("click_trans_id", Long.toString(clickTransId));
        form.put("service_id", serviceId);
        form.put("click_paydoc_id", Long.toString(clickTransId + 7_000_000L));
        form.put("merchant_trans_id", reference);
        form.put("amount", amount);
        form.put("action", "0");
        form.put("error", "0");
        form.put("error_note", "Success");
        form.put("sign_time", SIGN_TIME);
        return sign(form);
    }

    /** A signed Complete's fields (action 1) with Click's {@code error}. */
    public Map<String, String> complete(long clickTransId, String reference, long prepareId, String amount, int error) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("click_trans_id", Long.toString(clickTransId));
        form.put("service_id", serviceId);
        form.put("click_paydoc_id", Long.toString(clickTransId + 7_000_000L));
        form.put("merchant_trans_id", reference);
        form.put("merchant_prepare_id", Long.toString(prepareId));
        form.put("amount", amount);
        form.put("action", "1");
        form.put("error", Integer.toString(error));
        form.put("error_note", error == 0 ? "Success" : "Insufficient funds");
        form.put("sign_time", SIGN_TIME);
        return sign(form);
    }

    /** Sets {@code sign_string} from the fields as they are (spec §5). */
    public Map<String, String> sign(Map<String, String> form) {
        String text = form.getOrDefault("click_trans_id", "")
                + form.getOrDefault("service_id", "")
                + secret
                + form.getOrDefault("merchant_trans_id", "")
                + ("1".equals(form.get("action")) ? form.getOrDefault("merchant_prepare_id", "") : "")
                + form.getOrDefault("amount", "")
                + form.getOrDefault("action", "")
                + form.getOrDefault("sign_time", "");
        form.put("sign_string", ClickRequest.md5(text));
        return form;
    }

    /** Posts the form to {@code route} ("prepare" or "complete"); asserts HTTP 200 and JSON. */
    public JsonNode send(String route, Map<String, String> form) {
        HttpResponse<String> response = exchange(route, form);
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "Click answers must be HTTP 200, got " + response.statusCode() + ": " + response.body());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json")) {
            throw new AssertionError("Click answers must be JSON, got " + type);
        }
        return json.readTree(response.body());
    }

    public HttpResponse<String> exchange(String route, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return post(route, "application/x-www-form-urlencoded", body);
    }

    public HttpResponse<String> post(String route, String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + route))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int error(JsonNode answer) {
        return answer.get("error").asInt();
    }
}
