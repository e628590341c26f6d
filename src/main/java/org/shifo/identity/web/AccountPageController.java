package org.shifo.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Staff;
import org.shifo.identity.accounts.ActiveSessions;
import org.shifo.identity.accounts.IdentityRuleException;
import org.shifo.identity.accounts.SessionNotFoundException;
import org.shifo.identity.accounts.StaffAdministration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/** The signed-in staff member's own account: password, interface language and active sessions. */
@Controller
class AccountPageController {

    private final StaffAdministration administration;
    private final ActiveSessions sessions;
    private final PageTimes times;
    private final LocaleResolver localeResolver;

    AccountPageController(
            StaffAdministration administration,
            ActiveSessions sessions,
            PageTimes times,
            LocaleResolver localeResolver) {
        this.administration = administration;
        this.sessions = sessions;
        this.times = times;
        this.localeResolver = localeResolver;
    }

    @GetMapping("/account")
    String account(Model model, HttpSession session) {
        return page(model, session, Map.of());
    }

    @PostMapping("/account/sessions/{id}/revoke")
    String revokeSession(@PathVariable UUID id) {
        Staff staff = CurrentUser.get();
        try {
            sessions.revoke(staff.tenantId(), staff.userId(), id);
        } catch (SessionNotFoundException endedAlready) {
            return "redirect:/account?sessionGone#sessions-heading";
        }
        return "redirect:/account?sessionRevoked#sessions-heading";
    }

    @PostMapping("/account/sessions/revoke-others")
    String revokeOtherSessions(HttpSession session) {
        Staff staff = CurrentUser.get();
        sessions.revokeOthers(staff.tenantId(), staff.userId(), session.getId());
        return "redirect:/account?othersRevoked#sessions-heading";
    }

    @PostMapping("/account/password")
    String changePassword(
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword,
            @RequestParam(defaultValue = "") String newPasswordRepeat,
            Model model,
            HttpSession session) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!newPassword.equals(newPasswordRepeat)) {
            errors.put("newPasswordRepeat", "identity.error.passwordMismatch");
            return page(model, session, errors);
        }
        Staff staff = CurrentUser.get();
        try {
            administration.changePassword(staff.tenantId(), staff.userId(), currentPassword, newPassword);
        } catch (IdentityRuleException e) {
            return page(model, session, FieldErrors.of(e, Map.of()));
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

    private String page(Model model, HttpSession session, Map<String, String> errors) {
        Staff staff = CurrentUser.get();
        model.addAttribute("errors", errors);
        model.addAttribute(
                "sessions", SessionRow.of(sessions.list(staff.tenantId(), staff.userId(), session.getId()), times));
        model.addAttribute("languages", StaffAdministrationPageController.LANGUAGES);
        return "identity/account";
    }
}
