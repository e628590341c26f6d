package org.shifo.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a killed Shifo leaves in its cluster directory, so that the next start succeeds.
 *
 * <p>After {@code kill -9} of the JVM the postmaster it started keeps running (it is not a child that
 * dies with its parent) and keeps {@code postmaster.pid}; a start would then fail with "another server
 * might be running". A postmaster still serving this directory is asked to shut down fast (SIGINT is
 * PostgreSQL's "fast" shutdown: roll back, checkpoint, exit), and a pid file naming a process that is
 * gone, or one that is not a postgres at all (a recycled pid), is removed.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private StalePostmaster() {}

    static void clear(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<Long> pid = readPid(pidFile);
        Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isPresent() && isPostgres(process.get())) {
            log.warn(
                    "A PostgreSQL left running by an earlier Shifo (pid {}) still holds {}; stopping it",
                    pid.get(),
                    cluster);
            stop(process.get());
        }
        if (Files.deleteIfExists(pidFile)) {
            log.info("Removed the stale postmaster.pid from {}", cluster);
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info()
                .command()
                .map(command -> Path.of(command).getFileName().toString().startsWith("postgres"))
                .orElse(true);
    }

    private static void stop(ProcessHandle process) throws IOException {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            Instant deadline = Instant.now().plus(SHUTDOWN_WAIT);
            while (process.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            if (process.isAlive()) {
                log.warn("PostgreSQL pid {} ignored a fast shutdown for {}; killing it", process.pid(), SHUTDOWN_WAIT);
                process.destroyForcibly();
                process.onExit().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping a stale PostgreSQL", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("Could not wait for a stale PostgreSQL to exit", e);
        }
    }
}
