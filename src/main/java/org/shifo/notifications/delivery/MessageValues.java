package org.shifo.notifications.delivery;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchTimeZones;
import org.springframework.stereotype.Component;

/**
 * Turns a row's payload into a template's values in the recipient's language: {@code startsAt} and {@code zone}
 * become {@code date} and {@code time} in the branch's local time, {@code amountTiyin} becomes {@code amount} in
 * so'm; every other payload entry is a value as it is.
 */
@Component
class MessageValues {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    Map<String, String> of(NotificationTemplate template, String language, Map<String, String> payload) {
        Map<String, String> values = new HashMap<>(payload);
        String startsAt = payload.get("startsAt");
        if (startsAt != null) {
            ZonedDateTime local = Instant.parse(startsAt).atZone(zone(payload.get("zone")));
            values.put("date", DATE.format(local));
            values.put("time", TIME.format(local));
        }
        String amount = payload.get("amountTiyin");
        if (amount != null) {
            values.put("amount", amount(Long.parseLong(amount), language));
        }
        return values;
    }

    static String amount(long tiyin, String language) {
        long som = tiyin / 100;
        long rest = Math.abs(tiyin % 100);
        String grouped = String.format(java.util.Locale.ROOT, "%,d", som).replace(',', '\u00a0');
        String number = rest == 0 ? grouped : grouped + "," + String.format(java.util.Locale.ROOT, "%02d", rest);
        return switch (language) {
            case "ru" -> number + "\u00a0сум";
            case "en" -> number + "\u00a0UZS";
            default -> number + "\u00a0soʻm";
        };
    }

    private static ZoneId zone(@Nullable String zone) {
        if (zone == null) {
            return BranchTimeZones.DEFAULT;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            return BranchTimeZones.DEFAULT;
        }
    }
}
