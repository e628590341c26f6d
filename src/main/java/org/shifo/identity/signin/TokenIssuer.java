package org.shifo.identity.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantContext;
import org.shifo.identity.domain.StaffAccount;
import org.shifo.identity.domain.UserAgentSummary;
import org.shifo.identity.persistence.RefreshTokens;
import org.shifo.identity.persistence.StaffAccounts;
import org.shifo.identity.security.AccessTokens;
import org.shifo.platform.CurrentRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Access and refresh tokens for API clients. A refresh token is 256 random bits, kept only as a SHA-256 hash,
 * valid 14 days and once: using it returns a new pair in the same family. Presenting an already used token
 * means two parties hold it, so the whole family is revoked and the caller must sign in again.
 */
@Service
public class TokenIssuer {

    static final Duration REFRESH_LIFETIME = Duration.ofDays(14);
    private static final Logger log = LoggerFactory.getLogger(TokenIssuer.class);

    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final StaffAccounts accounts;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TokenIssuer(
            AccessTokens accessTokens,
            RefreshTokens refreshTokens,
            StaffAccounts accounts,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** A new pair, starting a new family: after a completed sign-in. */
    public TokenPair issue(Staff staff) {
        return TenantContext.callAs(
                staff.tenantId(), () -> transactions.execute(status -> pair(staff, UUID.randomUUID())));
    }

    /** Rotates a refresh token; empty when it is unknown, expired, revoked or reused (which revokes its family). */
    public Optional<TokenPair> refresh(String refreshToken) {
        byte[] hash = hash(refreshToken);
        // the token is all the caller shows: which tenant it belongs to is found from it
        return TenantContext.callAsSystem(() -> transactions.execute(status -> {
            Optional<RefreshTokens.TokenRow> found = refreshTokens.findForUpdate(hash);
            if (found.isEmpty()) {
                return Optional.<TokenPair>empty();
            }
            RefreshTokens.TokenRow token = found.get();
            Instant now = clock.instant();
            if (token.usedAt() != null || token.revokedAt() != null) {
                if (token.usedAt() != null) {
                    int revoked = refreshTokens.revokeFamily(token.tenantId(), token.familyId(), now);
                    log.warn(
                            "Refresh token reused: family {} of user {} revoked ({} tokens)",
                            token.familyId(),
                            token.userId(),
                            revoked);
                }
                return Optional.<TokenPair>empty();
            }
            if (!token.expiresAt().isAfter(now)) {
                return Optional.<TokenPair>empty();
            }
            Optional<StaffAccount> account =
                    accounts.find(token.tenantId(), token.userId()).filter(StaffAccount::isActive);
            if (account.isEmpty()) {
                refreshTokens.revokeFamily(token.tenantId(), token.familyId(), now);
                return Optional.<TokenPair>empty();
            }
            refreshTokens.markUsed(token.tenantId(), token.id(), now);
            return Optional.of(pair(account.get().toStaff(), token.familyId()));
        }));
    }

    /** Revokes the family of a refresh token (sign-out); unknown tokens are ignored. */
    public void revoke(String refreshToken) {
        byte[] hash = hash(refreshToken);
        TenantContext.runAsSystem(() -> transactions.executeWithoutResult(status -> refreshTokens
                .findForUpdate(hash)
                .ifPresent(token -> refreshTokens.revokeFamily(token.tenantId(), token.familyId(), clock.instant()))));
    }

    private TokenPair pair(Staff staff, UUID family) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        refreshTokens.insert(
                UUID.randomUUID(),
                staff.tenantId(),
                staff.userId(),
                family,
                hash(refresh),
                now,
                now.plus(REFRESH_LIFETIME),
                new RefreshTokens.Client(
                        CurrentRequest.clientAddress().orElse(null),
                        UserAgentSummary.of(CurrentRequest.userAgent().orElse(null))));
        return new TokenPair(accessTokens.issueAccess(staff), refresh, AccessTokens.ACCESS_LIFETIME.toSeconds());
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An access token, its refresh token, and the access token's lifetime in seconds. */
    public record TokenPair(String accessToken, String refreshToken, long expiresIn) {}
}
