package org.shifo.identity.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditActor;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.BranchId;
import org.shifo.identity.BranchRole;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.identity.domain.StaffAccount;
import org.shifo.identity.persistence.Organizations;
import org.shifo.identity.persistence.RecoveryCodes;
import org.shifo.identity.persistence.RefreshTokens;
import org.shifo.identity.persistence.StaffAccounts;
import org.shifo.identity.security.TokenCutoffs;
import org.shifo.identity.signin.PasswordHashing;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An organization's administrators manage its staff here: accounts, roles per branch, disabling, unlocking
 * and resetting the second factor. Every method acts inside the caller's tenant only: an id of another
 * organization is simply not found.
 */
@Service
public class StaffAdministration {

    private final StaffAccounts accounts;
    private final Organizations organizations;
    private final RefreshTokens refreshTokens;
    private final RecoveryCodes recoveryCodes;
    private final PasswordHashing passwords;
    private final Clock clock;
    private final AuditLog audit;
    private final ActiveSessions sessions;
    private final TransactionTemplate transactions;
    private final TokenCutoffs tokenCutoffs;

    StaffAdministration(
            StaffAccounts accounts,
            Organizations organizations,
            RefreshTokens refreshTokens,
            RecoveryCodes recoveryCodes,
            PasswordHashing passwords,
            Clock clock,
            AuditLog audit,
            ActiveSessions sessions,
            TransactionTemplate transactions,
            TokenCutoffs tokenCutoffs) {
        this.tokenCutoffs = tokenCutoffs;
        this.audit = audit;
        this.sessions = sessions;
        this.transactions = transactions;
        this.accounts = accounts;
        this.organizations = organizations;
        this.refreshTokens = refreshTokens;
        this.recoveryCodes = recoveryCodes;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<StaffAccount> list(TenantId tenant) {
        return accounts.list(tenant);
    }

    @Transactional(readOnly = true)
    public StaffAccount get(TenantId tenant, UserId id) {
        return accounts.find(tenant, id).orElseThrow(() -> new StaffNotFoundException(id));
    }

    @Transactional
    public StaffAccount create(TenantId tenant, NewStaffMember member) {
        String username = StaffRules.username(member.username());
        String fullName = StaffRules.fullName(member.fullName());
        String email = StaffRules.email(member.email());
        String phone = StaffRules.phone(member.phone());
        String language = StaffRules.language(member.language());
        StaffRules.password(member.password(), username, "password");
        Set<BranchRole> roles = checkedRoles(tenant, member.roles());
        StaffAccount account = StaffAccount.create(
                new UserId(UUID.randomUUID()),
                tenant,
                username,
                fullName,
                email,
                phone,
                language,
                passwords.hash(member.password()),
                false,
                roles);
        try {
            accounts.insert(account, clock.instant());
        } catch (DuplicateKeyException e) {
            throw IdentityRuleException.conflict("username-taken", "username", "is already taken");
        }
        record(account, "staff_user.create");
        return account;
    }

    @Transactional
    public StaffAccount update(
            TenantId tenant,
            UserId id,
            String fullName,
            @Nullable String email,
            @Nullable String phone,
            String language,
            Set<BranchRole> roles) {
        StaffAccount account = get(tenant, id);
        account.updateProfile(
                StaffRules.fullName(fullName),
                StaffRules.email(email),
                StaffRules.phone(phone),
                StaffRules.language(language));
        Set<BranchRole> before = Set.copyOf(account.roles());
        account.assignRoles(checkedRoles(tenant, roles));
        accounts.update(account);
        accounts.saveRoles(account);
        if (!before.equals(Set.copyOf(account.roles()))) {
            // the roles are in the user's access tokens: tokens with the old roles stop working
            tokenCutoffs.cut(tenant, id);
        }
        record(account, "staff_user.update");
        return account;
    }

    /**
     * Disables the account and ends its sessions at once: its refresh tokens are revoked with the change, and
     * its browser sessions are deleted right after it commits, so its next request in a browser is signed out.
     * Its API access tokens are cut off ({@link TokenCutoffs}): refused at once on this node, within seconds on
     * the others.
     */
    public StaffAccount disable(TenantId tenant, UserId id) {
        StaffAccount account = Objects.requireNonNull(transactions.execute(status -> {
            StaffAccount disabled = change(tenant, id, StaffAccount::disable, "staff_user.disable");
            refreshTokens.revokeAllOf(tenant, id, clock.instant());
            tokenCutoffs.cut(tenant, id);
            return disabled;
        }));
        // outside the transaction: Spring Session works on a connection of its own, and holding one connection
        // while waiting for another is how the pool once deadlocked (ActiveSessions)
        sessions.endBrowserSessions(account);
        return account;
    }

    @Transactional
    public StaffAccount enable(TenantId tenant, UserId id) {
        return change(tenant, id, StaffAccount::enable, "staff_user.enable");
    }

    @Transactional
    public StaffAccount unlock(TenantId tenant, UserId id) {
        return change(tenant, id, StaffAccount::unlock, "staff_user.unlock");
    }

    @Transactional
    public StaffAccount resetSecondFactor(TenantId tenant, UserId id) {
        StaffAccount account = change(tenant, id, StaffAccount::resetMfa, "staff_user.reset_second_factor");
        recoveryCodes.deleteAll(tenant, id);
        refreshTokens.revokeAllOf(tenant, id, clock.instant());
        tokenCutoffs.cut(tenant, id);
        return account;
    }

    private StaffAccount change(
            TenantId tenant, UserId id, java.util.function.Consumer<StaffAccount> change, String action) {
        StaffAccount account = get(tenant, id);
        change.accept(account);
        accounts.update(account);
        record(account, action);
        return account;
    }

    /** Every change of a staff account goes on the trail, with the acting administrator (or the user). */
    private void record(StaffAccount account, String action) {
        AuditActor actor = ActingStaff.asAuditActor();
        audit.record(AuditEvent.of(
                account.tenantId().value(),
                actor,
                action,
                "staff_user",
                account.id().toString(),
                AuditOutcome.SUCCESS));
    }

    /** The user changes their own password: the current one must be right, the new one must pass the policy. */
    @Transactional
    public void changePassword(TenantId tenant, UserId id, String currentPassword, String newPassword) {
        StaffAccount account = get(tenant, id);
        if (!passwords.matches(currentPassword, account.passwordHash())) {
            throw IdentityRuleException.invalid("currentPassword", "is not your current password");
        }
        StaffRules.password(newPassword, account.username(), "newPassword");
        account.changePassword(passwords.hash(newPassword));
        accounts.update(account);
        Instant now = clock.instant();
        refreshTokens.revokeAllOf(tenant, id, now);
        record(account, "staff_user.change_password");
    }

    @Transactional
    public void changeLanguage(TenantId tenant, UserId id, String language) {
        String checked = StaffRules.language(language);
        change(
                tenant,
                id,
                account -> account.updateProfile(account.fullName(), account.email(), account.phone(), checked),
                "staff_user.change_language");
    }

    private Set<BranchRole> checkedRoles(TenantId tenant, Set<BranchRole> roles) {
        Set<BranchId> known = organizations.branches(tenant).stream()
                .map(Organizations.BranchRow::id)
                .collect(Collectors.toUnmodifiableSet());
        for (BranchRole role : roles) {
            if (!known.contains(role.branchId())) {
                throw IdentityRuleException.invalid("roles", "names a branch that does not exist: " + role.branchId());
            }
        }
        return roles;
    }
}
