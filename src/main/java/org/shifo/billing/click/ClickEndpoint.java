package org.shifo.billing.click;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Click's SHOP API: the Prepare and Complete URLs given to Click. Form fields in ({@code
 * application/x-www-form-urlencoded} or {@code multipart/form-data}), a JSON object out with HTTP 200 for every
 * outcome (spec §1, §6). Both routes dispatch on the {@code action} field, not on the path. No staff token: the
 * signature is the authentication (docs/security.md).
 */
@RestController
@Tag(name = "Payment providers")
class ClickEndpoint {

    private static final Logger log = LoggerFactory.getLogger(ClickEndpoint.class);
    private static final MediaType JSON_UTF8 = new MediaType("application", "json", StandardCharsets.UTF_8);

    private final ClickShop shop;
    private final JsonMapper json;

    ClickEndpoint(ClickShop shop, JsonMapper json) {
        this.shop = shop;
        this.json = json;
    }

    @RequestMapping("/api/v1/payments/click/prepare")
    @Operation(
            summary = "Click SHOP API Prepare (action=0): form fields click_trans_id, service_id, click_paydoc_id,"
                    + " merchant_trans_id (the invoice's paymentReference), amount (so'm), action, error,"
                    + " error_note, sign_time, sign_string (MD5); always HTTP 200 with Click's error codes")
    ResponseEntity<String> prepare(HttpServletRequest request) {
        return handle(request, ClickRequest.PREPARE);
    }

    @RequestMapping("/api/v1/payments/click/complete")
    @Operation(
            summary = "Click SHOP API Complete (action=1): the Prepare's fields plus merchant_prepare_id; error < 0"
                    + " cancels; always HTTP 200 with Click's error codes")
    ResponseEntity<String> complete(HttpServletRequest request) {
        return handle(request, ClickRequest.COMPLETE);
    }

    private ResponseEntity<String> handle(HttpServletRequest request, int routeAction) {
        int shape = shapeOf(request.getParameter("action"), routeAction);
        try {
            ClickRequest click =
                    "POST".equals(request.getMethod()) ? ClickRequest.parse(request::getParameter, routeAction) : null;
            if (click == null) {
                return answer(request, shape, ClickShop.Answer.of(ClickError.ERROR_IN_REQUEST));
            }
            return answer(request, click.formulaAction(), shop.handle(click));
        } catch (RuntimeException e) {
            log.error("Click call failed before it reached the database", e);
            return answer(request, shape, ClickShop.Answer.of(ClickError.FAILED_TO_UPDATE_USER));
        }
    }

    /** Which answer's fields apply: Complete's for action 1, Prepare's for 0, else the route's. */
    private static int shapeOf(@Nullable String action, int routeAction) {
        if ("0".equals(action)) {
            return ClickRequest.PREPARE;
        }
        return "1".equals(action) ? ClickRequest.COMPLETE : routeAction;
    }

    /**
     * The answer (spec §6): the request's click_trans_id (a number when it is one) and merchant_trans_id echoed,
     * our id ({@code merchant_prepare_id}, 0 when unknown; {@code merchant_confirm_id}, null when unknown), error
     * and error_note.
     */
    private ResponseEntity<String> answer(HttpServletRequest request, int shape, ClickShop.Answer outcome) {
        ObjectNode body = json.createObjectNode();
        String transId = request.getParameter("click_trans_id");
        if (transId == null) {
            body.putNull("click_trans_id");
        } else if (transId.matches("-?[0-9]{1,18}")) {
            body.put("click_trans_id", Long.parseLong(transId));
        } else {
            body.put("click_trans_id", transId);
        }
        String merchantTransId = request.getParameter("merchant_trans_id");
        if (merchantTransId == null) {
            body.putNull("merchant_trans_id");
        } else {
            body.put("merchant_trans_id", merchantTransId);
        }
        Long id = outcome.id();
        if (shape == ClickRequest.COMPLETE) {
            if (id == null) {
                body.putNull("merchant_confirm_id");
            } else {
                body.put("merchant_confirm_id", id);
            }
        } else {
            body.put("merchant_prepare_id", id == null ? 0L : id);
        }
        body.put("error", outcome.error().code());
        body.put("error_note", outcome.error().note());
        return ResponseEntity.ok().contentType(JSON_UTF8).body(body.toString());
    }
}
