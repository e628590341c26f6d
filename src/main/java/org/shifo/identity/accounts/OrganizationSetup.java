package org.shifo.identity.accounts;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.shifo.identity.BranchId;
import org.shifo.identity.BranchRole;
import org.shifo.identity.Role;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.identity.domain.StaffAccount;
import org.shifo.identity.persistence.Organizations;
import org.shifo.identity.persistence.StaffAccounts;
import org.shifo.identity.signin.PasswordHashing;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates an organization with its first branch and first administrator, in one transaction: at first run
 * (setup page or headless bootstrap) and later by the installation's operator.
 */
@Service
public class OrganizationSetup {

    private final Organizations organizations;
    private final StaffAccounts accounts;
    private final PasswordHashing passwords;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OrganizationSetup(
            Organizations organizations,
            StaffAccounts accounts,
            PasswordHashing passwords,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.organizations = organizations;
        this.accounts = accounts;
        this.passwords = passwords;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** What a new organization needs. */
    public record NewOrganization(
            String name,
            String branchName,
            String timeZone,
            String adminUsername,
            String adminPassword,
            String adminFullName) {}

    /** The ids of what was created. */
    public record CreatedOrganization(TenantId organizationId, BranchId branchId, UserId adminId) {}

    /** True while the installation has no organization yet (first run). */
    public boolean isFirstRun() {
        return TenantContext.callAsSystem(
                () -> Boolean.TRUE.equals(transactions.execute(status -> organizations.countAll() == 0)));
    }

    /**
     * Creates an organization; {@code operator} marks its admin as the installation's operator (the very first
     * one). Validation happens before any write; a taken username is a conflict.
     */
    public CreatedOrganization create(NewOrganization request, boolean operator) {
        String name = StaffRules.name(request.name(), "name");
        String branchName = StaffRules.name(request.branchName(), "branchName");
        ZoneId zone = StaffRules.timeZone(request.timeZone(), "timeZone");
        String username = StaffRules.username(request.adminUsername());
        String fullName = StaffRules.fullName(request.adminFullName());
        StaffRules.password(request.adminPassword(), username, "adminPassword");
        String hash = passwords.hash(request.adminPassword());
        TenantId tenant = new TenantId(UUID.randomUUID());
        BranchId branch = new BranchId(UUID.randomUUID());
        UserId admin = new UserId(UUID.randomUUID());
        Instant now = clock.instant();
        try {
            // usernames are unique across tenants, so the check (and the insert's unique index) span them
            TenantContext.runAsSystem(() -> transactions.executeWithoutResult(status -> {
                if (accounts.existsUsername(username)) {
                    throw IdentityRuleException.conflict("username-taken", "adminUsername", "is already taken");
                }
                organizations.insertOrganization(tenant, name, now);
                organizations.insertBranch(branch, tenant, branchName, "", zone, now);
                accounts.insert(
                        StaffAccount.create(
                                admin,
                                tenant,
                                username,
                                fullName,
                                null,
                                null,
                                "uz",
                                hash,
                                operator,
                                Set.of(new BranchRole(branch, Role.ADMIN))),
                        now);
            }));
        } catch (DuplicateKeyException e) {
            throw IdentityRuleException.conflict("username-taken", "adminUsername", "is already taken");
        }
        return new CreatedOrganization(tenant, branch, admin);
    }
}
