package org.shifo.scheduling.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shifo.identity.BranchId;

/**
 * When a practitioner works on a date, and which slots of a service are free then. Pure computation over the
 * weekly templates, exceptions and busy times the caller loaded.
 *
 * <p>The date is read in each branch's own time zone; times of day become instants through {@link
 * LocalDate#atTime} and {@link java.time.LocalDateTime#atZone}, so a template hour that a daylight-saving change
 * skips moves forward to the first valid instant, and an interval that spans the change lasts one hour more or
 * less in real time. Slots are laid out in real time from each interval's start.
 */
public final class WorkingTime {

    private WorkingTime() {}

    /** A span of real time, {@code [start, end)}. */
    public record Span(Instant start, Instant end) {

        public boolean overlaps(Instant from, Instant to) {
            return start.isBefore(to) && from.isBefore(end);
        }
    }

    /** A free slot of a service, in one branch. */
    public record Slot(BranchId branch, ZoneId zone, Instant start, Instant end) {}

    /**
     * The practitioner's working intervals on {@code date}: the templates' hours of that weekday minus their
     * breaks, plus extra shifts, minus absences, merged where they touch, in time order.
     */
    public static List<WorkingInterval> on(
            LocalDate date,
            List<BranchTemplate> templates,
            List<ScheduleException> exceptions,
            Map<BranchId, ZoneId> zones) {
        List<WorkingInterval> intervals = new ArrayList<>();
        for (BranchTemplate template : templates) {
            for (DayHours hours : template.weekly()) {
                if (hours.day() != date.getDayOfWeek()) {
                    continue;
                }
                for (MinuteRange part : hours.workingParts()) {
                    Instant start = instant(date, part.start(), template.zone());
                    Instant end = instant(date, part.end(), template.zone());
                    if (start.isBefore(end)) {
                        intervals.add(new WorkingInterval(template.branch(), template.zone(), start, end));
                    }
                }
            }
        }
        for (ScheduleException shift : exceptions) {
            BranchId branch = shift.branch();
            if (shift.kind() != ExceptionKind.EXTRA_SHIFT || branch == null) {
                continue;
            }
            ZoneId zone = zones.getOrDefault(branch, ZoneId.of("Asia/Tashkent"));
            Instant dayStart = date.atStartOfDay(zone).toInstant();
            Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
            Instant start = max(shift.from(), dayStart);
            Instant end = min(shift.to(), dayEnd);
            if (start.isBefore(end)) {
                intervals.add(new WorkingInterval(branch, zone, start, end));
            }
        }
        List<WorkingInterval> merged = merge(intervals);
        for (ScheduleException absence : exceptions) {
            if (absence.kind().isAbsence()) {
                merged = subtract(merged, absence.from(), absence.to());
            }
        }
        return merged;
    }

    /**
     * The free slots of a service lasting {@code minutes} within these intervals: on each interval's grid, not
     * overlapping a busy span, starting no earlier than {@code notBefore}.
     */
    public static List<Slot> freeSlots(
            List<WorkingInterval> intervals, int minutes, List<Span> busy, Instant notBefore) {
        Duration length = Duration.ofMinutes(minutes);
        List<Span> sortedBusy =
                busy.stream().sorted(Comparator.comparing(Span::start)).toList();
        List<Slot> slots = new ArrayList<>();
        for (WorkingInterval interval : intervals) {
            for (Instant start = interval.start();
                    !start.plus(length).isAfter(interval.end());
                    start = start.plus(length)) {
                Instant end = start.plus(length);
                if (start.isBefore(notBefore)) {
                    continue;
                }
                Instant from = start;
                if (sortedBusy.stream().noneMatch(span -> span.overlaps(from, end))) {
                    slots.add(new Slot(interval.branch(), interval.zone(), start, end));
                }
            }
        }
        return slots;
    }

    /** The interval a booking {@code [start, end)} fits in entirely, if any. */
    public static Optional<WorkingInterval> containing(List<WorkingInterval> intervals, Instant start, Instant end) {
        return intervals.stream().filter(i -> i.contains(start, end)).findFirst();
    }

    static Instant instant(LocalDate date, int minute, ZoneId zone) {
        if (minute >= 1440) {
            return date.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return date.atTime(LocalTime.of(minute / 60, minute % 60)).atZone(zone).toInstant();
    }

    private static List<WorkingInterval> merge(List<WorkingInterval> intervals) {
        List<WorkingInterval> sorted = intervals.stream()
                .sorted(Comparator.comparing(WorkingInterval::start))
                .toList();
        List<WorkingInterval> merged = new ArrayList<>();
        for (WorkingInterval next : sorted) {
            if (!merged.isEmpty()) {
                WorkingInterval last = merged.getLast();
                if (last.branch().equals(next.branch()) && !next.start().isAfter(last.end())) {
                    merged.set(
                            merged.size() - 1,
                            new WorkingInterval(last.branch(), last.zone(), last.start(), max(last.end(), next.end())));
                    continue;
                }
            }
            merged.add(next);
        }
        return merged;
    }

    private static List<WorkingInterval> subtract(List<WorkingInterval> intervals, Instant from, Instant to) {
        List<WorkingInterval> rest = new ArrayList<>();
        for (WorkingInterval i : intervals) {
            if (!i.start().isBefore(to) || !from.isBefore(i.end())) {
                rest.add(i);
                continue;
            }
            if (i.start().isBefore(from)) {
                rest.add(new WorkingInterval(i.branch(), i.zone(), i.start(), from));
            }
            if (to.isBefore(i.end())) {
                rest.add(new WorkingInterval(i.branch(), i.zone(), to, i.end()));
            }
        }
        return rest;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
