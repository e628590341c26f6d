package org.shifo.platform.testing;

import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.shifo.identity.BranchId;
import org.shifo.identity.BranchRole;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.identity.accounts.NewStaffMember;
import org.shifo.identity.accounts.OrganizationSetup;
import org.shifo.identity.accounts.StaffAdministration;
import org.shifo.identity.security.AccessTokens;
import org.springframework.stereotype.Component;

/**
 * Organizations, staff and access tokens for tests, made through identity's own services (so they obey its
 * rules). Tokens are issued directly: tests of sign-in itself go through the API.
 */
@Component
public class IdentityFixtures {

    public static final String PASSWORD = "correct horse battery staple 42";

    private final OrganizationSetup setup;
    private final StaffAdministration administration;
    private final AccessTokens tokens;

    IdentityFixtures(OrganizationSetup setup, StaffAdministration administration, AccessTokens tokens) {
        this.setup = setup;
        this.administration = administration;
        this.tokens = tokens;
    }

    /** An organization, its first branch and its administrator. */
    public record Clinic(TenantId tenantId, BranchId branchId, UserId adminId, String adminUsername) {}

    /** A new organization with a unique name and admin username. */
    public Clinic clinic() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String admin = "admin-" + suffix;
        var created = setup.create(
                new OrganizationSetup.NewOrganization(
                        "Clinic " + suffix, "Main " + suffix, "Asia/Tashkent", admin, PASSWORD, "Admin " + suffix),
                false);
        return new Clinic(created.organizationId(), created.branchId(), created.adminId(), admin);
    }

    /** A staff member of the clinic's first branch with the given roles. */
    public Staff staff(Clinic clinic, Role... roles) {
        String username = Arrays.stream(roles)
                        .map(Role::name)
                        .collect(Collectors.joining("-"))
                        .toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Set<BranchRole> branchRoles = Arrays.stream(roles)
                .map(role -> new BranchRole(clinic.branchId(), role))
                .collect(Collectors.toUnmodifiableSet());
        return TenantContext.callAs(clinic.tenantId(), () -> administration
                .create(
                        clinic.tenantId(),
                        new NewStaffMember(username, "Staff " + username, null, null, "en", PASSWORD, branchRoles))
                .toStaff());
    }

    public Staff admin(Clinic clinic) {
        return TenantContext.callAs(
                clinic.tenantId(),
                () -> administration.get(clinic.tenantId(), clinic.adminId()).toStaff());
    }

    /** An access token for the staff member, as if they had completed sign-in. */
    public String token(Staff staff) {
        return tokens.issueAccess(staff);
    }

    /** {@code Authorization} header value for the staff member. */
    public String bearer(Staff staff) {
        return "Bearer " + token(staff);
    }
}
