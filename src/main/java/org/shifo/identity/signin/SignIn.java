package org.shifo.identity.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.identity.domain.SignInThrottle;
import org.shifo.identity.domain.StaffAccount;
import org.shifo.identity.persistence.AddressFailures;
import org.shifo.identity.persistence.Organizations;
import org.shifo.identity.persistence.RecoveryCodes;
import org.shifo.identity.persistence.SecondStepFailures;
import org.shifo.identity.persistence.StaffAccounts;
import org.shifo.identity.signin.SignInOutcome.Refused;
import org.shifo.platform.RateLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of signing in, shared by pages and API: the password (throttled per account and per client
 * address, with the same cost whether or not the username exists), then, where the organization's policy or
 * the user's own enrolment asks for it, the second factor.
 *
 * <p>Before the password is checked nobody is known, so the lookups run in the system scope; each step is one
 * transaction, and a refusal commits the failure it counted.
 */
@Service
public class SignIn {

    /** The rate-limit category of password attempts. */
    public static final String RATE_LIMIT_CATEGORY = "login";

    /** The rate-limit category of second-factor codes, counted per client address and per account. */
    public static final String SECOND_FACTOR_RATE_LIMIT_CATEGORY = "second-factor";

    /** Wrong codes one second step may have; after them the step is used up and the user signs in again. */
    public static final int MAX_WRONG_CODES_PER_STEP = 5;

    private static final Logger log = LoggerFactory.getLogger(SignIn.class);

    /**
     * Password checks that may run at once. Argon2 is CPU-bound, so more checks than cores only queue for the CPU;
     * and each check runs inside the sign-in's transaction, holding a database connection. Without this limit a
     * burst of sign-ins (bench/login.sh, 64 clients) took every pooled connection for seconds and other requests
     * failed waiting for one; now the burst waits here, without a connection.
     */
    private final Semaphore passwordChecks =
            new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);

    private final RateLimits rateLimits;
    private final StaffAccounts accounts;
    private final Organizations organizations;
    private final AddressFailures addressFailures;
    private final RecoveryCodes recoveryCodes;
    private final SecondStepFailures secondStepFailures;
    private final PasswordHashing passwords;
    private final SecondFactor secondFactor;
    private final SignInAudit audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SignIn(
            RateLimits rateLimits,
            StaffAccounts accounts,
            Organizations organizations,
            AddressFailures addressFailures,
            RecoveryCodes recoveryCodes,
            SecondStepFailures secondStepFailures,
            PasswordHashing passwords,
            SecondFactor secondFactor,
            SignInAudit audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.rateLimits = rateLimits;
        this.accounts = accounts;
        this.organizations = organizations;
        this.addressFailures = addressFailures;
        this.recoveryCodes = recoveryCodes;
        this.secondStepFailures = secondStepFailures;
        this.passwords = passwords;
        this.secondFactor = secondFactor;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The first step: username and password (at most {@code shifo.rate-limits.login} per client address). */
    public SignInOutcome withPassword(String username, String password, String clientAddress) {
        String name = username.strip().toLowerCase(Locale.ROOT);
        Optional<Duration> limited = rateLimits.tryConsume(RATE_LIMIT_CATEGORY, clientAddress);
        if (limited.isPresent()) {
            audit.throttled(null, name);
            return new Refused(Refused.Reason.THROTTLED, limited.get());
        }
        passwordChecks.acquireUninterruptibly();
        try {
            return TenantContext.callAsSystem(
                    () -> transactions.execute(status -> checkPassword(name, password, clientAddress)));
        } finally {
            passwordChecks.release();
        }
    }

    private SignInOutcome checkPassword(String username, String password, String clientAddress) {
        Instant now = clock.instant();
        Optional<Duration> addressWait = addressFailures
                .find(clientAddress)
                .flatMap(failures -> SignInThrottle.retryAfter(
                        failures.count(), failures.firstFailedAt(), failures.lastFailedAt(), now));
        if (addressWait.isPresent()) {
            audit.throttled(null, username);
            return new Refused(Refused.Reason.THROTTLED, addressWait.get());
        }
        Optional<StaffAccount> found = accounts.findByUsernameAcrossTenants(username);
        if (found.isEmpty()) {
            passwords.matchDecoy(password);
            addressFailures.record(clientAddress, now, now.minus(SignInThrottle.WINDOW));
            audit.failed(null, username, "unknown-user");
            return new Refused(Refused.Reason.BAD_CREDENTIALS, Duration.ZERO);
        }
        StaffAccount account = found.get();
        Optional<Duration> accountWait = account.retryAfter(now);
        if (accountWait.isPresent()) {
            passwords.matchDecoy(password);
            audit.throttled(account, username);
            return new Refused(Refused.Reason.THROTTLED, accountWait.get());
        }
        if (!passwords.matches(password, account.passwordHash())) {
            account.recordFailedSignIn(now);
            accounts.update(account);
            addressFailures.record(clientAddress, now, now.minus(SignInThrottle.WINDOW));
            audit.failed(account, username, account.isLocked(now) ? "wrong-password-locked" : "wrong-password");
            return new Refused(Refused.Reason.BAD_CREDENTIALS, Duration.ZERO);
        }
        if (!account.isActive()) {
            audit.failed(account, username, "disabled");
            return new Refused(Refused.Reason.BAD_CREDENTIALS, Duration.ZERO);
        }
        account.recordSuccessfulSignIn();
        if (passwords.needsRehash(account.passwordHash())) {
            account.rehashPassword(passwords.hash(password));
        }
        accounts.update(account);
        addressFailures.clear(clientAddress);
        if (needsSecondFactor(account)) {
            audit.passwordAccepted(account);
            return new SignInOutcome.SecondFactorRequired(account.id(), account.tenantId(), !account.isMfaEnrolled());
        }
        audit.succeeded(account, "password");
        return new SignInOutcome.Completed(account.toStaff());
    }

    private boolean needsSecondFactor(StaffAccount account) {
        if (account.isMfaEnrolled()) {
            return true;
        }
        return organizations
                .findOrganization(account.tenantId())
                .map(organization -> account.roles().stream()
                        .anyMatch(role -> organization.mfaRequiredRoles().contains(role.role())))
                .orElse(true);
    }

    /** Enrolment, step one: a new secret for the user's authenticator app. */
    public Enrollment startEnrollment(UserId user, TenantId tenant) {
        return TenantContext.callAs(
                tenant,
                () -> transactions.execute(status -> {
                    StaffAccount account = require(tenant, user);
                    if (account.isMfaEnrolled()) {
                        throw new SecondFactorStateException(SecondFactorState.ALREADY_ENROLLED);
                    }
                    String secret = secondFactor.newSecret();
                    account.startMfaEnrollment(secondFactor.encrypt(secret));
                    accounts.update(account);
                    String uri = secondFactor.otpauthUri(secret, account.username());
                    return new Enrollment(secret, uri);
                }));
    }

    /** Enrolment, step two: a valid code confirms the secret; the recovery codes are returned once. */
    public Optional<EnrollmentConfirmed> confirmEnrollment(UserId user, TenantId tenant, String code) {
        return TenantContext.callAs(
                tenant,
                () -> transactions.execute(status -> {
                    StaffAccount account = require(tenant, user);
                    String encrypted = account.mfaSecret();
                    if (account.isMfaEnrolled() || encrypted == null) {
                        throw new SecondFactorStateException(
                                account.isMfaEnrolled()
                                        ? SecondFactorState.ALREADY_ENROLLED
                                        : SecondFactorState.NOT_ENROLLING);
                    }
                    OptionalLong step = secondFactor.matchingStep(secondFactor.decrypt(encrypted), code, null);
                    if (step.isEmpty()) {
                        audit.secondFactorFailed(account, "enrollment-code");
                        return Optional.<EnrollmentConfirmed>empty();
                    }
                    Instant now = clock.instant();
                    account.confirmMfaEnrollment(step.getAsLong(), now);
                    accounts.update(account);
                    var codes = secondFactor.newRecoveryCodes();
                    recoveryCodes.replace(
                            tenant,
                            user,
                            codes.stream().map(secondFactor::recoveryHash).toList(),
                            now);
                    audit.secondFactorEnrolled(account);
                    return Optional.of(new EnrollmentConfirmed(account.toStaff(), codes));
                }));
    }

    /** The second step for an enrolled user: a TOTP code, each accepted once. */
    public Optional<org.shifo.identity.Staff> withCode(SecondStep step, String code) {
        return secondStep(step, "code", "totp", account -> {
            String encrypted = Objects.requireNonNull(account.mfaSecret());
            OptionalLong matched =
                    secondFactor.matchingStep(secondFactor.decrypt(encrypted), code, account.mfaLastUsedStep());
            matched.ifPresent(account::useMfaStep);
            return matched.isPresent();
        });
    }

    /** The second step with a recovery code instead, each usable once. */
    public Optional<org.shifo.identity.Staff> withRecoveryCode(SecondStep step, String code) {
        return secondStep(
                step,
                "recovery-code",
                "recovery-code",
                account -> recoveryCodes.use(
                        step.tenantId(), step.userId(), secondFactor.recoveryHash(code), clock.instant()));
    }

    /**
     * Checks one code of a second step, in this order: the step must not be used up ({@value
     * #MAX_WRONG_CODES_PER_STEP} wrong codes), the client address and the account must be within the {@value
     * #SECOND_FACTOR_RATE_LIMIT_CATEGORY} rate limit, and the account must not be backing off or locked; a wrong
     * code then counts against the step and the account (the same back-off and lock as wrong passwords).
     *
     * @param accept checks the code and, when it is right, uses it up (the code's step, the recovery code)
     * @throws SecondFactorStateException {@code TOO_MANY_WRONG_CODES} when the step is used up
     * @throws SecondFactorThrottledException when the address or the account must wait
     */
    private Optional<org.shifo.identity.Staff> secondStep(
            SecondStep step, String kind, String method, java.util.function.Predicate<StaffAccount> accept) {
        Optional<Duration> limited = rateLimits
                .tryConsume(SECOND_FACTOR_RATE_LIMIT_CATEGORY, "address:" + step.clientAddress())
                .or(() -> rateLimits.tryConsume(SECOND_FACTOR_RATE_LIMIT_CATEGORY, "account:" + step.userId()));
        if (limited.isPresent()) {
            log.info("Second factor refused: too many codes from the address or for user {}", step.userId());
            throw new SecondFactorThrottledException(limited.get());
        }
        SecondStepResult result = TenantContext.callAs(
                step.tenantId(),
                () -> transactions.execute(status -> {
                    Instant now = clock.instant();
                    if (secondStepFailures.count(step.stepId(), now) >= MAX_WRONG_CODES_PER_STEP) {
                        return new SecondStepResult(null, null, true);
                    }
                    StaffAccount account = require(step.tenantId(), step.userId());
                    if (!account.isMfaEnrolled() || account.mfaSecret() == null) {
                        throw new SecondFactorStateException(SecondFactorState.NOT_ENROLLED);
                    }
                    Optional<Duration> wait = account.retryAfter(now);
                    if (wait.isPresent()) {
                        audit.secondFactorThrottled(account);
                        return new SecondStepResult(null, wait.get(), false);
                    }
                    if (!accept.test(account)) {
                        account.recordFailedSignIn(now);
                        accounts.update(account);
                        secondStepFailures.record(step.stepId(), step.expiresAt(), now);
                        audit.secondFactorFailed(account, kind);
                        return new SecondStepResult(null, null, false);
                    }
                    account.recordSuccessfulSignIn();
                    accounts.update(account);
                    audit.succeeded(account, method);
                    return new SecondStepResult(account.toStaff(), null, false);
                }));
        SecondStepResult checked = Objects.requireNonNull(result);
        if (checked.usedUp()) {
            throw new SecondFactorStateException(SecondFactorState.TOO_MANY_WRONG_CODES);
        }
        if (checked.retryAfter() != null) {
            throw new SecondFactorThrottledException(checked.retryAfter());
        }
        return Optional.ofNullable(checked.staff());
    }

    /** What a second-step transaction found; the exceptions are thrown after it committed what it counted. */
    private record SecondStepResult(
            org.shifo.identity.@Nullable Staff staff, @Nullable Duration retryAfter, boolean usedUp) {}

    private StaffAccount require(TenantId tenant, UserId user) {
        return accounts.find(tenant, user)
                .filter(StaffAccount::isActive)
                .orElseThrow(() -> new SecondFactorStateException(SecondFactorState.UNKNOWN_USER));
    }

    /** A secret being enrolled: shown once, as text and as the otpauth URI behind the QR code. */
    public record Enrollment(String secret, String otpauthUri) implements java.io.Serializable {

        @java.io.Serial
        private static final long serialVersionUID = 1L;
    }

    /** A confirmed enrolment, with the recovery codes to show once. */
    public record EnrollmentConfirmed(org.shifo.identity.Staff staff, java.util.List<String> recoveryCodes) {}

    /** A second-factor step asked for in a state that does not allow it. */
    public static final class SecondFactorStateException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final SecondFactorState state;

        public SecondFactorStateException(SecondFactorState state) {
            super(state.name());
            this.state = state;
        }

        /** Which step was out of place. */
        public SecondFactorState state() {
            return state;
        }
    }

    /** Why a second-factor step cannot be taken now. */
    public enum SecondFactorState {
        /** A second factor is enrolled already: enrolling again needs an administrator's reset. */
        ALREADY_ENROLLED,
        /** No second factor is enrolled: a code cannot be checked. */
        NOT_ENROLLED,
        /** No enrolment was started: there is nothing to confirm. */
        NOT_ENROLLING,
        /** The user of the sign-in step no longer exists. */
        UNKNOWN_USER,
        /** The step had too many wrong codes: sign in again from the password. */
        TOO_MANY_WRONG_CODES
    }
}
