package org.shifo.identity.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cuts off a user's access tokens: a token issued before the user's cutoff is refused although it has not
 * expired. Set (in the changing transaction) when an account is disabled, its roles change or its second factor
 * is reset. The node that made the change knows at once (after the commit); every node re-reads the cutoffs of
 * the last token lifetime from the database at most every {@link #REFRESH} while tokens are checked, so another
 * node refuses the token within that interval instead of after up to 15 minutes.
 *
 * <p>A JWT's issue time has whole seconds, so a cutoff is rounded up to the next second: a token issued in the
 * second of the change is refused too (its holder signs in or refreshes again).
 */
@Component
public class TokenCutoffs {

    static final Duration REFRESH = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate readOnly;
    private final Map<UUID, Instant> cutoffs = new ConcurrentHashMap<>();
    private final AtomicLong refreshedAt = new AtomicLong(0);

    TokenCutoffs(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    /**
     * Refuses the user's tokens issued until now, in the caller's transaction (the cutoff takes effect on this
     * node when it commits, on the others within {@link #REFRESH}).
     */
    public void cut(TenantId tenant, UserId user) {
        Instant cutoff = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        jdbc.sql("UPDATE identity.users SET tokens_not_before = :cutoff WHERE tenant_id = :tenant AND id = :id")
                .param("cutoff", Timestamp.from(cutoff))
                .param("tenant", tenant.value())
                .param("id", user.value())
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cutoffs.merge(user.value(), cutoff, (a, b) -> a.isAfter(b) ? a : b);
                }
            });
        } else {
            cutoffs.merge(user.value(), cutoff, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /** Whether a token of the user issued at {@code issuedAt} is cut off. */
    boolean refuses(UUID user, @Nullable Instant issuedAt) {
        refreshIfDue();
        Instant cutoff = cutoffs.get(user);
        return cutoff != null && (issuedAt == null || issuedAt.isBefore(cutoff));
    }

    private void refreshIfDue() {
        long now = clock.millis();
        long last = refreshedAt.get();
        if (now - last < REFRESH.toMillis() || !refreshedAt.compareAndSet(last, now)) {
            return;
        }
        Instant since = clock.instant().minus(AccessTokens.ACCESS_LIFETIME).minus(REFRESH);
        Map<UUID, Instant> recent = TenantContext.callAsSystem(() -> readOnly.execute(status -> {
            Map<UUID, Instant> found = new java.util.HashMap<>();
            jdbc.sql("SELECT id, tokens_not_before FROM identity.users WHERE tokens_not_before > :since")
                    .param("since", Timestamp.from(since))
                    .query(rs -> {
                        found.put(
                                rs.getObject("id", UUID.class),
                                rs.getTimestamp("tokens_not_before").toInstant());
                    });
            return found;
        }));
        if (recent != null) {
            recent.forEach((user, cutoff) -> cutoffs.merge(user, cutoff, (a, b) -> a.isAfter(b) ? a : b));
        }
        cutoffs.values().removeIf(cutoff -> cutoff.isBefore(since));
    }
}
