package org.shifo.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.shifo.audit.domain.ChainHead;
import org.shifo.audit.domain.ChainMac;
import org.shifo.audit.domain.ChainVerifier;
import org.shifo.audit.persistence.AdvisoryLocks;
import org.shifo.audit.persistence.Checkpoints;
import org.shifo.audit.persistence.Entries;
import org.shifo.audit.persistence.SystemScope;
import org.shifo.platform.SecretKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checkpoints of each tenant's chain head (time, entry count, head MAC): taken daily by the audit jobs (or on
 * demand), written to {@code audit.checkpoints} and to the log, one line per tenant, so that a copy is kept
 * outside the database; listed for administrators.
 *
 * <p>Taking a checkpoint first verifies the entries sealed since the previous one, so a checkpoint never
 * vouches for a chain that is already broken.
 */
@Service
public class AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final Entries entries;
    private final Checkpoints checkpoints;
    private final AdvisoryLocks locks;
    private final SystemScope systemScope;
    private final ChainMac mac;
    private final Clock clock;

    public AuditCheckpoints(
            Entries entries,
            Checkpoints checkpoints,
            AdvisoryLocks locks,
            SystemScope systemScope,
            SecretKeys keys,
            ObjectProvider<Clock> clock) {
        this.entries = entries;
        this.checkpoints = checkpoints;
        this.locks = locks;
        this.systemScope = systemScope;
        this.mac = ChainMac.from(keys);
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    /**
     * Takes a checkpoint of every chain whose head moved since its latest checkpoint and that verifies from
     * there; a broken chain gets none, and an error is logged. Returns the checkpoints taken, none when
     * another node is taking them at the same moment.
     */
    @Transactional(isolation = Isolation.REPEATABLE_READ)
    public List<AuditCheckpoint> take() {
        if (!locks.tryLockForTransaction(AdvisoryLocks.Lock.CHECKPOINTS)) {
            log.info("Audit checkpoints are being taken by another node; skipped here");
            return List.of();
        }
        systemScope.enterForTransaction(); // every tenant's chain
        List<AuditCheckpoint> taken = new ArrayList<>();
        for (UUID tenantId : entries.findTenants()) {
            takeFor(tenantId).ifPresent(taken::add);
        }
        return taken;
    }

    private Optional<AuditCheckpoint> takeFor(UUID tenantId) {
        Optional<AuditCheckpoint> latest = checkpoints.findLatest(tenantId);
        ChainVerifier verifier = latest.map(checkpoint -> ChainVerifier.fromAnchor(mac, ChainHead.of(checkpoint)))
                .orElseGet(() -> ChainVerifier.fromStart(mac, null));
        entries.streamChain(tenantId, verifier.startIndex(), verifier::accept);
        Optional<ChainBreak> broken = verifier.finish();
        if (broken.isPresent()) {
            log.error(
                    "Audit chain of tenant {} is broken at chain index {} ({}): no checkpoint taken;"
                            + " run the audit verification",
                    tenantId,
                    broken.get().chainIndex(),
                    broken.get().reason());
            return Optional.empty();
        }
        ChainHead head = verifier.head();
        if (head.isEmpty() || latest.map(AuditCheckpoint::entryCount).orElse(0L) == head.chainIndex()) {
            return Optional.empty();
        }
        AuditCheckpoint checkpoint =
                checkpoints.insert(tenantId, clock.instant().truncatedTo(ChronoUnit.MICROS), head);
        log.info(
                "Audit checkpoint: tenant={} entries={} headMac={} takenAt={}",
                checkpoint.tenantId(),
                checkpoint.entryCount(),
                checkpoint.headMac(),
                checkpoint.takenAt());
        return Optional.of(checkpoint);
    }

    /** The tenant's latest checkpoint, if it has one (within the caller's tenant scope). */
    @Transactional(readOnly = true)
    public Optional<AuditCheckpoint> findLatest(UUID tenantId) {
        return checkpoints.findLatest(tenantId);
    }

    /** The tenant's checkpoints, newest first, at most {@code limit} (within the caller's tenant scope). */
    @Transactional(readOnly = true)
    public List<AuditCheckpoint> findRecent(UUID tenantId, int limit) {
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1 to 1000");
        }
        return checkpoints.findRecent(tenantId, limit);
    }

    /**
     * The latest checkpoint of every tenant: what an operator copies out of the database. Spans tenants by
     * design: callers must allow only the installation's operator.
     */
    @Transactional(readOnly = true)
    public List<AuditCheckpoint> findLatestOfEachTenant() {
        systemScope.enterForTransaction();
        return checkpoints.findLatestOfEachTenant();
    }
}
