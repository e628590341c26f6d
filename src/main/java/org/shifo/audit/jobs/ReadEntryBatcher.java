package org.shifo.audit.jobs;

import com.zaxxer.hikari.HikariDataSource;
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
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the read entries of many requests together: one thread takes whatever entries are waiting, inserts
 * them with one statement in a transaction of its own and commits, then releases their callers. Each caller
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
 * waiting read waited for the pool as well (see bench/README.md).
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

    private final Writing shared;
    private final DedicatedConnections connections;
    private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private volatile @Nullable Thread writer;
    private @Nullable HikariDataSource ownPool;

    public ReadEntryBatcher(
            Entries entries,
            SystemScope systemScope,
            PlatformTransactionManager transactions,
            DedicatedConnections connections) {
        this.shared = new Writing(entries, systemScope, new TransactionTemplate(transactions));
        this.connections = connections;
    }

    /** What a batch is written with: the application's pool, or the writer's own connection. */
    private record Writing(Entries entries, SystemScope systemScope, TransactionTemplate transaction) {

        static Writing over(DataSource dataSource) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            return new Writing(
                    new Entries(jdbc),
                    new SystemScope(jdbc),
                    new TransactionTemplate(new JdbcTransactionManager(dataSource)));
        }

        void write(List<Entries.NewEntry> batch) {
            transaction.executeWithoutResult(status -> {
                systemScope.enterForTransaction(); // a batch holds entries of several tenants, checked by AuditLog
                // committed, hence visible and sealable, at once; on disk with the next WAL flush (docs/audit.md)
                entries.commitWithoutFlushUnlessWritten();
                entries.insertAll(batch);
            });
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
        while (running || !queue.isEmpty()) {
            try {
                Waiting first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                queue.drainTo(batch);
            }
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

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        HikariDataSource pool = connections.open("audit", 1).orElse(null);
        ownPool = pool;
        Writing writing = pool == null ? shared : Writing.over(pool);
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
