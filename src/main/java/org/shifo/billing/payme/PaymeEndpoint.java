package org.shifo.billing.payme;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.providers.ProviderCredentials;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * PayMe's Merchant API endpoint. Always HTTP 200 with a JSON-RPC body, whatever happens (spec §1): a method other
 * than POST is -32300, a missing or wrong key -32504 (checked before any business table is read; the header is
 * never logged), a body that is not JSON -32700, an unexpected failure -32400 after everything was rolled back.
 * The organization is the one whose PayMe key this is; the call runs in its scope.
 */
@RestController
@Tag(name = "Payment providers")
class PaymeEndpoint {

    /** The largest body read; PayMe's calls are a few hundred bytes. */
    static final int MAX_BODY = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(PaymeEndpoint.class);
    private static final MediaType JSON_UTF8 = new MediaType("application", "json", StandardCharsets.UTF_8);

    private final ProviderCredentials credentials;
    private final PaymeMerchant merchant;
    private final MessageSource messages;
    private final JsonMapper json;
    private final JsonMapper strict;

    PaymeEndpoint(ProviderCredentials credentials, PaymeMerchant merchant, MessageSource messages, JsonMapper json) {
        this.credentials = credentials;
        this.merchant = merchant;
        this.messages = messages;
        this.json = json;
        this.strict = json.rebuild()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    @RequestMapping("/api/v1/payments/payme")
    @Operation(
            summary = "PayMe Merchant API (JSON-RPC 2.0: CheckPerformTransaction, CreateTransaction,"
                    + " PerformTransaction, CancelTransaction, CheckTransaction, GetStatement, ChangePassword,"
                    + " SetFiscalData); Basic auth Paycom:<cashbox key>; always HTTP 200")
    ResponseEntity<String> handle(HttpServletRequest request) {
        @Nullable JsonNode id = null;
        try {
            if (!"POST".equals(request.getMethod())) {
                return answer(error(null, PaymeError.METHOD_NOT_POST, null));
            }
            JsonNode body = parse(request);
            id = body == null || !body.isObject() ? null : body.get("id");
            Credentials presented = Credentials.parse(request.getHeader(HttpHeaders.AUTHORIZATION));
            if (presented == null) {
                log.warn("PayMe call refused: no valid Basic authorization from {}", request.getRemoteAddr());
                return answer(error(id, PaymeError.INSUFFICIENT_PRIVILEGE, null));
            }
            Optional<TenantId> tenant = credentials.paymeTenant(presented.password());
            if (tenant.isEmpty()) {
                log.warn("PayMe call refused: the key is no organization's, from {}", request.getRemoteAddr());
                return answer(error(id, PaymeError.INSUFFICIENT_PRIVILEGE, null));
            }
            PaymeMerchant.Outcome outcome = TenantContext.callAs(
                    tenant.get(), () -> merchant.handle(tenant.get(), presented.login(), presented.password(), body));
            ObjectNode result = outcome.result();
            if (result != null) {
                ObjectNode answer = envelope(id);
                answer.set("result", result);
                return answer(answer);
            }
            return answer(error(id, outcome.error(), outcome.data()));
        } catch (RuntimeException e) {
            log.error("PayMe call failed; everything was rolled back", e);
            return answer(error(id, PaymeError.SYSTEM_ERROR, null));
        }
    }

    /** The body as JSON, or null when it is not JSON (or larger than {@link #MAX_BODY}). */
    private @Nullable JsonNode parse(HttpServletRequest request) {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length == 0 || bytes.length > MAX_BODY) {
                return null;
            }
            JsonNode tree = strict.readTree(new String(bytes, StandardCharsets.UTF_8));
            return tree == null || tree.isMissingNode() ? null : tree;
        } catch (IOException | JacksonException e) {
            return null;
        }
    }

    private ObjectNode envelope(@Nullable JsonNode id) {
        ObjectNode answer = json.createObjectNode();
        answer.put("jsonrpc", "2.0");
        if (id == null) {
            answer.putNull("id");
        } else {
            answer.set("id", id);
        }
        return answer;
    }

    /** An error answer with its message in Russian, Uzbek and English (spec §9.3). */
    ObjectNode error(@Nullable JsonNode id, int code, @Nullable String data) {
        ObjectNode answer = envelope(id);
        ObjectNode error = answer.putObject("error");
        error.put("code", code);
        ObjectNode message = error.putObject("message");
        for (String language : new String[] {"ru", "uz", "en"}) {
            message.put(language, messages.getMessage("payme.error." + (-code), null, Locale.of(language)));
        }
        if (data != null) {
            error.put("data", data);
        }
        return answer;
    }

    private static ResponseEntity<String> answer(ObjectNode body) {
        return ResponseEntity.ok().contentType(JSON_UTF8).body(body.toString());
    }

    /** The login and password of a Basic authorization header (split at the first colon), or null. */
    record Credentials(String login, String password) {

        static @Nullable Credentials parse(@Nullable String header) {
            if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return null;
            }
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(header.substring(6).strip());
            } catch (IllegalArgumentException e) {
                return null;
            }
            String text = new String(decoded, StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon < 0 || colon == text.length() - 1) {
                return null;
            }
            return new Credentials(text.substring(0, colon), text.substring(colon + 1));
        }

        @Override
        public String toString() {
            return "Credentials[login=" + login + ", password=<hidden>]";
        }
    }
}
