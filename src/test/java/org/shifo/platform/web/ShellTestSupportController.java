package org.shifo.platform.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.shifo.platform.NavigationItem;
import org.shifo.platform.ShellContext;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A test-only home page as a signed-in receptionist will see it once identity and the modules exist: a user, a
 * branch and four modules. The handler overrides the shell's model attributes, so nothing else in the shared test
 * context sees these entries. Their labels come from the test-only {@code test-messages} bundles.
 */
@Controller
class ShellTestSupportController {

    static final List<NavigationItem> MODULES = List.of(
            new NavigationItem("/test-support/shell", "testsupport.nav.patients", 10),
            new NavigationItem("/test-support/shell/schedule", "testsupport.nav.schedule", 20),
            new NavigationItem("/test-support/shell/queue", "testsupport.nav.queue", 30, Set.of("RECEPTIONIST")),
            new NavigationItem("/test-support/shell/billing", "testsupport.nav.billing", 40));

    @GetMapping("/test-support/shell")
    String signedIn(Model model, Locale locale) {
        model.addAttribute("shellUserName", "Dilnoza Abdurahmonova-Qoʻchqorova");
        model.addAttribute("shellBranchName", "Toshkent, Mirzo Ulugʻbek tumani filiali");
        model.addAttribute("shellNavigation", MODULES);
        model.addAttribute("greetingKey", "home.greeting.morning.named");
        LocalDate today = LocalDate.now(ShellContext.DEFAULT_TIME_ZONE);
        model.addAttribute("today", today);
        model.addAttribute("todayText", HomePageController.longDate(today, locale));
        model.addAttribute("modules", MODULES);
        return "home";
    }
}
