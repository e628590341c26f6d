package org.shifo.platform.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every db-scheduler {@link Task} bean of the application over the shared {@code scheduled_tasks} table:
 * recurring tasks are registered at start (once across nodes: the row is inserted if absent), and each due
 * execution is picked by one node only (an update of its row). Starts after the application is ready and stops
 * before the database pool closes; with {@code shifo.jobs.enabled=false} this node runs none.
 */
@Component
class JobScheduler implements SmartLifecycle {

    static final String TABLE = "public.scheduled_tasks";

    private final DataSource dataSource;
    private final List<Task<?>> tasks;
    private final JobSettings settings;
    private volatile @Nullable Scheduler scheduler;

    JobScheduler(DataSource dataSource, List<Task<?>> tasks, JobSettings settings) {
        this.dataSource = dataSource;
        this.tasks = List.copyOf(tasks);
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null || !settings.enabled() || tasks.isEmpty()) {
            return;
        }
        // recurring tasks are known to the scheduler through startTasks (which schedules them), the others directly
        List<RecurringTask<?>> recurring = new ArrayList<>();
        List<Task<?>> others = new ArrayList<>();
        for (Task<?> task : tasks) {
            if (task instanceof RecurringTask<?> each) {
                recurring.add(each);
            } else {
                others.add(task);
            }
        }
        Scheduler started = Scheduler.create(dataSource, others)
                .tableName(TABLE)
                .schedulerName(new SchedulerName.Hostname())
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .startTasks(recurring)
                .shutdownMaxWait(Duration.ofSeconds(30))
                .build();
        started.start();
        scheduler = started;
    }

    @Override
    public synchronized void stop() {
        Scheduler running = scheduler;
        scheduler = null;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
