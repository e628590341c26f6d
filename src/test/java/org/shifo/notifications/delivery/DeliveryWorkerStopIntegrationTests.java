package org.shifo.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shifo.notifications.testing.NotificationFixtures.await;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stopping the worker (a node shutting down) lets the pass it is in finish: an interrupt would break off the
 * pass's statement and close its connection, and the failed rollback would be logged as an error. The pass is
 * held in a statement by a lock this test takes on the notifications table.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class DeliveryWorkerStopIntegrationTests {

    @Autowired
    DeliveryWorker worker;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void letsThePassInProgressFinishItsStatement(CapturedOutput output) throws Exception {
        assertThat(worker.isRunning()).isTrue();
        CompletableFuture<Void> stopped = null;
        try (Connection locking = dataSource.getConnection()) {
            locking.setAutoCommit(false);
            try (Statement statement = locking.createStatement()) {
                statement.execute("LOCK TABLE notifications.notifications IN ACCESS EXCLUSIVE MODE");
            }
            await("the worker's pass waiting for the lock", this::aPassWaitsForTheLock);

            stopped = CompletableFuture.runAsync(worker::stop);
            await("the worker told to stop", () -> !worker.isRunning());
            Thread.sleep(200); // time for an interrupt to break the statement off, if stop sent one
            locking.commit();
            stopped.join();
        } finally {
            if (stopped != null) {
                stopped.join();
            }
            worker.start(); // the other tests share this context and its running worker
        }

        assertThat(output)
                .doesNotContain("Notification worker pass failed")
                .doesNotContain("Application exception overridden by rollback exception");
    }

    private boolean aPassWaitsForTheLock() {
        return jdbc.sql(
                                """
                        SELECT count(*) FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND query ILIKE '%notifications.notifications%'
                        """)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
