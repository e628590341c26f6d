package org.shifo.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Staff;
import org.shifo.identity.accounts.IdentityRuleException;
import org.shifo.identity.accounts.StaffAdministration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/** The signed-in staff member's own account: password and interface language. */
@Controller
class AccountPageController {

    private final StaffAdministration administration;
    private final LocaleResolver localeResolver;

    AccountPageController(StaffAdministration administration, LocaleResolver localeResolver) {
        this.administration = administration;
        this.localeResolver = localeResolver;
    }

    @GetMapping("/account")
    String account(Model model) {
        return page(model, Map.of());
    }

    @PostMapping("/account/password")
    String changePassword(
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword,
            @RequestParam(defaultValue = "") String newPasswordRepeat,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!newPassword.equals(newPasswordRepeat)) {
            errors.put("newPasswordRepeat", "identity.error.passwordMismatch");
            return page(model, errors);
        }
        Staff staff = CurrentUser.get();
        try {
            administration.changePassword(staff.tenantId(), staff.userId(), currentPassword, newPassword);
        } catch (IdentityRuleException e) {
            return page(model, FieldErrors.of(e, Map.of()));
        }
        return "redirect:/account?passwordChanged";
    }

    @PostMapping("/account/language")
    String changeLanguage(
            @RequestParam(defaultValue = "") String language,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (!StaffAdministrationPageController.LANGUAGES.contains(language)) {
            return "redirect:/account";
        }
        Staff staff = CurrentUser.get();
        administration.changeLanguage(staff.tenantId(), staff.userId(), language);
        localeResolver.setLocale(request, response, Locale.of(language));
        return "redirect:/account?languageChanged";
    }

    private String page(Model model, Map<String, String> errors) {
        model.addAttribute("errors", errors);
        model.addAttribute("languages", StaffAdministrationPageController.LANGUAGES);
        return "identity/account";
    }
}
