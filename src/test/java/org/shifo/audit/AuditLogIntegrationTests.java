package org.shifo.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.shifo.audit.AuditTampering.dba;
import static org.shifo.audit.AuditTampering.inTenant;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.shifo.platform.CurrentRequest;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

@IntegrationTest
class AuditLogIntegrationTests {

    @Autowired
    AuditLog auditLog;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    MeterRegistry meters;

    private final UUID tenant = UUID.randomUUID();

    /** A transaction in the tenant's scope, as a use case of one of its staff members runs. */
    private void inTransaction(Consumer<TransactionStatus> work) {
        inTenant(tenant, () -> transaction.executeWithoutResult(work));
    }

    @AfterEach
    void leaveTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    private long entries() {
        return dba().sql("SELECT count(*) FROM audit.entries WHERE tenant_id = :tenant")
                .param("tenant", tenant)
                .query(Long.class)
                .single();
    }

    private Map<String, @Nullable Object> onlyEntry() {
        return dba().sql(
                        """
                        SELECT actor_type, actor_id, actor_name, action, target_type, target_id, outcome,
                               host(client_ip) AS client_ip, request_id, details::text AS details, occurred_at,
                               chain_index, mac
                        FROM audit.trail WHERE tenant_id = :tenant
                        """)
                .param("tenant", tenant)
                .query()
                .singleRow();
    }

    private static void servingRequest(String requestId, String remoteAddress) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/patients/1");
        request.setAttribute(CurrentRequest.REQUEST_ID_ATTRIBUTE, requestId);
        request.setRemoteAddr(remoteAddress);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    @Test
    void recordsTheEventUnsealedInTheCallersTransaction() {
        UUID patient = UUID.randomUUID();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);

        inTransaction(status ->
                auditLog.record(AuditEventFixtures.patientRead(tenant, patient).withDetail("branchId", "b-1")));

        Map<String, @Nullable Object> row = onlyEntry();
        assertThat(row)
                .containsEntry("actor_type", "USER")
                .containsEntry("actor_id", AuditEventFixtures.RECEPTIONIST_ID)
                .containsEntry("actor_name", "Dilnoza Karimova")
                .containsEntry("action", "patient.read")
                .containsEntry("target_type", "patient")
                .containsEntry("target_id", patient.toString())
                .containsEntry("outcome", "SUCCESS")
                .containsEntry("details", "{\"branchId\": \"b-1\"}")
                .containsEntry("chain_index", null)
                .containsEntry("mac", null);
        assertThat(((Timestamp) Objects.requireNonNull(row.get("occurred_at"))).toInstant())
                .isAfterOrEqualTo(before);
    }

    @Test
    void leavesNothingWhenTheCallersTransactionRollsBack() {
        inTransaction(status -> {
            auditLog.record(AuditEventFixtures.patientRead(tenant));
            status.setRollbackOnly();
        });

        assertThat(entries()).isZero();
    }

    @Test
    void refusesToRecordOutsideATransaction() {
        assertThatExceptionOfType(IllegalTransactionStateException.class)
                .isThrownBy(() -> auditLog.record(AuditEventFixtures.patientRead(tenant)));
        assertThat(entries()).isZero();
    }

    @Test
    void refusesToRecordInAReadOnlyTransaction() {
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);

        assertThatIllegalStateException()
                .isThrownBy(() -> readOnly.executeWithoutResult(
                        status -> auditLog.record(AuditEventFixtures.patientRead(tenant))))
                .withMessageContaining("read-write transaction");
    }

    @Test
    void recordsADenialIndependentlyOfTheCallersRollback() {
        inTransaction(status -> {
            auditLog.recordIndependently(AuditEventFixtures.patientReadDenied(tenant, AuditActor.anonymous()));
            status.setRollbackOnly();
        });

        assertThat(onlyEntry())
                .containsEntry("outcome", "DENIED")
                .containsEntry("actor_type", "ANONYMOUS")
                .containsEntry("actor_id", null);
    }

    @Test
    void recordsIndependentlyOutsideAnyTransaction() {
        inTenant(tenant, () -> auditLog.recordIndependently(AuditEventFixtures.invoiceReconciled(tenant)));

        assertThat(onlyEntry())
                .containsEntry("actor_type", "SYSTEM")
                .containsEntry("actor_name", "billing-reconciliation");
    }

    @Test
    void takesTheRequestIdAndClientAddressFromTheRequestBeingServed() {
        servingRequest("req-7f3a", "203.0.113.9");

        inTransaction(status -> auditLog.record(AuditEventFixtures.patientRead(tenant)));

        assertThat(onlyEntry()).containsEntry("request_id", "req-7f3a").containsEntry("client_ip", "203.0.113.9");
    }

    @Test
    void keepsTheRequestIdAndClientAddressTheEventBrings() {
        servingRequest("req-7f3a", "203.0.113.9");

        inTransaction(
                status -> auditLog.record(AuditEventFixtures.patientRead(tenant).withRequest("job-42", "2001:db8::1")));

        assertThat(onlyEntry()).containsEntry("request_id", "job-42").containsEntry("client_ip", "2001:db8::1");
    }

    @Test
    void dropsAPeerAddressThatIsNotAnIpLiteral() {
        servingRequest("req-7f3a", "unknown");

        inTransaction(status -> auditLog.record(AuditEventFixtures.patientRead(tenant)));

        assertThat(onlyEntry()).containsEntry("client_ip", null).containsEntry("request_id", "req-7f3a");
    }

    @Test
    void recordsNoRequestOutsideAnHttpRequest() {
        inTransaction(status -> auditLog.record(AuditEventFixtures.invoiceReconciled(tenant)));

        assertThat(onlyEntry()).containsEntry("client_ip", null).containsEntry("request_id", null);
    }

    @Nested
    class ReadsOutsideATransaction {

        @Test
        void returnOnceTheEntryIsCommitted() {
            servingRequest("req-read-1", "203.0.113.9");
            UUID patient = UUID.randomUUID();

            inTenant(tenant, () -> auditLog.recordRead(AuditEventFixtures.patientRead(tenant, patient)));

            assertThat(onlyEntry())
                    .containsEntry("action", "patient.read")
                    .containsEntry("target_id", patient.toString())
                    .containsEntry("actor_id", AuditEventFixtures.RECEPTIONIST_ID)
                    .containsEntry("request_id", "req-read-1")
                    .containsEntry("client_ip", "203.0.113.9")
                    .containsEntry("chain_index", null);
        }

        @Test
        void refuseAnotherTenantsEntry() {
            UUID otherTenant = UUID.randomUUID();

            assertThatIllegalStateException()
                    .isThrownBy(() ->
                            inTenant(tenant, () -> auditLog.recordRead(AuditEventFixtures.patientRead(otherTenant))))
                    .withMessageContaining("tenant in scope");
            assertThat(dba().sql("SELECT count(*) FROM audit.entries WHERE tenant_id = :tenant")
                            .param("tenant", otherTenant)
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void writeALoneReadAtOnceInABatchOfItsOwn() {
            DistributionSummary batches = meters.get("shifo.audit.read.batch").summary();
            long batchesBefore = batches.count();
            double entriesBefore = batches.totalAmount();

            inTenant(tenant, () -> auditLog.recordRead(AuditEventFixtures.patientRead(tenant)));

            assertThat(entries()).isEqualTo(1);
            assertThat(batches.count() - batchesBefore).isEqualTo(1);
            assertThat(batches.totalAmount() - entriesBefore).isEqualTo(1.0);
        }

        @Test
        void recordEveryReadOfManyConcurrentCallers() throws Exception {
            DistributionSummary batches = meters.get("shifo.audit.read.batch").summary();
            long batchesBefore = batches.count();
            int callers = 32;
            int readsEach = 20;
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int c = 0; c < callers; c++) {
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < readsEach; i++) {
                            inTenant(tenant, () -> auditLog.recordRead(AuditEventFixtures.patientRead(tenant)));
                        }
                    }));
                }
                for (Future<?> future : work) {
                    future.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(entries()).isEqualTo((long) callers * readsEach);
            // concurrent readers share statements (group commit)
            assertThat(batches.count() - batchesBefore).isLessThan((long) callers * readsEach);
        }

        @Test
        void commitWhileEveryConnectionOfTheApplicationsPoolIsTaken() throws Exception {
            // the batch writer has a connection of its own: readers holding (or queueing for) every pooled
            // connection do not keep their own entries from being committed
            List<Connection> held = new ArrayList<>();
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                // every connection the background jobs do not hold (some hold one for good, a LISTEN for one)
                HikariPoolMXBean pool = Objects.requireNonNull(dataSource.getHikariPoolMXBean());
                while (pool.getTotalConnections() < dataSource.getMaximumPoolSize() || pool.getIdleConnections() > 0) {
                    held.add(dataSource.getConnection());
                }
                Future<?> read = caller.submit(
                        () -> inTenant(tenant, () -> auditLog.recordRead(AuditEventFixtures.patientRead(tenant))));
                read.get(10, TimeUnit.SECONDS);
            } finally {
                caller.shutdownNow();
                for (Connection connection : held) {
                    connection.close();
                }
            }

            assertThat(entries()).isEqualTo(1);
        }

        @Test
        void joinTheCallersTransactionWhenThereIsOne() {
            inTransaction(status -> {
                auditLog.recordRead(AuditEventFixtures.patientRead(tenant));
                status.setRollbackOnly();
            });

            assertThat(entries()).isZero();
        }
    }
}
