package org.shifo.scheduling.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchId;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Role;
import org.shifo.identity.StaffDirectory;
import org.shifo.scheduling.SchedulingRoles;
import org.shifo.scheduling.booking.AppointmentBook;
import org.shifo.scheduling.booking.ScheduleSetup;
import org.shifo.scheduling.booking.SchedulingContext;
import org.shifo.scheduling.booking.ServiceCatalogue;
import org.shifo.scheduling.booking.SlotFinder;
import org.shifo.scheduling.domain.BranchTemplate;
import org.shifo.scheduling.domain.SchedulingNotFoundException;
import org.shifo.scheduling.domain.SchedulingRuleException;
import org.shifo.scheduling.domain.WorkingTime;
import org.shifo.scheduling.persistence.ServiceStore;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The calendars: a branch's day (a column per practitioner), a practitioner's week, and the printable day list.
 * They show patients' names, so they need {@link SchedulingRoles#SEE_APPOINTMENTS}.
 */
@Controller
@PreAuthorize(SchedulingRoles.SEE_APPOINTMENTS)
class SchedulePageController {

    private final AppointmentBook book;
    private final SlotFinder slots;
    private final ScheduleSetup setup;
    private final ServiceCatalogue catalogue;
    private final SchedulingContext context;
    private final StaffDirectory directory;

    SchedulePageController(
            AppointmentBook book,
            SlotFinder slots,
            ScheduleSetup setup,
            ServiceCatalogue catalogue,
            SchedulingContext context,
            StaffDirectory directory) {
        this.book = book;
        this.slots = slots;
        this.setup = setup;
        this.catalogue = catalogue;
        this.context = context;
        this.directory = directory;
    }

    /** A branch the user may choose. */
    record BranchChoice(String id, String name) {}

    /** A service the user may choose. */
    record ServiceChoice(String id, String name, int durationMinutes) {}

    /** A line of the printable list. */
    record PrintLine(String from, String to, String patient, String recordNumber, String service, String status) {}

    record PrintGroup(String practitioner, List<PrintLine> lines) {}

    @GetMapping("/schedule")
    String day(
            @RequestParam(required = false) @Nullable String date,
            @RequestParam(required = false) @Nullable String branchId,
            @RequestParam(required = false) @Nullable String serviceId,
            Model model,
            Locale locale) {
        List<StaffDirectory.Branch> branches = branches();
        StaffDirectory.Branch branch = chosenBranch(branches, branchId);
        ZoneId zone = branch.timeZone();
        LocalDate today = today(zone);
        LocalDate day = date(date, today);
        List<ServiceStore.ServiceRow> services = activeServices();
        ServiceStore.ServiceRow service = chosenService(services, serviceId);
        UUID chosen = service == null ? null : service.id();
        List<AppointmentBook.View> appointments = book.list(new AppointmentBook.ListInput(
                null, branch.id().value().toString(), null, null, day.toString(), day.toString(), 1000));
        List<ScheduleGrid.Column> columns = new ArrayList<>();
        for (ScheduleSetup.PractitionerSchedule p : setup.practitioners(branch.id())) {
            if (!p.practitioner().active()) {
                continue;
            }
            UUID id = p.practitioner().id().value();
            columns.add(new ScheduleGrid.Column(
                    p.practitioner().fullName(),
                    "/schedule/practitioners/" + id + "?week=" + day,
                    id,
                    appointments.stream()
                            .filter(v -> v.appointment().practitioner().value().equals(id))
                            .toList(),
                    freeSlots(id, day, chosen, branch.id().value())));
        }
        model.addAttribute("grid", ScheduleGrid.of(columns, zone, chosen));
        model.addAttribute(
                "branches",
                branches.stream()
                        .map(b -> new BranchChoice(b.id().value().toString(), b.name()))
                        .toList());
        model.addAttribute("branchId", branch.id().value().toString());
        model.addAttribute("branchName", branch.name());
        model.addAttribute("services", choices(services));
        model.addAttribute("serviceId", chosen == null ? "" : chosen.toString());
        model.addAttribute("date", day.toString());
        model.addAttribute("dateLabel", SchedulingPageText.longDate(day, locale));
        model.addAttribute("previous", day.minusDays(1).toString());
        model.addAttribute("next", day.plusDays(1).toString());
        model.addAttribute("today", today.toString());
        model.addAttribute("isToday", day.equals(today));
        model.addAttribute("canBook", canBook());
        model.addAttribute("isAdmin", CurrentUser.get().hasRole(Role.ADMIN));
        return "scheduling/day";
    }

    @GetMapping("/schedule/practitioners/{id}")
    String week(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String week,
            @RequestParam(required = false) @Nullable String serviceId,
            Model model,
            Locale locale) {
        ScheduleSetup.PractitionerSchedule practitioner;
        try {
            practitioner = setup.read(id);
        } catch (SchedulingNotFoundException unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        ZoneId zone = practitioner.templates().stream()
                .map(BranchTemplate::zone)
                .findFirst()
                .orElseGet(() -> branches().isEmpty()
                        ? ZoneId.of("Asia/Tashkent")
                        : chosenBranch(branches(), null).timeZone());
        LocalDate today = today(zone);
        LocalDate monday = date(week, today).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Set<UUID> offered = practitioner.templates().stream()
                .flatMap(t -> t.services().stream())
                .collect(Collectors.toSet());
        List<ServiceStore.ServiceRow> services =
                activeServices().stream().filter(s -> offered.contains(s.id())).toList();
        ServiceStore.ServiceRow service = chosenService(services, serviceId);
        UUID chosen = service == null ? null : service.id();
        List<AppointmentBook.View> appointments = book.list(new AppointmentBook.ListInput(
                id.toString(),
                null,
                null,
                null,
                monday.toString(),
                monday.plusDays(6).toString(),
                1000));
        List<ScheduleGrid.Column> columns = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            LocalDate day = monday.plusDays(i);
            columns.add(new ScheduleGrid.Column(
                    SchedulingPageText.longDate(day, locale),
                    "/schedule?date=" + day,
                    id,
                    appointments.stream()
                            .filter(v -> v.appointment()
                                    .start()
                                    .atZone(zone)
                                    .toLocalDate()
                                    .equals(day))
                            .toList(),
                    freeSlots(id, day, chosen, null)));
        }
        model.addAttribute("grid", ScheduleGrid.of(columns, zone, chosen));
        model.addAttribute("practitionerId", id.toString());
        model.addAttribute("practitionerName", practitioner.practitioner().fullName());
        model.addAttribute("services", choices(services));
        model.addAttribute("serviceId", chosen == null ? "" : chosen.toString());
        model.addAttribute("week", monday.toString());
        model.addAttribute(
                "weekLabel",
                SchedulingPageText.shortDate(monday, locale) + " – "
                        + SchedulingPageText.shortDate(monday.plusDays(6), locale));
        model.addAttribute("previous", monday.minusWeeks(1).toString());
        model.addAttribute("next", monday.plusWeeks(1).toString());
        model.addAttribute("today", today.toString());
        model.addAttribute("canBook", canBook());
        return "scheduling/week";
    }

    @GetMapping("/schedule/print")
    String print(
            @RequestParam(required = false) @Nullable String date,
            @RequestParam(required = false) @Nullable String branchId,
            Model model,
            Locale locale) {
        List<StaffDirectory.Branch> branches = branches();
        StaffDirectory.Branch branch = chosenBranch(branches, branchId);
        ZoneId zone = branch.timeZone();
        LocalDate day = date(date, today(zone));
        List<AppointmentBook.View> appointments = book.list(new AppointmentBook.ListInput(
                null, branch.id().value().toString(), null, null, day.toString(), day.toString(), 1000));
        List<PrintGroup> groups = appointments.stream()
                .collect(Collectors.groupingBy(
                        v -> Objects.requireNonNullElse(v.practitionerName(), "—"),
                        java.util.TreeMap::new,
                        Collectors.toList()))
                .entrySet()
                .stream()
                .map(e -> new PrintGroup(
                        e.getKey(),
                        e.getValue().stream()
                                .sorted(Comparator.comparing(
                                        v -> v.appointment().start()))
                                .map(v -> new PrintLine(
                                        SchedulingPageText.time(v.appointment().start(), zone),
                                        SchedulingPageText.time(v.appointment().end(), zone),
                                        v.patient() == null ? "—" : v.patient().displayName(),
                                        v.patient() == null ? "" : v.patient().medicalRecordNumber(),
                                        Objects.requireNonNullElse(v.serviceName(), "—"),
                                        v.appointment().status().name()))
                                .toList()))
                .toList();
        model.addAttribute("groups", groups);
        model.addAttribute("branchName", branch.name());
        model.addAttribute("dateLabel", SchedulingPageText.longDate(day, locale));
        return "scheduling/print";
    }

    private List<WorkingTime.Slot> freeSlots(
            UUID practitioner, LocalDate day, @Nullable UUID service, @Nullable UUID branch) {
        if (service == null) {
            return List.of();
        }
        try {
            return slots.slots(
                    practitioner, day.toString(), service.toString(), branch == null ? null : branch.toString());
        } catch (SchedulingRuleException | SchedulingNotFoundException none) {
            return List.of();
        }
    }

    /** The branches the user works in (administrators: all), by name. */
    private List<StaffDirectory.Branch> branches() {
        return directory.branches(context.tenant()).stream()
                .filter(b -> context.worksIn(b.id()))
                .sorted(Comparator.comparing(StaffDirectory.Branch::name))
                .toList();
    }

    /** The branch asked for if the user may see it, else the user's first branch. */
    private StaffDirectory.Branch chosenBranch(List<StaffDirectory.Branch> branches, @Nullable String branchId) {
        if (branches.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (branchId != null) {
            for (StaffDirectory.Branch branch : branches) {
                if (branch.id().value().toString().equals(branchId)) {
                    return branch;
                }
            }
        }
        Set<BranchId> own =
                CurrentUser.get().roles().stream().map(r -> r.branchId()).collect(Collectors.toSet());
        return branches.stream().filter(b -> own.contains(b.id())).findFirst().orElse(branches.getFirst());
    }

    private List<ServiceStore.ServiceRow> activeServices() {
        return catalogue.list().stream()
                .filter(ServiceStore.ServiceRow::active)
                .sorted(Comparator.comparing(ServiceStore.ServiceRow::name))
                .toList();
    }

    private static ServiceStore.@Nullable ServiceRow chosenService(
            List<ServiceStore.ServiceRow> services, @Nullable String serviceId) {
        return services.stream()
                .filter(s -> s.id().toString().equals(serviceId))
                .findFirst()
                .orElse(services.isEmpty() ? null : services.getFirst());
    }

    private static List<ServiceChoice> choices(List<ServiceStore.ServiceRow> services) {
        return services.stream()
                .map(s -> new ServiceChoice(s.id().toString(), s.name(), s.durationMinutes()))
                .toList();
    }

    private LocalDate today(ZoneId zone) {
        return context.now().atZone(zone).toLocalDate();
    }

    private static LocalDate date(@Nullable String text, LocalDate today) {
        if (text == null || text.isBlank()) {
            return today;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return today;
        }
    }

    static boolean canBook() {
        var staff = CurrentUser.get();
        return staff.hasRole(Role.ADMIN)
                || staff.hasRole(Role.DOCTOR)
                || staff.hasRole(Role.NURSE)
                || staff.hasRole(Role.RECEPTIONIST);
    }
}
