package org.shifo.platform.web;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/** Test-only pages that fail on purpose, so the browser tests can see the error pages a real failure shows. */
@Controller
class ErrorTestSupportController {

    /**
     * A refusal as a signed-in user without the role meets it (an anonymous visitor is sent to sign in instead,
     * so Spring Security's {@code AccessDeniedException} is not the way to reach the 403 page here).
     */
    @GetMapping("/test-support/errors/403")
    String accessDenied() {
        throw new ResponseStatusException(HttpStatus.FORBIDDEN, "test: access denied on purpose");
    }

    @GetMapping("/test-support/errors/500")
    String failure() {
        throw new IllegalStateException("test: failing on purpose, this text must never reach the page");
    }

    /**
     * Renders the generic error view the way the platform's {@code /error} controller does, with its contract's
     * model: {@code status} (may be absent) and {@code requestId} (may be empty).
     */
    @GetMapping("/test-support/errors/generic")
    ModelAndView generic(@RequestParam(required = false) @Nullable Integer status, @RequestParam String requestId) {
        Map<String, Object> model = new HashMap<>();
        if (status != null) {
            model.put("status", status);
        }
        model.put("requestId", requestId);
        HttpStatus responseStatus = status == null ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.valueOf(status);
        return new ModelAndView("error/error", model, responseStatus);
    }
}
