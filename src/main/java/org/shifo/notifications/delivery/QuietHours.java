package org.shifo.notifications.delivery;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** An organization's quiet hours in a branch's local time: {@code from} until {@code until}, across midnight or not. */
record QuietHours(LocalTime from, LocalTime until, ZoneId zone) {

    /** When the quiet period that {@code now} falls in ends; empty when {@code now} is not quiet. */
    Optional<Instant> endOf(Instant now) {
        if (from.equals(until)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean quiet = from.isBefore(until)
                ? !time.isBefore(from) && time.isBefore(until)
                : !time.isBefore(from) || time.isBefore(until);
        if (!quiet) {
            return Optional.empty();
        }
        ZonedDateTime end = local.with(until).withSecond(0).withNano(0);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return Optional.of(end.toInstant());
    }
}
