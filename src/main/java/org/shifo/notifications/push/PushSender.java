package org.shifo.notifications.push;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.TenantContext;
import org.shifo.notifications.delivery.ChannelSender;
import org.shifo.notifications.delivery.NotificationTemplate;
import org.shifo.notifications.delivery.Outgoing;
import org.shifo.notifications.delivery.SendOutcome;
import org.springframework.stereotype.Component;

/**
 * The {@code PUSH} channel: the row's address is a device id; its registration token is looked up at send time
 * (a device unregistered meanwhile is "gone", never sent to), and the message goes to FCM as a display
 * notification (the rendered title and plain text: no clinical detail) with the row's ids as {@code data}. Queue
 * calls are short-lived and collapse per queue (spec 2.3); other pushes live {@code alert-ttl}.
 */
@Component
class PushSender implements ChannelSender {

    static final String CHANNEL = "PUSH";

    private final FcmClient fcm;
    private final DeviceRegistry devices;
    private final FcmSettings settings;

    PushSender(FcmClient fcm, DeviceRegistry devices, FcmSettings settings) {
        this.fcm = fcm;
        this.devices = devices;
        this.settings = settings;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public SendOutcome send(Outgoing message) {
        UUID deviceId;
        try {
            deviceId = UUID.fromString(message.address());
        } catch (IllegalArgumentException e) {
            return new SendOutcome.Permanent("PUSH_BAD_ADDRESS", false);
        }
        Optional<String> token =
                TenantContext.callAs(message.tenant(), () -> devices.tokenOf(message.tenant(), deviceId));
        if (token.isEmpty()) {
            return new SendOutcome.Permanent("PUSH_DEVICE_GONE", false);
        }
        FcmResult result = fcm.send(toFcm(message, token.get()));
        return switch (result) {
            case FcmResult.Accepted accepted -> new SendOutcome.Sent(accepted.name());
            case FcmResult.Rejected rejected -> new SendOutcome.Permanent(rejected.reason(), rejected.tokenDead());
            case FcmResult.Later later ->
                later.after() == null
                        ? new SendOutcome.Transient(later.reason())
                        : new SendOutcome.RetryAfter(later.after(), later.reason());
        };
    }

    FcmMessage toFcm(Outgoing message, String token) {
        boolean queueCall = NotificationTemplate.STAFF_QUEUE_CALLED.key().equals(message.template());
        Map<String, String> data = new LinkedHashMap<>();
        message.payload().forEach((key, value) -> {
            if (!key.equals("from") && !key.equals("gcm") && !key.startsWith("google")) {
                data.put(key, value);
            }
        });
        data.put("notificationId", message.notificationId().toString());
        data.put("template", message.template());
        String title = message.title();
        Duration ttl = queueCall ? settings.callTtl() : settings.alertTtl();
        @Nullable
        String collapse = queueCall && message.payload().containsKey("queueId")
                ? "queue-" + message.payload().get("queueId")
                : null;
        return new FcmMessage(
                token,
                title == null || title.isBlank() ? "Shifo" : title,
                message.text(),
                data,
                ttl,
                collapse,
                message.urgent());
    }
}
