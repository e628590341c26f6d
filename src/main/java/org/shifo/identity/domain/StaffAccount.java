package org.shifo.identity.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchRole;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;

/**
 * A staff member's account: identity, credentials, roles and sign-in state. Its methods are the rules of
 * signing in: failures count within a window and lock the account, success clears them.
 */
public final class StaffAccount {

    private final UserId id;
    private final TenantId tenantId;
    private final String username;
    private String fullName;
    private @Nullable String email;
    private @Nullable String phone;
    private String language;
    private String passwordHash;
    private Status status;
    private final boolean operator;
    private @Nullable String mfaSecret;
    private @Nullable Instant mfaEnrolledAt;
    private @Nullable Long mfaLastUsedStep;
    private int failedSignIns;
    private @Nullable Instant firstFailedAt;
    private @Nullable Instant lastFailedAt;
    private @Nullable Instant lockedUntil;
    private Set<BranchRole> roles;
    private final int version;

    /** Whether the account may sign in at all. */
    public enum Status {
        ACTIVE,
        DISABLED
    }

    @SuppressWarnings("ParameterNumber")
    public StaffAccount(
            UserId id,
            TenantId tenantId,
            String username,
            String fullName,
            @Nullable String email,
            @Nullable String phone,
            String language,
            String passwordHash,
            Status status,
            boolean operator,
            @Nullable String mfaSecret,
            @Nullable Instant mfaEnrolledAt,
            @Nullable Long mfaLastUsedStep,
            int failedSignIns,
            @Nullable Instant firstFailedAt,
            @Nullable Instant lastFailedAt,
            @Nullable Instant lockedUntil,
            Set<BranchRole> roles,
            int version) {
        this.id = Objects.requireNonNull(id);
        this.tenantId = Objects.requireNonNull(tenantId);
        this.username = Objects.requireNonNull(username);
        this.fullName = Objects.requireNonNull(fullName);
        this.email = email;
        this.phone = phone;
        this.language = Objects.requireNonNull(language);
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.status = Objects.requireNonNull(status);
        this.operator = operator;
        this.mfaSecret = mfaSecret;
        this.mfaEnrolledAt = mfaEnrolledAt;
        this.mfaLastUsedStep = mfaLastUsedStep;
        this.failedSignIns = failedSignIns;
        this.firstFailedAt = firstFailedAt;
        this.lastFailedAt = lastFailedAt;
        this.lockedUntil = lockedUntil;
        this.roles = Set.copyOf(roles);
        this.version = version;
    }

    /** A new, active account with no failures and no second factor yet. */
    public static StaffAccount create(
            UserId id,
            TenantId tenantId,
            String username,
            String fullName,
            @Nullable String email,
            @Nullable String phone,
            String language,
            String passwordHash,
            boolean operator,
            Set<BranchRole> roles) {
        return new StaffAccount(
                id,
                tenantId,
                username,
                fullName,
                email,
                phone,
                language,
                passwordHash,
                Status.ACTIVE,
                operator,
                null,
                null,
                null,
                0,
                null,
                null,
                null,
                roles,
                0);
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    /** Counts a wrong password; the tenth within the window locks the account. */
    public void recordFailedSignIn(Instant now) {
        if (SignInThrottle.isForgotten(firstFailedAt, now)) {
            failedSignIns = 0;
            firstFailedAt = now;
        }
        failedSignIns++;
        lastFailedAt = now;
        if (failedSignIns >= SignInThrottle.LOCK_AFTER) {
            lockedUntil = now.plus(SignInThrottle.LOCK);
        }
    }

    /** How long the next attempt must wait because of earlier failures, if at all. */
    public Optional<java.time.Duration> retryAfter(Instant now) {
        if (isLocked(now)) {
            return Optional.of(java.time.Duration.between(now, Objects.requireNonNull(lockedUntil)));
        }
        return SignInThrottle.retryAfter(failedSignIns, firstFailedAt, lastFailedAt, now);
    }

    public void recordSuccessfulSignIn() {
        failedSignIns = 0;
        firstFailedAt = null;
        lastFailedAt = null;
        lockedUntil = null;
    }

    public void unlock() {
        recordSuccessfulSignIn();
    }

    public void disable() {
        status = Status.DISABLED;
    }

    public void enable() {
        status = Status.ACTIVE;
    }

    public void changePassword(String newHash) {
        passwordHash = newHash;
    }

    public void rehashPassword(String newHash) {
        passwordHash = newHash;
    }

    public void updateProfile(String fullName, @Nullable String email, @Nullable String phone, String language) {
        this.fullName = fullName;
        this.email = email;
        this.phone = phone;
        this.language = language;
    }

    public void assignRoles(Set<BranchRole> roles) {
        this.roles = Set.copyOf(roles);
    }

    /** Keeps a new, not yet confirmed second-factor secret; any earlier enrolment stops counting. */
    public void startMfaEnrollment(String encryptedSecret) {
        mfaSecret = encryptedSecret;
        mfaEnrolledAt = null;
        mfaLastUsedStep = null;
    }

    /** Confirms the pending secret (a valid code was entered for it). */
    public void confirmMfaEnrollment(long step, Instant now) {
        if (mfaSecret == null) {
            throw new IllegalStateException("No second factor is being enrolled");
        }
        mfaEnrolledAt = now;
        mfaLastUsedStep = step;
    }

    /** Records the TOTP time step just accepted, so that the same code is never accepted twice. */
    public void useMfaStep(long step) {
        mfaLastUsedStep = step;
    }

    public void resetMfa() {
        mfaSecret = null;
        mfaEnrolledAt = null;
        mfaLastUsedStep = null;
    }

    public boolean isMfaEnrolled() {
        return mfaEnrolledAt != null && mfaSecret != null;
    }

    public Staff toStaff() {
        return new Staff(id, tenantId, username, fullName, language, roles, operator);
    }

    public UserId id() {
        return id;
    }

    public TenantId tenantId() {
        return tenantId;
    }

    public String username() {
        return username;
    }

    public String fullName() {
        return fullName;
    }

    public @Nullable String email() {
        return email;
    }

    public @Nullable String phone() {
        return phone;
    }

    public String language() {
        return language;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Status status() {
        return status;
    }

    public boolean isOperator() {
        return operator;
    }

    public @Nullable String mfaSecret() {
        return mfaSecret;
    }

    public @Nullable Instant mfaEnrolledAt() {
        return mfaEnrolledAt;
    }

    public @Nullable Long mfaLastUsedStep() {
        return mfaLastUsedStep;
    }

    public int failedSignIns() {
        return failedSignIns;
    }

    public @Nullable Instant firstFailedAt() {
        return firstFailedAt;
    }

    public @Nullable Instant lastFailedAt() {
        return lastFailedAt;
    }

    public @Nullable Instant lockedUntil() {
        return lockedUntil;
    }

    public Set<BranchRole> roles() {
        return roles;
    }

    public int version() {
        return version;
    }
}
