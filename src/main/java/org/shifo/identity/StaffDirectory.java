package org.shifo.identity;

import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.shifo.identity.domain.StaffAccount;
import org.shifo.identity.persistence.Organizations;
import org.shifo.identity.persistence.StaffAccounts;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may know of an organization's staff and branches: names, whether an account is active,
 * its roles per branch, and each branch's time zone. Nothing about credentials. Reads run in the caller's
 * tenant scope; a member or branch of another organization is simply not found.
 */
@Component
public class StaffDirectory {

    private final StaffAccounts accounts;
    private final Organizations organizations;

    StaffDirectory(StaffAccounts accounts, Organizations organizations) {
        this.accounts = accounts;
        this.organizations = organizations;
    }

    /** A staff member as other modules see them. */
    public record Member(UserId id, String fullName, boolean active, Set<BranchRole> roles) {

        public Member {
            roles = Set.copyOf(roles);
        }

        public boolean hasRoleIn(BranchId branch, Role role) {
            return roles.contains(new BranchRole(branch, role));
        }

        public boolean hasAnyRole(Set<Role> wanted) {
            return roles.stream().anyMatch(held -> wanted.contains(held.role()));
        }
    }

    /** A branch as other modules see it. */
    public record Branch(BranchId id, String name, String address, ZoneId timeZone) {}

    @Transactional(readOnly = true)
    public Optional<Member> member(TenantId tenant, UserId id) {
        return accounts.find(tenant, id).map(StaffDirectory::member);
    }

    /** The language a staff member chose for the interface (uz, ru, en): what messages to them are written in. */
    @Transactional(readOnly = true)
    public Optional<String> language(TenantId tenant, UserId id) {
        return accounts.find(tenant, id).filter(StaffAccount::isActive).map(StaffAccount::language);
    }

    /** Every staff member of the organization, by username. */
    @Transactional(readOnly = true)
    public List<Member> members(TenantId tenant) {
        return accounts.list(tenant).stream().map(StaffDirectory::member).toList();
    }

    /** The full names of these staff members of the organization (an unknown id has none), in one query. */
    @Transactional(readOnly = true)
    public Map<UserId, String> fullNames(TenantId tenant, Collection<UserId> ids) {
        Map<UserId, String> names = new HashMap<>();
        accounts.fullNames(tenant, ids.stream().map(UserId::value).distinct().toList())
                .forEach((id, name) -> names.put(new UserId(id), name));
        return names;
    }

    /** The organization's name (receipts print it), empty for an organization that does not exist. */
    @Transactional(readOnly = true)
    public Optional<String> organizationName(TenantId tenant) {
        return organizations.findOrganization(tenant).map(Organizations.OrganizationRow::name);
    }

    @Transactional(readOnly = true)
    public List<Branch> branches(TenantId tenant) {
        return organizations.branches(tenant).stream()
                .map(StaffDirectory::branch)
                .toList();
    }

    /** The branches a staff member works in: every branch for an administrator, else those they hold a role in. */
    @Transactional(readOnly = true)
    public List<Branch> branchesOf(Staff member) {
        boolean admin = member.hasRole(Role.ADMIN);
        return branches(member.tenantId()).stream()
                .filter(b -> admin
                        || member.roles().stream().map(BranchRole::branchId).anyMatch(b.id()::equals))
                .toList();
    }

    @Transactional(readOnly = true)
    public Optional<Branch> branch(TenantId tenant, BranchId id) {
        return organizations.findBranch(tenant, id).map(StaffDirectory::branch);
    }

    private static Branch branch(Organizations.BranchRow row) {
        return new Branch(row.id(), row.name(), row.address(), row.timeZone());
    }

    private static Member member(StaffAccount account) {
        return new Member(account.id(), account.fullName(), account.isActive(), account.roles());
    }
}
