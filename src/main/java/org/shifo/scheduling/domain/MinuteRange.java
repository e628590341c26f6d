package org.shifo.scheduling.domain;

/** A span of a day in minutes since midnight, {@code [start, end)}, 0 to 1440. */
public record MinuteRange(int start, int end) {

    public MinuteRange {
        if (start < 0 || end > 1440 || start >= end) {
            throw new IllegalArgumentException("minute range must lie in [0, 1440] with start < end");
        }
    }

    public boolean overlaps(MinuteRange other) {
        return start < other.end && other.start < end;
    }

    public boolean contains(MinuteRange other) {
        return start <= other.start && other.end <= end;
    }

    /** {@code HH:mm}; the end of the day is {@code 24:00}. */
    public static String format(int minute) {
        return String.format(java.util.Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }

    @Override
    public String toString() {
        return format(start) + "–" + format(end);
    }
}
