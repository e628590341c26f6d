package org.shifo.audit.jobs;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.domain.ChainMac;
import org.shifo.audit.domain.ChainSealing;
import org.shifo.audit.domain.EntryContent;
import org.shifo.audit.domain.Seal;
import org.shifo.audit.persistence.AdvisoryLocks;
import org.shifo.audit.persistence.Entries;
import org.shifo.audit.persistence.SystemScope;
import org.shifo.platform.SecretKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links committed, unsealed entries into their tenants' chains: each gets its tenant's next chain index, the
 * previous entry's MAC and its own MAC. Runs every {@code shifo.audit.seal-interval} on every node; a
 * cluster-wide lock lets one node seal at a time, so a chain never forks.
 *
 * <p>Seals go into {@code audit.seals}, so an entry is written once. The sealer finds the entries without a
 * seal among those inserted by transactions at or after a horizon: the oldest transaction that was still
 * running when it last found nothing left to seal (each entry records its transaction's id, and a BRIN index
 * on it keeps the scan to the table's tail). An entry of an older transaction is visible by then or never
 * will be, so nothing is missed, however late a transaction commits.
 *
 * <p>Entries are taken in seq order among those committed when a batch starts. A transaction that took a
 * lower seq but commits after a higher seq was sealed is simply sealed in a later batch, with a later chain
 * index: the chain records the order in which entries were sealed, which is what makes it append-only, and
 * seq and occurred_at still tell when each entry was written. Nothing waits for a straggler, so recording
 * never waits for sealing and sealing never waits for a slow request.
 */
@Component
public class AuditSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

    private final Entries entries;
    private final AdvisoryLocks locks;
    private final SystemScope systemScope;
    private final ChainMac mac;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int batchSize;

    /**
     * Every entry inserted by a transaction with a lower id is sealed. Kept in memory, and found again after a
     * restart with one scan of the entries without a seal; null until then.
     */
    private @Nullable Long horizon;

    public AuditSealer(
            Entries entries,
            AdvisoryLocks locks,
            SystemScope systemScope,
            SecretKeys keys,
            PlatformTransactionManager transactions,
            AuditSettings settings,
            ObjectProvider<Clock> clock) {
        this.entries = entries;
        this.locks = locks;
        this.systemScope = systemScope;
        this.mac = ChainMac.from(keys);
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock.getIfUnique(Clock::systemUTC);
        this.batchSize = settings.sealBatchSize();
    }

    /**
     * Seals every entry committed so far, a batch per transaction. Returns how many it sealed: 0 when there
     * was nothing to seal or another node holds the sealing lock (that node seals them).
     */
    public synchronized int sealPending() {
        int total = 0;
        while (true) {
            Optional<Pass> done = transaction.execute(status -> sealBatch());
            if (done == null || done.isEmpty()) {
                return total;
            }
            Pass pass = done.get();
            // only now that the batch committed may the next one start from the new horizon
            horizon = pass.horizon();
            total += pass.sealed();
            if (pass.sealed() < batchSize) {
                if (total > 0) {
                    log.debug("Sealed {} audit entries", total);
                }
                return total;
            }
        }
    }

    /** One batch in the current transaction; empty when another session holds the lock. */
    private Optional<Pass> sealBatch() {
        if (!locks.tryLockForTransaction(AdvisoryLocks.Lock.SEALER)) {
            return Optional.empty();
        }
        systemScope.enterForTransaction(); // every tenant's entries
        // Every transaction below this id has ended, before the statements below take their snapshots: its
        // entries are visible to them, or never will be.
        long ended = entries.findTransactionHorizon();
        Long known = horizon;
        // after a restart: the oldest entry without a seal, or the oldest running transaction if that is older
        // (an entry it inserted is not visible yet)
        long from = known != null
                ? known
                : Math.min(ended, entries.findLowestUnsealedTransaction().orElse(ended));
        // Read the unsealed entries and the chain heads after taking the lock: each statement then sees what
        // the previous lock holder committed.
        List<EntryContent> unsealed = entries.findUnsealed(from, batchSize);
        if (unsealed.isEmpty()) {
            return Optional.of(new Pass(0, Math.max(from, ended)));
        }
        Set<UUID> tenants = new LinkedHashSet<>();
        unsealed.forEach(entry -> tenants.add(entry.tenantId()));
        List<Seal> seals = ChainSealing.seal(unsealed, entries.findHeads(tenants), mac);
        entries.seal(seals, clock.instant().truncatedTo(ChronoUnit.MICROS));
        // a full batch may have left entries below the horizon unsealed: keep looking from where it started
        return Optional.of(new Pass(seals.size(), seals.size() < batchSize ? Math.max(from, ended) : from));
    }

    /**
     * What one batch did: how many entries it sealed, and the transaction id below which every entry is now
     * sealed (the next batch looks only at entries of that transaction and later).
     */
    private record Pass(int sealed, long horizon) {}
}
