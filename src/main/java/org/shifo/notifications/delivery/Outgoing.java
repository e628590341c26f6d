package org.shifo.notifications.delivery;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.TenantId;

/**
 * One message a {@link ChannelSender} is asked to send: a claimed notification row, rendered in the recipient's
 * language.
 *
 * @param tenant the organization (whose Telegram bot or Firebase project sends)
 * @param notificationId the row's id
 * @param channel {@code TELEGRAM} or {@code PUSH}
 * @param address the chat id (TELEGRAM) or the device id (PUSH), as stored in the row
 * @param recipientKind {@code PATIENT} or {@code STAFF}
 * @param recipientId the patient's or the staff member's id
 * @param language {@code uz}, {@code ru} or {@code en}
 * @param text the body: Telegram HTML for TELEGRAM (every inserted value escaped), plain text for PUSH
 * @param title a short title (push notifications), null when the template has none
 * @param template the template's name ({@link NotificationTemplate#key()})
 * @param payload the row's ids and facts as strings ({@code appointmentId}, {@code ticketId}, ...; never clinical
 *     text): push senders put them in FCM {@code data}
 * @param actions buttons under the message (Telegram inline keyboard; push actions), in order
 * @param urgent whether the message may be sent in quiet hours (queue calls)
 * @param idempotencyKey stable for the row across attempts ({@code notification:<id>}): a provider that
 *     deduplicates may use it
 */
public record Outgoing(
        TenantId tenant,
        UUID notificationId,
        String channel,
        String address,
        String recipientKind,
        UUID recipientId,
        String language,
        String text,
        @Nullable String title,
        String template,
        Map<String, String> payload,
        List<Action> actions,
        boolean urgent,
        String idempotencyKey) {

    public Outgoing {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(recipientKind, "recipientKind");
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        payload = Map.copyOf(payload);
        actions = List.copyOf(actions);
    }

    /**
     * A button under the message: {@code label} in the recipient's language, {@code data} what the button answers
     * (Telegram {@code callback_data}, at most 64 bytes: {@code appt:confirm:<appointmentId>}, {@code
     * appt:cancel:<appointmentId>}).
     */
    public record Action(String label, String data) {
        public Action {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(data, "data");
        }
    }
}
