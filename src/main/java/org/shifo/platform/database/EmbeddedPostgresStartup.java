package org.shifo.platform.database;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The embedded PostgreSQL being started on a thread of its own while Spring builds the context, so that
 * the second or so PostgreSQL needs to start overlaps with the class loading and bean definition work
 * of the context instead of following it.
 *
 * <p>{@link #claim()} hands the running server to the {@code embeddedPostgresServer} bean (which then
 * owns and stops it), waiting for it to be ready, or rethrows why it could not start. A server that was
 * never claimed, because the context failed or was closed first, is stopped when the context is destroyed.
 */
final class EmbeddedPostgresStartup implements DisposableBean {

    static final String BEAN_NAME = "shifo.embeddedPostgresStartup";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresStartup.class);

    private final Path dataDir;
    private final CompletableFuture<EmbeddedPostgresServer> server;
    private boolean claimed;

    private EmbeddedPostgresStartup(Path dataDir, CompletableFuture<EmbeddedPostgresServer> server) {
        this.dataDir = dataDir;
        this.server = server;
    }

    /** Starts (creating on first use) the cluster under {@code dataDir/postgres} on a new thread. */
    static EmbeddedPostgresStartup begin(Path dataDir) {
        CompletableFuture<EmbeddedPostgresServer> server = new CompletableFuture<>();
        Thread.ofPlatform().name("shifo-embedded-postgres").daemon(true).start(() -> {
            try {
                server.complete(EmbeddedPostgresServer.start(dataDir));
            } catch (Throwable e) {
                server.completeExceptionally(e);
            }
        });
        return new EmbeddedPostgresStartup(normalized(dataDir), server);
    }

    static Path normalized(Path dataDir) {
        return dataDir.toAbsolutePath().normalize();
    }

    /** Whether this start serves {@code dataDir}. */
    boolean serves(Path dataDir) {
        return this.dataDir.equals(normalized(dataDir));
    }

    /** Waits until the server accepts connections and hands it over; rethrows the failure to start. */
    synchronized EmbeddedPostgresServer claim() {
        if (claimed) {
            throw new IllegalStateException("The embedded PostgreSQL in " + dataDir + " was already claimed");
        }
        EmbeddedPostgresServer running = await();
        claimed = true;
        return running;
    }

    private EmbeddedPostgresServer await() {
        try {
            return server.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dataDir, cause);
        }
    }

    /** Stops a server nobody claimed, once its start has finished. */
    @Override
    public synchronized void destroy() {
        if (claimed) {
            return;
        }
        claimed = true;
        EmbeddedPostgresServer running;
        try {
            running = server.join();
        } catch (CompletionException e) {
            return; // it did not start: nothing to stop, and the failure is reported where it matters
        }
        log.info("Stopping the embedded PostgreSQL in {}: the application did not start", dataDir);
        running.close();
    }
}
