package org.shifo.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.domain.ChainHead;
import org.shifo.audit.domain.ChainMac;
import org.shifo.audit.domain.ChainVerifier;
import org.shifo.audit.persistence.Checkpoints;
import org.shifo.audit.persistence.Entries;
import org.shifo.audit.persistence.SystemScope;
import org.shifo.platform.SecretKeys;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the audit chains and reports the first broken link of each: an entry changed or forged in the
 * database (its MAC no longer matches), an entry deleted (a gap, or a previous-MAC mismatch), or a tail cut
 * off (the chain is shorter than its latest checkpoint).
 *
 * <p>Each chain is streamed in chain order in a read-only, repeatable-read transaction of its own (one
 * snapshot for the chain and its checkpoint; no transaction spanning every tenant), in constant memory, in
 * the system scope of row-level security: callers must allow only who may verify that tenant's trail.
 * Entries not sealed yet are not part of any chain and are not checked.
 */
@Service
public class AuditVerification {

    private final Entries entries;
    private final Checkpoints checkpoints;
    private final SystemScope systemScope;
    private final ChainMac mac;
    private final TransactionTemplate snapshot;
    private final Clock clock;

    public AuditVerification(
            Entries entries,
            Checkpoints checkpoints,
            SystemScope systemScope,
            SecretKeys keys,
            PlatformTransactionManager transactions,
            ObjectProvider<Clock> clock) {
        this.entries = entries;
        this.checkpoints = checkpoints;
        this.systemScope = systemScope;
        this.mac = ChainMac.from(keys);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    /** Verifies every tenant's chain (every tenant with entries or checkpoints), each against its latest checkpoint. */
    public VerificationReport verifyAll() {
        TreeSet<UUID> tenants = new TreeSet<>();
        snapshot.executeWithoutResult(status -> {
            systemScope.enterForTransaction();
            tenants.addAll(entries.findTenants());
            checkpoints.findLatestOfEachTenant().forEach(checkpoint -> tenants.add(checkpoint.tenantId()));
        });
        List<ChainVerification> chains = new ArrayList<>(tenants.size());
        for (UUID tenantId : tenants) {
            chains.add(verify(tenantId));
        }
        return new VerificationReport(clock.instant(), chains);
    }

    /** Verifies one tenant's chain against its latest checkpoint in the database. */
    public ChainVerification verify(UUID tenantId) {
        return Objects.requireNonNull(snapshot.execute(status -> {
            systemScope.enterForTransaction();
            return verify(tenantId, checkpoints.findLatest(tenantId).orElse(null));
        }));
    }

    /**
     * Verifies one tenant's chain against a checkpoint kept outside the database (from the log, or exported
     * by an administrator): the way to catch a chain cut short by someone who also deleted its checkpoints.
     */
    public ChainVerification verifyAgainst(AuditCheckpoint kept) {
        return Objects.requireNonNull(snapshot.execute(status -> {
            systemScope.enterForTransaction();
            return verify(kept.tenantId(), kept);
        }));
    }

    private ChainVerification verify(UUID tenantId, @Nullable AuditCheckpoint checkpoint) {
        ChainVerifier verifier = ChainVerifier.fromStart(mac, checkpoint == null ? null : ChainHead.of(checkpoint));
        entries.streamChain(tenantId, verifier.startIndex(), verifier::accept);
        return new ChainVerification(
                tenantId, verifier.entriesChecked(), verifier.finish().orElse(null), checkpoint);
    }
}
