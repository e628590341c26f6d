package org.shifo.identity;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The signed-in staff member: who acts, in which organization, with which roles. It is the principal of every
 * authenticated request, page or API alike.
 */
public record Staff(
        UserId userId,
        TenantId tenantId,
        String username,
        String fullName,
        String language,
        Set<BranchRole> roles,
        boolean operator)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public Staff {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(language, "language");
        roles = Set.copyOf(roles);
    }

    /** The installation's operator (its first administrator), who may create organizations. */
    public boolean isOperator() {
        return operator;
    }

    public boolean hasRole(Role role) {
        return roles.stream().anyMatch(held -> held.role() == role);
    }

    public boolean hasRoleIn(BranchId branch, Role role) {
        return roles.contains(new BranchRole(branch, role));
    }

    /** Whether this member acts in the branch: administrators in every branch, others where they hold a role. */
    public boolean worksIn(BranchId branch) {
        return hasRole(Role.ADMIN)
                || roles.stream().anyMatch(held -> held.branchId().equals(branch));
    }

    /** This member as the actor of audit entries. */
    public org.shifo.audit.AuditActor auditActor() {
        return org.shifo.audit.AuditActor.user(userId.value(), fullName);
    }

    public Set<Role> distinctRoles() {
        return roles.stream().map(BranchRole::role).collect(Collectors.toUnmodifiableSet());
    }
}
