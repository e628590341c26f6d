package org.shifo.notifications.settings;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An organization's notification settings.
 *
 * @param quietFrom start of the quiet hours, in each branch's local time (no non-urgent message from then)
 * @param quietUntil end of the quiet hours (before {@code quietFrom} when they span midnight, as by default)
 * @param reminderOffsets minutes before an appointment at which reminders go out, largest first (0 to 5)
 * @param perChatPerSecond Telegram messages per second to one chat (spec 1.4: 1)
 * @param perBotPerSecond Telegram messages per second of the organization's bot overall (spec 1.4: about 30)
 * @param updatedAt when an administrator last changed them; {@code null} for the defaults
 */
public record NotificationSettings(
        LocalTime quietFrom,
        LocalTime quietUntil,
        List<Integer> reminderOffsets,
        int perChatPerSecond,
        int perBotPerSecond,
        @Nullable Instant updatedAt) {

    public static final NotificationSettings DEFAULTS =
            new NotificationSettings(LocalTime.of(22, 0), LocalTime.of(8, 0), List.of(1440, 120), 1, 30, null);

    public NotificationSettings {
        Objects.requireNonNull(quietFrom, "quietFrom");
        Objects.requireNonNull(quietUntil, "quietUntil");
        reminderOffsets = List.copyOf(reminderOffsets);
    }
}
