package org.shifo.scheduling.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.scheduling.booking.AppointmentBook;
import org.shifo.scheduling.domain.WorkingTime;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A calendar as a table: a column per practitioner (day view) or per date (week view), a row per start time in
 * the branch's time zone. A cell holds the appointments starting then and, when the time is free, a link that
 * opens the booking form for it. Status is written out as well as coloured.
 */
record ScheduleGrid(List<Column> columns, List<Row> rows) {

    /** What one column shows: its heading, an optional link on it, its appointments and free slots. */
    record Column(
            String heading,
            @Nullable String link,
            UUID practitionerId,
            List<AppointmentBook.View> appointments,
            List<WorkingTime.Slot> slots) {}

    record Row(String time, List<Cell> cells) {}

    record Cell(List<Card> cards, @Nullable Free free) {}

    /** An appointment in a cell. */
    record Card(String id, String from, String to, String patient, String service, String status) {

        /** The CSS class of the status colour. */
        public String statusClass() {
            return "status-" + status.toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A free slot: its time and the booking form it opens. */
    record Free(String time, String href) {}

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    static ScheduleGrid of(List<Column> columns, ZoneId zone, @Nullable UUID serviceId) {
        TreeSet<String> times = new TreeSet<>();
        for (Column column : columns) {
            column.appointments()
                    .forEach(v ->
                            times.add(SchedulingPageText.time(v.appointment().start(), zone)));
            column.slots().forEach(s -> times.add(SchedulingPageText.time(s.start(), zone)));
        }
        List<Row> rows = new ArrayList<>();
        for (String time : times) {
            List<Cell> cells = new ArrayList<>();
            for (Column column : columns) {
                List<Card> cards = column.appointments().stream()
                        .filter(v -> SchedulingPageText.time(v.appointment().start(), zone)
                                .equals(time))
                        .map(v -> card(v, zone))
                        .toList();
                Free free = column.slots().stream()
                        .filter(s -> SchedulingPageText.time(s.start(), zone).equals(time))
                        .findFirst()
                        .map(s -> new Free(
                                time,
                                bookingLink(
                                        column.practitionerId(),
                                        serviceId,
                                        s.start(),
                                        s.branch().value())))
                        .orElse(null);
                cells.add(new Cell(cards, free));
            }
            rows.add(new Row(time, cells));
        }
        return new ScheduleGrid(columns, rows);
    }

    static Card card(AppointmentBook.View view, ZoneId zone) {
        var a = view.appointment();
        return new Card(
                a.id().toString(),
                SchedulingPageText.time(a.start(), zone),
                SchedulingPageText.time(a.end(), zone),
                view.patient() == null ? "—" : view.patient().displayName(),
                view.serviceName() == null ? "—" : view.serviceName(),
                a.status().name());
    }

    static String bookingLink(UUID practitionerId, @Nullable UUID serviceId, Instant start, UUID branchId) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/appointments/new")
                .queryParam("practitionerId", practitionerId)
                .queryParam("start", start.toString())
                .queryParam("branchId", branchId);
        if (serviceId != null) {
            link.queryParam("serviceId", serviceId);
        }
        return link.encode().build().toUriString();
    }
}
