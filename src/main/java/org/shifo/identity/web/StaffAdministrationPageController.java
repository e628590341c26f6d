package org.shifo.identity.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchId;
import org.shifo.identity.BranchRole;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Role;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.identity.accounts.ActiveSessions;
import org.shifo.identity.accounts.Branches;
import org.shifo.identity.accounts.IdentityRuleException;
import org.shifo.identity.accounts.NewStaffMember;
import org.shifo.identity.accounts.SessionNotFoundException;
import org.shifo.identity.accounts.StaffAdministration;
import org.shifo.identity.accounts.StaffNotFoundException;
import org.shifo.identity.domain.StaffAccount;
import org.shifo.identity.persistence.Organizations;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/** Staff administration for the organization's administrators: accounts, roles per branch, and their state. */
@Controller
@RequestMapping("/admin/users")
@PreAuthorize("hasRole('ADMIN')")
class StaffAdministrationPageController {

    static final List<String> LANGUAGES = List.of("uz", "ru", "en");

    private final StaffAdministration administration;
    private final ActiveSessions sessions;
    private final Branches branches;
    private final PageTimes times;
    private final Clock clock;

    StaffAdministrationPageController(
            StaffAdministration administration,
            ActiveSessions sessions,
            Branches branches,
            PageTimes times,
            Clock clock) {
        this.administration = administration;
        this.sessions = sessions;
        this.branches = branches;
        this.times = times;
        this.clock = clock;
    }

    /** One row of the list. */
    record StaffRow(
            UUID id,
            String username,
            String fullName,
            List<RoleLabel> roles,
            String status,
            boolean locked,
            boolean secondFactor) {}

    /** A role and the name of the branch it is held in. */
    record RoleLabel(String role, String branch) {}

    /** A checkbox of the roles fieldset: {@code value} is {@code <branch id>:<role>}. */
    record RoleChoice(String value, String role, boolean checked) {}

    /** A branch with its role checkboxes. */
    record BranchChoices(String name, List<RoleChoice> roles) {}

    /** The form's fields; blank ones arrive as empty strings. */
    record StaffForm(
            String username,
            String fullName,
            String email,
            String phone,
            String language,
            String password,
            List<String> roles) {

        StaffForm {
            username = username == null ? "" : username;
            fullName = fullName == null ? "" : fullName;
            email = email == null ? "" : email;
            phone = phone == null ? "" : phone;
            language = language == null || language.isBlank() ? "uz" : language;
            password = password == null ? "" : password;
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        static StaffForm of(StaffAccount account) {
            return new StaffForm(
                    account.username(),
                    account.fullName(),
                    Optional.ofNullable(account.email()).orElse(""),
                    Optional.ofNullable(account.phone()).orElse(""),
                    account.language(),
                    "",
                    account.roles().stream()
                            .map(role -> role.branchId() + ":" + role.role())
                            .toList());
        }

        Set<BranchRole> branchRoles() {
            Set<BranchRole> parsed = new HashSet<>();
            for (String value : roles) {
                int colon = value.indexOf(':');
                try {
                    parsed.add(new BranchRole(
                            new BranchId(UUID.fromString(value.substring(0, Math.max(colon, 0)))),
                            Role.valueOf(value.substring(colon + 1))));
                } catch (IllegalArgumentException e) {
                    throw IdentityRuleException.invalid("roles", "names an unknown role");
                }
            }
            return parsed;
        }

        static @Nullable String blankToNull(String value) {
            return value.isBlank() ? null : value;
        }
    }

    @GetMapping
    String list(Model model) {
        TenantId tenant = CurrentUser.get().tenantId();
        Map<BranchId, String> branchNames = branchNames(tenant);
        model.addAttribute(
                "staff",
                administration.list(tenant).stream()
                        .map(account -> new StaffRow(
                                account.id().value(),
                                account.username(),
                                account.fullName(),
                                account.roles().stream()
                                        .map(role -> new RoleLabel(
                                                role.role().name(), branchNames.getOrDefault(role.branchId(), "")))
                                        .sorted((a, b) -> (a.branch() + a.role()).compareTo(b.branch() + b.role()))
                                        .toList(),
                                account.status().name(),
                                account.isLocked(clock.instant()),
                                account.isMfaEnrolled()))
                        .toList());
        return "identity/users";
    }

    @GetMapping("/new")
    String newStaffMember(Model model) {
        return newForm(model, new StaffForm("", "", "", "", "uz", "", List.of()), Map.of());
    }

    @PostMapping
    String create(StaffForm form, Model model) {
        TenantId tenant = CurrentUser.get().tenantId();
        try {
            StaffAccount created = administration.create(
                    tenant,
                    new NewStaffMember(
                            form.username(),
                            form.fullName(),
                            StaffForm.blankToNull(form.email()),
                            StaffForm.blankToNull(form.phone()),
                            form.language(),
                            form.password(),
                            form.branchRoles()));
            return "redirect:/admin/users/" + created.id().value() + "?created";
        } catch (IdentityRuleException e) {
            return newForm(model, form, FieldErrors.of(e, Map.of()));
        }
    }

    @GetMapping("/{id}")
    String edit(@PathVariable UUID id, Model model) {
        StaffAccount account = find(id);
        return editForm(model, account, StaffForm.of(account), Map.of());
    }

    @PostMapping("/{id}")
    String update(@PathVariable UUID id, StaffForm form, Model model) {
        TenantId tenant = CurrentUser.get().tenantId();
        StaffAccount account = find(id);
        try {
            administration.update(
                    tenant,
                    account.id(),
                    form.fullName(),
                    StaffForm.blankToNull(form.email()),
                    StaffForm.blankToNull(form.phone()),
                    form.language(),
                    form.branchRoles());
            return "redirect:/admin/users/" + id + "?saved";
        } catch (IdentityRuleException e) {
            return editForm(model, account, form, FieldErrors.of(e, Map.of()));
        }
    }

    @PostMapping("/{id}/disable")
    String disable(@PathVariable UUID id) {
        return act(id, administration::disable, "disabled");
    }

    @PostMapping("/{id}/enable")
    String enable(@PathVariable UUID id) {
        return act(id, administration::enable, "enabled");
    }

    @PostMapping("/{id}/unlock")
    String unlock(@PathVariable UUID id) {
        return act(id, administration::unlock, "unlocked");
    }

    @PostMapping("/{id}/reset-second-factor")
    String resetSecondFactor(@PathVariable UUID id) {
        return act(id, administration::resetSecondFactor, "secondFactorReset");
    }

    @PostMapping("/{id}/sessions/{sessionId}/revoke")
    String revokeSession(@PathVariable UUID id, @PathVariable UUID sessionId) {
        try {
            sessions.revoke(CurrentUser.get().tenantId(), new UserId(id), sessionId);
        } catch (StaffNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (SessionNotFoundException endedAlready) {
            return "redirect:/admin/users/" + id + "?done=sessionGone";
        }
        return "redirect:/admin/users/" + id + "?done=sessionRevoked";
    }

    private String act(UUID id, BiFunction<TenantId, UserId, StaffAccount> action, String done) {
        try {
            var unused = action.apply(CurrentUser.get().tenantId(), new UserId(id));
        } catch (StaffNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/admin/users/" + id + "?done=" + done;
    }

    private StaffAccount find(UUID id) {
        try {
            return administration.get(CurrentUser.get().tenantId(), new UserId(id));
        } catch (StaffNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private String newForm(Model model, StaffForm form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("languages", LANGUAGES);
        model.addAttribute("branches", choices(form));
        return "identity/user-new";
    }

    private String editForm(Model model, StaffAccount account, StaffForm form, Map<String, String> errors) {
        model.addAttribute("account", account);
        model.addAttribute("locked", account.isLocked(clock.instant()));
        model.addAttribute("sessions", SessionRow.of(sessions.list(account.tenantId(), account.id(), null), times));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("languages", LANGUAGES);
        model.addAttribute("branches", choices(form));
        return "identity/user-edit";
    }

    private List<BranchChoices> choices(StaffForm form) {
        List<BranchChoices> choices = new ArrayList<>();
        for (Organizations.BranchRow branch : branches.list(CurrentUser.get().tenantId())) {
            List<RoleChoice> roles = new ArrayList<>();
            for (Role role : Role.values()) {
                String value = branch.id() + ":" + role.name();
                roles.add(new RoleChoice(value, role.name(), form.roles().contains(value)));
            }
            choices.add(new BranchChoices(branch.name(), roles));
        }
        return choices;
    }

    private Map<BranchId, String> branchNames(TenantId tenant) {
        Map<BranchId, String> names = new LinkedHashMap<>();
        branches.list(tenant).forEach(branch -> names.put(branch.id(), branch.name()));
        return names;
    }
}
