package org.shifo.scheduling.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shifo.identity.BranchId;

class WorkingTimeTests {

    static final BranchId BRANCH = new BranchId(UUID.randomUUID());
    static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static BranchTemplate template(ZoneId zone, DayHours... days) {
        return new BranchTemplate(BRANCH, zone, List.of(days), Set.of());
    }

    static DayHours day(DayOfWeek day, int from, int to, MinuteRange... breaks) {
        return new DayHours(day, new MinuteRange(from, to), List.of(breaks));
    }

    static List<String> starts(List<WorkingTime.Slot> slots) {
        return slots.stream()
                .map(s -> s.start().atZone(s.zone()).format(DateTimeFormatter.ISO_OFFSET_TIME))
                .toList();
    }

    static List<WorkingTime.Slot> slots(
            LocalDate date,
            BranchTemplate template,
            int minutes,
            List<ScheduleException> exceptions,
            List<WorkingTime.Span> busy) {
        List<WorkingInterval> intervals =
                WorkingTime.on(date, List.of(template), exceptions, Map.of(BRANCH, template.zone()));
        return WorkingTime.freeSlots(intervals, minutes, busy, Instant.EPOCH);
    }

    @Test
    void laysSlotsOnTheServiceGridAroundABreak() {
        LocalDate monday = LocalDate.of(2026, 12, 7);
        List<WorkingTime.Slot> slots = slots(
                monday,
                template(TASHKENT, day(DayOfWeek.MONDAY, 9 * 60, 11 * 60, new MinuteRange(600, 615))),
                20,
                List.of(),
                List.of());

        assertThat(starts(slots))
                .containsExactly(
                        "09:00:00+05:00", "09:20:00+05:00", "09:40:00+05:00", "10:15:00+05:00", "10:35:00+05:00");
    }

    @Test
    void leavesOutBookedTimeAndOtherWeekdays() {
        LocalDate monday = LocalDate.of(2026, 12, 7);
        Instant nine20 = monday.atTime(9, 20).atZone(TASHKENT).toInstant();
        List<WorkingTime.Slot> slots = slots(
                monday,
                template(TASHKENT, day(DayOfWeek.MONDAY, 9 * 60, 10 * 60), day(DayOfWeek.TUESDAY, 0, 1440)),
                20,
                List.of(),
                List.of(new WorkingTime.Span(nine20, nine20.plusSeconds(15 * 60))));

        assertThat(starts(slots)).containsExactly("09:00:00+05:00", "09:40:00+05:00");
    }

    @Test
    void absencesRemoveTimeAndExtraShiftsAddIt() {
        LocalDate monday = LocalDate.of(2026, 12, 7);
        ScheduleException sick = new ScheduleException(
                UUID.randomUUID(),
                ExceptionKind.SICK_LEAVE,
                monday.atTime(9, 0).atZone(TASHKENT).toInstant(),
                monday.atTime(10, 0).atZone(TASHKENT).toInstant(),
                null,
                null);
        ScheduleException shift = new ScheduleException(
                UUID.randomUUID(),
                ExceptionKind.EXTRA_SHIFT,
                monday.atTime(18, 0).atZone(TASHKENT).toInstant(),
                monday.atTime(19, 0).atZone(TASHKENT).toInstant(),
                BRANCH,
                null);

        List<WorkingTime.Slot> slots = slots(
                monday,
                template(TASHKENT, day(DayOfWeek.MONDAY, 9 * 60, 11 * 60)),
                30,
                List.of(sick, shift),
                List.of());

        assertThat(starts(slots))
                .containsExactly("10:00:00+05:00", "10:30:00+05:00", "18:00:00+05:00", "18:30:00+05:00");
    }

    @Test
    void aVacationTakesTheWholeDay() {
        LocalDate monday = LocalDate.of(2026, 12, 7);
        ScheduleException vacation = new ScheduleException(
                UUID.randomUUID(),
                ExceptionKind.VACATION,
                monday.atStartOfDay(TASHKENT).toInstant(),
                monday.plusDays(5).atStartOfDay(TASHKENT).toInstant(),
                null,
                null);

        assertThat(slots(
                        monday, template(TASHKENT, day(DayOfWeek.MONDAY, 540, 1080)), 20, List.of(vacation), List.of()))
                .isEmpty();
    }

    @Test
    void anIntervalAcrossTheSpringForwardChangeIsAnHourShorterInRealTime() {
        LocalDate change = LocalDate.of(2027, 3, 28); // a Sunday: 02:00 CET becomes 03:00 CEST
        List<WorkingTime.Slot> slots =
                slots(change, template(BERLIN, day(DayOfWeek.SUNDAY, 60, 240)), 20, List.of(), List.of());

        assertThat(starts(slots))
                .containsExactly(
                        "01:00:00+01:00",
                        "01:20:00+01:00",
                        "01:40:00+01:00",
                        "03:00:00+02:00",
                        "03:20:00+02:00",
                        "03:40:00+02:00");
    }

    @Test
    void anIntervalAcrossTheFallBackChangeIsAnHourLongerInRealTime() {
        LocalDate change = LocalDate.of(2027, 10, 31); // a Sunday: 03:00 CEST becomes 02:00 CET
        List<WorkingTime.Slot> slots =
                slots(change, template(BERLIN, day(DayOfWeek.SUNDAY, 60, 240)), 30, List.of(), List.of());

        assertThat(starts(slots))
                .containsExactly(
                        "01:00:00+02:00",
                        "01:30:00+02:00",
                        "02:00:00+02:00",
                        "02:30:00+02:00",
                        "02:00:00+01:00",
                        "02:30:00+01:00",
                        "03:00:00+01:00",
                        "03:30:00+01:00");
    }

    @Test
    void ordinaryHoursOnADaylightSavingDayKeepTheirLocalTimes() {
        LocalDate change = LocalDate.of(2027, 3, 28);
        List<WorkingTime.Slot> slots =
                slots(change, template(BERLIN, day(DayOfWeek.SUNDAY, 540, 600)), 30, List.of(), List.of());

        assertThat(starts(slots)).containsExactly("09:00:00+02:00", "09:30:00+02:00");
    }

    @Test
    void tellsWhetherAStartIsOnTheGrid() {
        Instant start = Instant.parse("2026-12-07T04:00:00Z");
        WorkingInterval interval = new WorkingInterval(BRANCH, TASHKENT, start, start.plusSeconds(3600));

        assertThat(interval.onGrid(start.plusSeconds(40 * 60), 20)).isTrue();
        assertThat(interval.onGrid(start.plusSeconds(30 * 60), 20)).isFalse();
        assertThat(interval.onGrid(start.minusSeconds(20 * 60), 20)).isFalse();
    }
}
