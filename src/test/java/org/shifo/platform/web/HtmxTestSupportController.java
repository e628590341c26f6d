package org.shifo.platform.web;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A test-only module page in the shell with an htmx POST: Spring Security rejects the POST unless the layout's
 * script added the CSRF header.
 */
@Controller
class HtmxTestSupportController {

    @GetMapping("/test-support/htmx")
    String page() {
        return "test-support/htmx";
    }

    @PostMapping(path = "/test-support/htmx", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String accept() {
        return "<p id=\"htmx-result\">Accepted with a CSRF token</p>";
    }
}
