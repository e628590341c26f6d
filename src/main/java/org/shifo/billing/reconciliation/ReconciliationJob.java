package org.shifo.billing.reconciliation;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The daily reconciliation as a db-scheduler recurring task ({@code billing-reconciliation}): every day at
 * {@code shifo.billing.reconciliation.time} in its zone, on one node of the cluster, it reconciles the day before
 * the execution's scheduled time (so a late execution still reconciles the right day).
 */
@Configuration(proxyBeanMethods = false)
class ReconciliationJob {

    static final String TASK = "billing-reconciliation";

    private static final Logger log = LoggerFactory.getLogger(ReconciliationJob.class);

    @Bean
    RecurringTask<Void> billingReconciliationTask(Reconciliation reconciliation, ReconciliationSettings settings) {
        return Tasks.recurring(TASK, Schedules.daily(settings.zone(), settings.time()))
                .execute((instance, context) -> {
                    LocalDate day = context.getExecution()
                            .getExecutionTime()
                            .atZone(settings.zone())
                            .toLocalDate()
                            .minusDays(1);
                    int runs = reconciliation.runScheduled(day);
                    log.info("Reconciliation of {}: {} organizations", day, runs);
                });
    }
}
