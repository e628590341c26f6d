package org.shifo.identity.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A test-only page that includes the access-history section the way another module's page would. */
@Controller
class AccessHistoryTestSupportController {

    @GetMapping("/test-support/access-history")
    String page(@RequestParam String staffId, Model model) {
        model.addAttribute("staffId", staffId);
        return "test-support/access-history";
    }
}
