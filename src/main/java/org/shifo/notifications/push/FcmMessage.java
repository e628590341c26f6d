package org.shifo.notifications.push;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One push to one registration token (spec 2.3): a display notification without clinical detail, data with ids
 * only (values are strings), and the delivery options: time to live, and a collapse key so a newer message of
 * the same kind replaces an older one on the device.
 */
record FcmMessage(
        String token,
        String title,
        String body,
        Map<String, String> data,
        Duration ttl,
        @Nullable String collapseKey,
        boolean highPriority) {

    FcmMessage {
        data = Map.copyOf(data);
        for (String key : data.keySet()) {
            // spec 2.3: reserved keys are refused by FCM as INVALID_ARGUMENT
            if (key.equals("from") || key.equals("gcm") || key.startsWith("google")) {
                throw new IllegalArgumentException("reserved FCM data key: " + key);
            }
        }
    }

    /** The {@code message} object of the send request. */
    Map<String, Object> toJson() {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("token", token);
        message.put("notification", Map.of("title", title, "body", body));
        message.put("data", data);
        Map<String, Object> android = new LinkedHashMap<>();
        android.put("priority", highPriority ? "HIGH" : "NORMAL");
        android.put("ttl", ttl.toSeconds() + "s");
        if (collapseKey != null) {
            android.put("collapse_key", collapseKey);
        }
        message.put("android", android);
        Map<String, String> apnsHeaders = new LinkedHashMap<>();
        apnsHeaders.put("apns-priority", highPriority ? "10" : "5");
        if (collapseKey != null) {
            apnsHeaders.put("apns-collapse-id", collapseKey);
        }
        message.put("apns", Map.of("headers", apnsHeaders));
        message.put("webpush", Map.of("headers", Map.of("TTL", Long.toString(ttl.toSeconds()))));
        return message;
    }
}
