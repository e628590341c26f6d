package org.shifo.notifications.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The messages the engine sends, each with the placeholders its text may use. The built-in texts are in the
 * message bundles ({@code notifications.template.<key>} and {@code notifications.template.<key>.title}); an
 * organization may override a text per language (notifications.templates). No template carries a diagnosis, a
 * value or any other clinical detail.
 */
public enum NotificationTemplate {
    APPOINTMENT_BOOKED("appointment-booked", "patient", "date", "time", "doctor", "branch"),
    APPOINTMENT_REMINDER("appointment-reminder", "patient", "date", "time", "doctor", "branch"),
    APPOINTMENT_CANCELLED("appointment-cancelled", "patient", "date", "time", "doctor", "branch"),
    APPOINTMENT_RESCHEDULED("appointment-rescheduled", "patient", "date", "time", "doctor", "branch"),
    QUEUE_NEXT("queue-next", "patient", "ticket"),
    QUEUE_CALLED("queue-called", "patient", "ticket", "room"),
    LAB_RESULTS_READY("lab-results-ready", "patient", "branch"),
    INVOICE_PAYMENT_LINK("invoice-payment-link", "patient", "amount", "link"),
    INVOICE_PAID("invoice-paid", "patient", "amount"),
    STAFF_QUEUE_CALLED("staff-queue-called", "ticket", "room"),
    STAFF_LAB_CRITICAL("staff-lab-critical");

    private final String key;
    private final List<String> placeholders;

    NotificationTemplate(String key, String... placeholders) {
        this.key = key;
        this.placeholders = List.of(placeholders);
    }

    /** The name stored in notifications.notifications.template and notifications.templates.template. */
    public String key() {
        return key;
    }

    /** The placeholders the text may use, as {@code {name}}. */
    public List<String> placeholders() {
        return placeholders;
    }

    public static Optional<NotificationTemplate> byKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }
}
