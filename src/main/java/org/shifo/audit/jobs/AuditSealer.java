package org.shifo.audit.jobs;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
    public int sealPending() {
        int total = 0;
        while (true) {
            Integer sealed = transaction.execute(status -> sealBatch());
            if (sealed == null || sealed < 0) {
                return total;
            }
            total += sealed;
            if (sealed < batchSize) {
                if (total > 0) {
                    log.debug("Sealed {} audit entries", total);
                }
                return total;
            }
        }
    }

    /** One batch in the current transaction; -1 when another session holds the lock. */
    private int sealBatch() {
        if (!locks.tryLockForTransaction(AdvisoryLocks.Lock.SEALER)) {
            return -1;
        }
        systemScope.enterForTransaction(); // every tenant's entries
        // Read the unsealed entries and the chain heads after taking the lock: each statement then sees what
        // the previous lock holder committed.
        List<EntryContent> unsealed = entries.findUnsealed(batchSize);
        if (unsealed.isEmpty()) {
            return 0;
        }
        Set<UUID> tenants = new LinkedHashSet<>();
        unsealed.forEach(entry -> tenants.add(entry.tenantId()));
        List<Seal> seals = ChainSealing.seal(unsealed, entries.findHeads(tenants), mac);
        entries.seal(seals, clock.instant().truncatedTo(ChronoUnit.MICROS));
        return seals.size();
    }
}
