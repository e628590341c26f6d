package org.shifo.identity.security;

import java.io.Serial;
import java.util.stream.Collectors;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A staff member who passed every sign-in step; authorities are {@code ROLE_<role>} for each role held. */
public final class StaffAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The authority of the installation's operator. */
    public static final String OPERATOR = "OPERATOR";

    private final Staff staff;

    public StaffAuthentication(Staff staff) {
        super(java.util.stream.Stream.concat(
                        staff.distinctRoles().stream().map(Role::authority),
                        staff.isOperator() ? java.util.stream.Stream.of(OPERATOR) : java.util.stream.Stream.empty())
                .map(SimpleGrantedAuthority::new)
                .collect(Collectors.toUnmodifiableSet()));
        this.staff = staff;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Staff getPrincipal() {
        return staff;
    }

    @Override
    public String getName() {
        return staff.username();
    }
}
