package org.shifo.notifications.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The engine's Prometheus metrics: {@code shifo_notifications_outcomes_total{channel, outcome, reason}} (outcome:
 * sent, retry_after, transient, dead, cancelled, uncertain, released) and {@code shifo_notifications_due} (rows due
 * now or overdue in every organization, refreshed by the workers every two seconds).
 */
@Component
class DeliveryMetrics {

    private final MeterRegistry registry;
    private final AtomicLong due = new AtomicLong();

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("shifo.notifications.due", due, AtomicLong::get)
                .description("Notification rows due now or overdue")
                .register(registry);
    }

    void count(String channel, String outcome, String reason) {
        Counter.builder("shifo.notifications.outcomes")
                .description("Notification delivery outcomes")
                .tag("channel", channel)
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    void due(long rows) {
        due.set(rows);
    }
}
