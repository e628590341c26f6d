package org.shifo.identity.web;

import jakarta.servlet.http.HttpSession;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.platform.ShellContext;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The shell's view of the signed-in staff member: name and roles from the principal, branch and time zone from
 * the session (looked up once at sign-in), so that no page render queries the database for them.
 */
@Component
class StaffShellContext implements ShellContext {

    @Override
    public Optional<String> userDisplayName() {
        return CurrentUser.find().map(Staff::fullName);
    }

    @Override
    public Optional<String> branchName() {
        return branch().map(SignedInBranch::name);
    }

    @Override
    public Set<String> roles() {
        return CurrentUser.find()
                .map(staff -> staff.distinctRoles().stream().map(Role::name).collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    @Override
    public ZoneId timeZone() {
        return branch().map(SignedInBranch::timeZone).orElse(DEFAULT_TIME_ZONE);
    }

    private static Optional<SignedInBranch> branch() {
        if (CurrentUser.find().isEmpty()
                || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return Optional.empty();
        }
        HttpSession session = attributes.getRequest().getSession(false);
        if (session != null && session.getAttribute(BrowserSessions.BRANCH) instanceof SignedInBranch branch) {
            return Optional.of(branch);
        }
        return Optional.empty();
    }
}
