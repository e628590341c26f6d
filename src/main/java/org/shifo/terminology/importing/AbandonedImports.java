package org.shifo.terminology.importing;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Marks FAILED the imports a stopped node left RUNNING: when this node starts, and every minute after (a node
 * that stopped in a cluster is noticed by the others too). An import in progress saves its progress every few
 * thousand codes, so one silent for {@link TerminologySettings#abandonedAfter()} has no node behind it.
 */
@Component
class AbandonedImports {

    private static final Logger log = LoggerFactory.getLogger(AbandonedImports.class);

    private final CodeSetImports imports;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("terminology-import-watch").factory());

    AbandonedImports(CodeSetImports imports) {
        this.imports = imports;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartup() {
        sweep();
        timer.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
    }

    private void sweep() {
        try {
            imports.failAbandoned();
        } catch (RuntimeException e) {
            log.warn("Could not look for abandoned terminology imports", e);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
