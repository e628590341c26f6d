package org.shifo.identity.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shifo.identity.accounts.FirstRun;
import org.shifo.identity.accounts.IdentityRuleException;
import org.shifo.identity.accounts.OrganizationSetup;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** First-run setup from the one-time link printed at the first start: the organization and its administrator. */
@Controller
class SetupPageController {

    /** Uzbekistan's two IANA time zones; the first is the default. */
    static final List<String> TIME_ZONES = List.of("Asia/Tashkent", "Asia/Samarkand");

    private static final Map<String, String> FIELD_NAMES = Map.of(
            "username", "adminUsername",
            "fullName", "adminFullName",
            "adminPassword", "password");

    private final FirstRun firstRun;

    SetupPageController(FirstRun firstRun) {
        this.firstRun = firstRun;
    }

    /** What the form sends back; blank fields arrive as empty strings. */
    record SetupForm(
            String token,
            String name,
            String branchName,
            String timeZone,
            String adminUsername,
            String adminFullName,
            String password,
            String passwordRepeat) {

        SetupForm {
            token = token == null ? "" : token;
            name = name == null ? "" : name;
            branchName = branchName == null ? "" : branchName;
            timeZone = timeZone == null ? "" : timeZone;
            adminUsername = adminUsername == null ? "" : adminUsername;
            adminFullName = adminFullName == null ? "" : adminFullName;
            password = password == null ? "" : password;
            passwordRepeat = passwordRepeat == null ? "" : passwordRepeat;
        }

        OrganizationSetup.NewOrganization toNewOrganization() {
            return new OrganizationSetup.NewOrganization(
                    name, branchName, timeZone, adminUsername, password, adminFullName);
        }
    }

    @GetMapping("/setup")
    String setupPage(@RequestParam(defaultValue = "") String token, Model model) {
        if (token.isEmpty() || token.length() > 128 || !firstRun.isValidSetupToken(token)) {
            return "identity/setup-invalid";
        }
        model.addAttribute("form", new SetupForm(token, "", "", TIME_ZONES.getFirst(), "", "", "", ""));
        model.addAttribute("errors", Map.of());
        model.addAttribute("timeZones", TIME_ZONES);
        return "identity/setup";
    }

    @PostMapping("/setup")
    String setup(@ModelAttribute("form") SetupForm form, Model model) {
        if (form.token().isEmpty() || form.token().length() > 128 || !firstRun.isValidSetupToken(form.token())) {
            return "identity/setup-invalid";
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (!form.password().equals(form.passwordRepeat())) {
            errors.put("passwordRepeat", "identity.error.passwordMismatch");
        }
        if (errors.isEmpty()) {
            try {
                firstRun.complete(form.token(), form.toNewOrganization());
                return "redirect:/login?setupComplete";
            } catch (IdentityRuleException e) {
                if (e.errors().stream().anyMatch(error -> error.field().equals("setupToken"))) {
                    return "identity/setup-invalid";
                }
                errors.putAll(FieldErrors.of(e, FIELD_NAMES));
            }
        }
        model.addAttribute(
                "form",
                new SetupForm(
                        form.token(),
                        form.name(),
                        form.branchName(),
                        form.timeZone(),
                        form.adminUsername(),
                        form.adminFullName(),
                        "",
                        ""));
        model.addAttribute("errors", errors);
        model.addAttribute("timeZones", TIME_ZONES);
        return "identity/setup";
    }
}
