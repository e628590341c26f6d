package org.shifo.notifications.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.TenantContext;
import org.shifo.notifications.NotificationRoles;
import org.shifo.notifications.settings.NotificationSettings;
import org.shifo.notifications.settings.NotificationSettingsBook;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The organization's notification settings (administrators): quiet hours, reminder offsets, Telegram limits. */
@RestController
@Tag(name = "Notifications: settings")
class NotificationSettingsApiController {

    private final NotificationSettingsBook settings;

    NotificationSettingsApiController(NotificationSettingsBook settings) {
        this.settings = settings;
    }

    /** New settings; every field required. */
    record SettingsRequest(
            @Schema(description = "start of the quiet hours, branch-local, HH:MM", example = "22:00") @Nullable
                    String quietFrom,
            @Schema(description = "end of the quiet hours, branch-local, HH:MM", example = "08:00") @Nullable
                    String quietUntil,
            @Schema(description = "minutes before an appointment to remind (0 to 5, each 1 to 10080)") @Nullable
                    List<Integer> reminderOffsets,
            @Schema(description = "Telegram messages per second to one chat (1 to 30)") @Nullable
                    Integer perChatPerSecond,
            @Schema(description = "Telegram messages per second of the bot overall (1 to 1000)") @Nullable
                    Integer perBotPerSecond) {}

    /** The settings in force. */
    record SettingsResponse(
            String quietFrom,
            String quietUntil,
            List<Integer> reminderOffsets,
            int perChatPerSecond,
            int perBotPerSecond,
            @Nullable Instant updatedAt) {

        static SettingsResponse from(NotificationSettings s) {
            return new SettingsResponse(
                    NotificationSettingsBook.format(s.quietFrom()),
                    NotificationSettingsBook.format(s.quietUntil()),
                    s.reminderOffsets(),
                    s.perChatPerSecond(),
                    s.perBotPerSecond(),
                    s.updatedAt());
        }
    }

    @GetMapping("/api/v1/notifications/settings")
    @PreAuthorize(NotificationRoles.ADMINISTER)
    @Operation(summary = "The organization's notification settings (the defaults until changed)")
    SettingsResponse get() {
        return SettingsResponse.from(settings.get(TenantContext.require()));
    }

    @PutMapping("/api/v1/notifications/settings")
    @PreAuthorize(NotificationRoles.ADMINISTER)
    @Operation(summary = "Replace the organization's notification settings; 400 names each field and rule")
    SettingsResponse put(@RequestBody SettingsRequest request) {
        return SettingsResponse.from(settings.save(new NotificationSettingsBook.Change(
                request.quietFrom(),
                request.quietUntil(),
                request.reminderOffsets(),
                request.perChatPerSecond(),
                request.perBotPerSecond())));
    }
}
