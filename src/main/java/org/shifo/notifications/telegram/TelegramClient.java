package org.shifo.notifications.telegram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Telegram Bot API subset Shifo uses, over {@link HttpClient}: every call is a JSON POST to {@code
 * {api-url}/bot{token}/{method}} (spec 1.1) and every answer is read from its body whatever the HTTP status. A
 * provider's refusal is a {@link TelegramResult} with {@code ok=false}; no answer, a timeout or a body that is not
 * the Bot API's envelope is a {@link TelegramTransportException}. Tokens, texts and chat ids are never logged.
 */
@Component
public class TelegramClient {

    private final TelegramSettings settings;
    private final JsonMapper json;
    private final HttpClient http;

    TelegramClient(TelegramSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A button of an inline keyboard: {@code callbackData} is at most 64 bytes (Bot API). */
    public record Button(String text, String callbackData) {
        public Button {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(callbackData, "callbackData");
            if (callbackData.getBytes(StandardCharsets.UTF_8).length > 64) {
                throw new IllegalArgumentException("callback_data longer than 64 bytes");
            }
        }
    }

    /**
     * {@code sendMessage} in HTML parse mode with {@code protect_content}; {@code keyboard} rows of inline buttons,
     * none when empty.
     */
    public TelegramResult sendMessage(String token, long chatId, String html, List<List<Button>> keyboard) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("chat_id", chatId);
        params.put("text", html);
        params.put("parse_mode", "HTML");
        params.put("protect_content", Boolean.TRUE);
        params.put("link_preview_options", Map.of("is_disabled", Boolean.TRUE));
        if (!keyboard.isEmpty()) {
            params.put("reply_markup", inlineKeyboard(keyboard));
        }
        return call(token, "sendMessage", params);
    }

    /** {@code editMessageText} in HTML parse mode; {@code keyboard} replaces the buttons (none when empty). */
    public TelegramResult editMessageText(
            String token, long chatId, long messageId, String html, List<List<Button>> keyboard) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("chat_id", chatId);
        params.put("message_id", messageId);
        params.put("text", html);
        params.put("parse_mode", "HTML");
        params.put("link_preview_options", Map.of("is_disabled", Boolean.TRUE));
        params.put("reply_markup", inlineKeyboard(keyboard));
        return call(token, "editMessageText", params);
    }

    /** {@code answerCallbackQuery}; {@code text} is shown to the user as a notification when not null. */
    public TelegramResult answerCallbackQuery(String token, String callbackQueryId, @Nullable String text) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("callback_query_id", callbackQueryId);
        if (text != null) {
            params.put("text", text);
        }
        return call(token, "answerCallbackQuery", params);
    }

    /**
     * {@code getUpdates} (long polling, spec 1.6): updates from {@code offset} on, at most {@code limit}, waiting up
     * to {@code timeout} for one; the HTTP read timeout is extended by {@code timeout}.
     */
    public TelegramResult getUpdates(
            String token, long offset, int limit, Duration timeout, List<String> allowedUpdates) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("offset", offset);
        params.put("limit", limit);
        params.put("timeout", timeout.toSeconds());
        params.put("allowed_updates", allowedUpdates);
        return call(token, "getUpdates", params, settings.readTimeout().plus(timeout));
    }

    /** {@code setWebhook} with the {@code secret_token} Telegram will send back in every call (spec 1.7). */
    public TelegramResult setWebhook(String token, String url, String secretToken, List<String> allowedUpdates) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("url", url);
        params.put("secret_token", secretToken);
        params.put("allowed_updates", allowedUpdates);
        return call(token, "setWebhook", params);
    }

    public TelegramResult deleteWebhook(String token, boolean dropPendingUpdates) {
        return call(token, "deleteWebhook", Map.of("drop_pending_updates", dropPendingUpdates));
    }

    /** {@code getMe}: the bot's own user ({@code username} checks a token when an administrator saves it). */
    public TelegramResult getMe(String token) {
        return call(token, "getMe", Map.of());
    }

    /** Any Bot API method with JSON parameters. */
    public TelegramResult call(String token, String method, Map<String, ?> params) {
        return call(token, method, params, settings.readTimeout());
    }

    private TelegramResult call(String token, String method, Map<String, ?> params, Duration timeout) {
        URI uri = URI.create(base() + "/bot" + token + "/" + method);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(params)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new TelegramTransportException(method + ": connection timed out", false, e);
        } catch (HttpTimeoutException e) {
            throw new TelegramTransportException(method + ": timed out", true, e);
        } catch (IOException e) {
            throw new TelegramTransportException(method + ": " + e.getClass().getSimpleName(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramTransportException(method + ": interrupted", false, e);
        }
        return parse(method, response.statusCode(), response.body());
    }

    private TelegramResult parse(String method, int status, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new TelegramTransportException(method + ": malformed answer (HTTP " + status + ")");
        }
        if (root == null || !root.isObject() || !root.path("ok").isBoolean()) {
            throw new TelegramTransportException(method + ": malformed answer (HTTP " + status + ")");
        }
        boolean ok = root.path("ok").asBoolean();
        JsonNode parameters = root.path("parameters");
        Duration retryAfter = parameters.path("retry_after").isIntegralNumber()
                ? Duration.ofSeconds(Math.max(0, parameters.path("retry_after").asLong()))
                : null;
        Long migrateTo = parameters.path("migrate_to_chat_id").isIntegralNumber()
                ? parameters.path("migrate_to_chat_id").asLong()
                : null;
        int errorCode = ok
                ? 0
                : root.path("error_code").isIntegralNumber()
                        ? root.path("error_code").asInt()
                        : status;
        String description =
                root.path("description").isString() ? root.path("description").asString() : null;
        JsonNode result = root.has("result") ? root.get("result") : null;
        return new TelegramResult(ok, result, errorCode, description, retryAfter, migrateTo);
    }

    private String base() {
        String url = settings.apiUrl().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Map<String, Object> inlineKeyboard(List<List<Button>> keyboard) {
        List<List<Map<String, String>>> rows = keyboard.stream()
                .map(row -> row.stream()
                        .map(button -> Map.of("text", button.text(), "callback_data", button.callbackData()))
                        .toList())
                .toList();
        return Map.of("inline_keyboard", rows);
    }
}
