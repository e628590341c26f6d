package org.shifo.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.shifo.audit.domain.EntryRules;
import org.shifo.audit.domain.IpAddressLiteral;
import org.shifo.audit.jobs.ReadEntryBatcher;
import org.shifo.audit.persistence.Entries;
import org.shifo.platform.CurrentRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Puts events on the audit trail. Every module calls {@link #record(AuditEvent)} inside the transaction of
 * the use case it audits, so the entry commits, or rolls back, with what it records.
 *
 * <p>Recording is one {@code INSERT} of an unsealed entry: it takes no lock that another request waits for.
 * Reads are recorded with {@link #recordRead}, after the read's transaction, in batches shared by requests.
 * Row-level security admits it only for the tenant in scope (the signed-in staff member's, or one entered
 * with {@code TenantContext.callAs}), so the event's tenant must be the scope's.
 * A background sealer links committed entries into their tenant's chain within seconds.
 */
@Service
public class AuditLog {

    private final Entries entries;
    private final ReadEntryBatcher batcher;
    private final RecordingScope scope;
    private final Clock clock;

    public AuditLog(Entries entries, ReadEntryBatcher batcher, RecordingScope scope, ObjectProvider<Clock> clock) {
        this.entries = entries;
        this.batcher = batcher;
        this.scope = scope;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    /**
     * Records the event in the caller's transaction; one must be active and writable.
     *
     * <p>{@link Propagation#MANDATORY}, not {@code REQUIRED}: an entry committed on its own could claim a
     * change that was then rolled back, and a caller that forgot its transaction would not notice. A use case
     * that audits a read therefore runs in a read-write transaction: an entry cannot be inserted in a {@code
     * readOnly} one, and this method says so at once instead of failing in SQL.
     *
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     * @throws IllegalStateException in a read-only transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEvent event) {
        if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            throw new IllegalStateException("AuditLog.record needs a read-write transaction: a use case that is"
                    + " audited writes its audit entry, so it cannot be @Transactional(readOnly = true)");
        }
        insert(event);
    }

    /**
     * Records the access of a use case that only reads (a patient record opened, a search). Call it after the
     * read's transaction has ended, and answer the read once it returns: by then the entry is committed.
     *
     * <p>Outside a transaction, the entry joins the read entries of other requests and all are inserted with one
     * statement in a transaction of their own (see {@code audit.jobs.ReadEntryBatcher}); the call returns when
     * that transaction has committed. The event's tenant must be the caller's ({@link RecordingScope}), as
     * row-level security demands of an entry inserted in the caller's transaction.
     *
     * <p>Inside a transaction (a read in the middle of a larger use case), the entry is inserted in it.
     *
     * <p>Either way, a transaction that wrote nothing but read entries commits without waiting for the disk flush
     * (PostgreSQL's asynchronous commit, for that transaction only): only a crash of the database server in the
     * next few hundred milliseconds can lose the entry, and the chain stays intact, because only committed
     * entries are sealed. Without this, every read would wait for a disk flush that a read does not otherwise
     * need. Entries recorded with {@link #record} keep the full guarantee.
     *
     * @throws IllegalStateException in a read-only transaction, or for another tenant than the caller's
     */
    public void recordRead(AuditEvent event) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
                throw new IllegalStateException("AuditLog.recordRead needs a read-write transaction, or none");
            }
            entries.commitWithoutFlushUnlessWritten();
            insert(event);
            return;
        }
        if (!scope.admits(event.tenantId())) {
            throw new IllegalStateException("an audit entry must be of the tenant in scope");
        }
        batcher.insert(
                new Entries.NewEntry(withCurrentRequest(event), clock.instant().truncatedTo(ChronoUnit.MICROS)));
    }

    /**
     * Records the event in a transaction of its own, committed whatever happens to the caller's: for a denial
     * or a failure whose surrounding transaction is about to roll back, and for callers outside any
     * transaction (a security filter refusing a request).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordIndependently(AuditEvent event) {
        insert(event);
    }

    private void insert(AuditEvent event) {
        // PostgreSQL keeps microseconds: truncate now, so the entry we MAC is the entry we stored.
        entries.insert(withCurrentRequest(event), clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    /** Fills the request id and client address from the HTTP request being served, when the event has none. */
    static AuditEvent withCurrentRequest(AuditEvent event) {
        String requestId = event.requestId();
        if (requestId == null) {
            requestId = CurrentRequest.requestId()
                    .filter(id -> EntryRules.IDENTIFIER.matcher(id).matches())
                    .orElse(null);
        }
        String clientAddress = event.clientAddress();
        if (clientAddress == null) {
            // a peer address that is not an IP literal (a misconfigured proxy header) is dropped, not fatal
            clientAddress = CurrentRequest.clientAddress()
                    .flatMap(IpAddressLiteral::normalize)
                    .orElse(null);
        }
        if (Objects.equals(requestId, event.requestId()) && Objects.equals(clientAddress, event.clientAddress())) {
            return event;
        }
        return event.withRequest(requestId, clientAddress);
    }
}
