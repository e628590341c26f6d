package org.shifo.audit.jobs;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.persistence.Entries;
import org.shifo.audit.persistence.SystemScope;
import org.shifo.platform.DedicatedConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the read entries of many requests together: one thread takes whatever entries are waiting, inserts
 * them with one statement that commits on its own, then releases their callers. Each caller
 * waits until its entry is committed, so a read is never answered before its entry is in the database; the
 * per-entry cost of a statement, a transaction and a commit is shared by every entry of the batch. The commit
 * does not wait for the disk flush (asynchronous commit, as read entries had before they were batched): only a
 * crash within a few hundred milliseconds can lose a batch, and the chain stays intact, since only committed
 * entries are sealed.
 *
 * <p>The transaction spans tenants (the system scope): {@code AuditLog} checks each entry's tenant against the
 * caller's scope before queueing it. Before the application has started and after it stopped, an entry is
 * written at once in a transaction of its own.
 *
 * <p>The writer has a connection of its own ({@link DedicatedConnections}, pool {@code shifo-audit}): with a
 * shared pool it queued behind the very requests that wait for it whenever the pool was busy, so every
 * waiting read waited for the pool as well (see bench/README.md). That connection's session is set once to
 * what each batch needs ({@link #SESSION}), so a batch is one statement in autocommit: one round trip.
 *
 * <p>Group commit: after a batch that held more than one entry (reads are arriving faster than batches are
 * written), the writer waits for more, so that the statement's fixed cost is shared by more entries: until
 * {@code shifo.audit.read-batch-target} (16) entries are waiting, or for {@code shifo.audit.read-batch-linger}
 * (10 ms) at most, whichever comes first. Waiting longer than that gains little (the fixed cost is already
 * shared sixteen ways) and holds back more readers: with most of the clients parked on their entries, the
 * processors ran out of work (see bench/README.md). After a batch of one it writes at once: a quiet clinic's
 * reads never wait for company that is not coming. The sizes of the batches are published as the metric
 * {@code shifo.audit.read.batch}.
 */
@Component
public class ReadEntryBatcher implements SmartLifecycle {

    /** Stops after the web server and before the scheduler's last sealing pass (see AuditScheduler.PHASE). */
    static final int PHASE = AuditScheduler.PHASE + 1;

    /** At most this many entries per statement. */
    static final int MAX_BATCH = 500;

    /** A caller gives up after this long (a stuck database); its request then fails instead of hanging. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ReadEntryBatcher.class);

    /**
     * The writer's session: every tenant's entries ({@code AuditLog} checks each entry's tenant against its
     * caller's scope before queueing it) and commits that do not wait for the WAL flush: what {@link
     * InSharedTransaction} sets for each transaction on a shared connection.
     */
    static final String SESSION =
            "SELECT set_config('shifo.system', 'on', false), set_config('synchronous_commit', 'off', false)";

    private final Writing shared;
    private final DedicatedConnections connections;
    private final long lingerNanos;
    private final int target;
    private final Linger linger = new Linger();
    private final DistributionSummary batchSizes;
    private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private volatile @Nullable Thread writer;
    private @Nullable HikariDataSource ownPool;

    public ReadEntryBatcher(
            Entries entries,
            SystemScope systemScope,
            PlatformTransactionManager transactions,
            DedicatedConnections connections,
            AuditSettings settings,
            MeterRegistry meters) {
        this.shared = new InSharedTransaction(entries, systemScope, new TransactionTemplate(transactions));
        this.connections = connections;
        this.lingerNanos = settings.readBatchLinger().toNanos();
        this.target = Math.min(settings.readBatchTarget(), MAX_BATCH);
        this.batchSizes = DistributionSummary.builder("shifo.audit.read.batch")
                .description("Audit read entries written per statement")
                .baseUnit("entries")
                .register(meters);
    }

    /** What a batch is written with. */
    private sealed interface Writing {

        void write(List<Entries.NewEntry> batch);
    }

    /** The application's pool, in a transaction that sets what the batch needs. */
    private record InSharedTransaction(Entries entries, SystemScope systemScope, TransactionTemplate transaction)
            implements Writing {

        @Override
        public void write(List<Entries.NewEntry> batch) {
            transaction.executeWithoutResult(status -> {
                systemScope.enterForTransaction(); // a batch holds entries of several tenants, checked by AuditLog
                // committed, hence visible and sealable, at once; on disk with the next WAL flush (docs/audit.md)
                entries.commitWithoutFlushUnlessWritten();
                entries.insertAll(batch);
            });
        }
    }

    /** The writer's own connection, whose session has what the batch needs already ({@link #SESSION}). */
    private record OnOwnConnection(Entries entries) implements Writing {

        static OnOwnConnection over(DataSource ownConnection) {
            return new OnOwnConnection(new Entries(JdbcClient.create(ownConnection)));
        }

        @Override
        public void write(List<Entries.NewEntry> batch) {
            entries.insertAll(batch); // one statement, committed on its own
        }
    }

    private record Waiting(Entries.NewEntry entry, CompletableFuture<Void> committed) {}

    /** Inserts the entry and returns once it is committed; throws what the insert threw. */
    public void insert(Entries.NewEntry entry) {
        if (!running) {
            shared.write(List.of(entry));
            return;
        }
        Waiting waiting = new Waiting(entry, new CompletableFuture<>());
        queue.add(waiting);
        linger.arrived(queue.size());
        if (!running && queue.remove(waiting)) {
            shared.write(List.of(entry)); // stopped meanwhile: the writer may be gone
            return;
        }
        try {
            waiting.committed().get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new CompletionException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the audit entry was not committed within " + MAX_WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the audit entry was being written", e);
        }
    }

    private void writeBatches(Writing writing) {
        List<Waiting> batch = new ArrayList<>(MAX_BATCH);
        boolean busy = false; // the last batch had company: more reads are arriving than batches are written
        while (running || !queue.isEmpty()) {
            try {
                Waiting first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (busy && running) {
                    gather(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                queue.drainTo(batch);
            }
            busy = batch.size() > 1;
            batchSizes.record(batch.size());
            try {
                writing.write(batch.stream().map(Waiting::entry).toList());
                batch.forEach(waiting -> waiting.committed().complete(null));
            } catch (RuntimeException e) {
                log.warn(
                        "Writing {} audit read entries failed ({})",
                        batch.size(),
                        e.getClass().getName());
                batch.forEach(waiting -> waiting.committed().completeExceptionally(e));
            }
            batch.clear();
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /**
     * Adds what arrives to the batch until it holds the target or the linger time (from now) is over, then
     * whatever else is waiting, up to a full batch.
     */
    private void gather(List<Waiting> batch) throws InterruptedException {
        linger.await(queue::size, target - batch.size(), lingerNanos);
        queue.drainTo(batch, MAX_BATCH - batch.size());
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        HikariDataSource pool = connections.open("audit", 1, SESSION).orElse(null);
        ownPool = pool;
        Writing writing = pool == null ? shared : OnOwnConnection.over(pool);
        running = true;
        writer = Thread.ofPlatform().name("audit-read-entries").daemon(true).start(() -> writeBatches(writing));
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false; // the writer drains what is queued, then ends
        Thread thread = writer;
        writer = null;
        if (thread != null) {
            try {
                thread.join(MAX_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        HikariDataSource pool = ownPool;
        ownPool = null;
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
