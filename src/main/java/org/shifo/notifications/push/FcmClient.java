package org.shifo.notifications.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The FCM HTTP v1 client (spec 2.1-2.5): one {@code messages:send} request per registration token, no legacy API,
 * no batch. Reads the FCM {@code errorCode} of {@code details[]} first, then the HTTP status:
 *
 * <ul>
 *   <li>UNREGISTERED, and INVALID_ARGUMENT about {@code message.token}: rejected, the token is dead;
 *   <li>other INVALID_ARGUMENT, SENDER_ID_MISMATCH, THIRD_PARTY_AUTH_ERROR: rejected, the token kept (our
 *       payload or configuration is wrong);
 *   <li>QUOTA_EXCEEDED (429): later, not before {@code Retry-After} and never before one minute;
 *   <li>UNAVAILABLE, INTERNAL, other 5xx, timeouts: later, at {@code Retry-After} when given, else back-off;
 *   <li>401 without an FCM code (our token expired or revoked): a new token and one more try.
 * </ul>
 */
@Component
class FcmClient {

    static final Duration QUOTA_MINIMUM = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(FcmClient.class);

    /** Answers that mean our configuration or payload is wrong, not the device: worth an operator's look. */
    private static final Set<String> ALERTS = Set.of(
            "FCM_SENDER_ID_MISMATCH",
            "FCM_THIRD_PARTY_AUTH_ERROR",
            "FCM_INVALID_ARGUMENT",
            "FCM_UNAUTHENTICATED",
            "FCM_OAUTH");

    private static final String FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError";
    private static final String BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest";

    private final FcmSettings settings;
    private final FcmAccessTokens tokens;
    private final Clock clock;
    private final JsonMapper json;
    private final HttpClient http;

    FcmClient(FcmSettings settings, FcmAccessTokens tokens, Clock clock, JsonMapper json) {
        this.settings = settings;
        this.tokens = tokens;
        this.clock = clock;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    boolean isEnabled() {
        return settings.isEnabled();
    }

    FcmResult send(FcmMessage message) {
        FcmResult result = attempt(message);
        String reason =
                switch (result) {
                    case FcmResult.Rejected rejected -> rejected.reason();
                    case FcmResult.Later later -> later.reason();
                    case FcmResult.Accepted accepted -> "";
                };
        if (ALERTS.contains(reason)) {
            // the reason code only: never the token, the access token or the message
            log.warn("FCM refused a push for a reason of configuration or payload: {}", reason);
        }
        return result;
    }

    private FcmResult attempt(FcmMessage message) {
        if (!settings.isEnabled()) {
            return new FcmResult.Rejected("FCM_NOT_CONFIGURED", false);
        }
        String body = json.writeValueAsString(Map.of("validate_only", false, "message", message.toJson()));
        try {
            String token = tokens.current();
            HttpResponse<String> answer = post(token, body);
            if (answer.statusCode() == 401 && fcmErrorCode(answer) == null) {
                answer = post(tokens.replace(token), body);
                if (answer.statusCode() == 401 && fcmErrorCode(answer) == null) {
                    return new FcmResult.Later("FCM_UNAUTHENTICATED", null);
                }
            }
            return classify(answer);
        } catch (FcmAccessTokens.FcmAuthException e) {
            return new FcmResult.Later(e.reason(), null);
        } catch (HttpTimeoutException e) {
            return new FcmResult.Later("FCM_TIMEOUT", null);
        } catch (IOException e) {
            return new FcmResult.Later("FCM_NETWORK", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FcmResult.Later("FCM_INTERRUPTED", null);
        }
    }

    private HttpResponse<String> post(String accessToken, String body) throws IOException, InterruptedException {
        String base = settings.baseUrl().toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/v1/projects/" + Objects.requireNonNull(settings.projectId()) + "/messages:send");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    FcmResult classify(HttpResponse<String> answer) {
        int status = answer.statusCode();
        @Nullable JsonNode root = parse(answer.body());
        if (status >= 200 && status < 300) {
            JsonNode name = root == null ? null : root.get("name");
            if (name == null || !name.isString() || name.asString().isBlank()) {
                // accepted, but the answer does not say as what: sent all the same (a resend would duplicate)
                return new FcmResult.Accepted("unnamed");
            }
            return new FcmResult.Accepted(name.asString());
        }
        @Nullable Duration retryAfter = retryAfter(answer);
        @Nullable String code = root == null ? null : fcmErrorCode(root);
        if (code == null) {
            code = fallbackCode(status, root);
        }
        return switch (code) {
            case "UNREGISTERED" -> new FcmResult.Rejected("FCM_UNREGISTERED", true);
            case "INVALID_ARGUMENT" ->
                isAboutToken(root)
                        ? new FcmResult.Rejected("FCM_INVALID_TOKEN", true)
                        : new FcmResult.Rejected("FCM_INVALID_ARGUMENT", false);
            case "SENDER_ID_MISMATCH" -> new FcmResult.Rejected("FCM_SENDER_ID_MISMATCH", false);
            case "THIRD_PARTY_AUTH_ERROR" -> new FcmResult.Rejected("FCM_THIRD_PARTY_AUTH_ERROR", false);
            case "QUOTA_EXCEEDED" ->
                new FcmResult.Later(
                        "FCM_QUOTA_EXCEEDED",
                        retryAfter == null || retryAfter.compareTo(QUOTA_MINIMUM) < 0 ? QUOTA_MINIMUM : retryAfter);
            case "UNAVAILABLE" -> new FcmResult.Later("FCM_UNAVAILABLE", retryAfter);
            case "INTERNAL" -> new FcmResult.Later("FCM_INTERNAL", retryAfter);
            case "UNAUTHENTICATED" -> new FcmResult.Later("FCM_UNAUTHENTICATED", null);
            default ->
                status >= 500 || status == 408
                        ? new FcmResult.Later("FCM_HTTP_" + status, retryAfter)
                        : new FcmResult.Rejected("FCM_HTTP_" + status, false);
        };
    }

    /** The code to go by when FCM sent no {@code errorCode}: the canonical status, else the HTTP status's. */
    private static String fallbackCode(int status, @Nullable JsonNode root) {
        JsonNode canonical = root == null ? null : root.path("error").get("status");
        String name = canonical != null && canonical.isString() ? canonical.asString() : "";
        return switch (name) {
            case "NOT_FOUND" -> "UNREGISTERED";
            case "RESOURCE_EXHAUSTED" -> "QUOTA_EXCEEDED";
            case "PERMISSION_DENIED" -> "SENDER_ID_MISMATCH";
            case "INVALID_ARGUMENT", "UNAVAILABLE", "INTERNAL", "UNAUTHENTICATED" -> name;
            default ->
                switch (status) {
                    case 400 -> "INVALID_ARGUMENT";
                    case 404 -> "UNREGISTERED";
                    case 429 -> "QUOTA_EXCEEDED";
                    case 503 -> "UNAVAILABLE";
                    case 500 -> "INTERNAL";
                    default -> "HTTP";
                };
        };
    }

    private @Nullable String fcmErrorCode(HttpResponse<String> answer) {
        JsonNode root = parse(answer.body());
        return root == null ? null : fcmErrorCode(root);
    }

    private static @Nullable String fcmErrorCode(JsonNode root) {
        for (JsonNode detail : root.path("error").path("details")) {
            JsonNode type = detail.get("@type");
            JsonNode code = detail.get("errorCode");
            if (type != null && FCM_ERROR.equals(type.asString()) && code != null && code.isString()) {
                return code.asString();
            }
        }
        return null;
    }

    /** Whether an INVALID_ARGUMENT is about the registration token (then the token is dead, spec 2.4). */
    private static boolean isAboutToken(@Nullable JsonNode root) {
        if (root == null) {
            return false;
        }
        for (JsonNode detail : root.path("error").path("details")) {
            JsonNode type = detail.get("@type");
            if (type != null && BAD_REQUEST.equals(type.asString())) {
                for (JsonNode violation : detail.path("fieldViolations")) {
                    JsonNode field = violation.get("field");
                    if (field != null && "message.token".equals(field.asString())) {
                        return true;
                    }
                }
            }
        }
        JsonNode message = root.path("error").get("message");
        return message != null
                && message.isString()
                && message.asString().contains("not a valid FCM registration token");
    }

    private @Nullable Duration retryAfter(HttpResponse<String> answer) {
        String value = answer.headers().firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 86_400));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private @Nullable JsonNode parse(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
