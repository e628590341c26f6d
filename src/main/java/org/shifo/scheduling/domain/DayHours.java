package org.shifo.scheduling.domain;

import java.time.DayOfWeek;
import java.util.List;

/** One working interval of a weekday in a branch's template, with the breaks inside it. */
public record DayHours(DayOfWeek day, MinuteRange hours, List<MinuteRange> breaks) {

    public DayHours {
        breaks = List.copyOf(breaks);
    }

    /** The hours minus the breaks, in order. */
    public List<MinuteRange> workingParts() {
        List<MinuteRange> parts = new java.util.ArrayList<>();
        int from = hours.start();
        for (MinuteRange pause : breaks.stream()
                .sorted(java.util.Comparator.comparingInt(MinuteRange::start))
                .toList()) {
            if (pause.start() > from) {
                parts.add(new MinuteRange(from, pause.start()));
            }
            from = Math.max(from, pause.end());
        }
        if (from < hours.end()) {
            parts.add(new MinuteRange(from, hours.end()));
        }
        return parts;
    }
}
