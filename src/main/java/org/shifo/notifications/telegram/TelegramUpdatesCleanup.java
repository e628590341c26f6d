package org.shifo.notifications.telegram;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.shifo.identity.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgets processed Telegram updates older than {@link #KEPT} ({@code telegram_updates} only guards against
 * redeliveries, which Telegram stops after 24 hours): a db-scheduler recurring task ({@code telegram-updates-cleanup}),
 * daily at 03:30 Tashkent time on one node of the cluster.
 */
@Configuration(proxyBeanMethods = false)
class TelegramUpdatesCleanup {

    static final String TASK = "telegram-updates-cleanup";

    /** How long a processed update_id is kept. */
    static final Duration KEPT = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(TelegramUpdatesCleanup.class);

    @Bean
    RecurringTask<Void> telegramUpdatesCleanupTask(BotStore store, Clock clock, TransactionTemplate transactions) {
        return Tasks.recurring(TASK, Schedules.daily(ZoneId.of("Asia/Tashkent"), LocalTime.of(3, 30)))
                .execute((instance, context) -> {
                    int forgotten =
                            TenantContext.callAsSystem(() -> java.util.Objects.requireNonNull(transactions.execute(
                                    tx -> store.forgetUpdates(clock.instant().minus(KEPT)))));
                    log.info("Forgot {} processed Telegram updates", forgotten);
                });
    }
}
