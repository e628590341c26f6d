package org.shifo.scheduling.web;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.StaffDirectory;
import org.shifo.scheduling.SchedulingRoles;
import org.shifo.scheduling.booking.ScheduleSetup;
import org.shifo.scheduling.booking.SchedulingContext;
import org.shifo.scheduling.booking.ServiceCatalogue;
import org.shifo.scheduling.domain.BranchTemplate;
import org.shifo.scheduling.domain.DayHours;
import org.shifo.scheduling.domain.MinuteRange;
import org.shifo.scheduling.domain.ScheduleException;
import org.shifo.scheduling.domain.SchedulingNotFoundException;
import org.shifo.scheduling.domain.SchedulingRuleException;
import org.shifo.scheduling.persistence.ServiceStore;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The administrators' scheduling setup: services, and per practitioner the weekly template of a branch (one
 * working interval a day with an optional break, and the services done there) and the exceptions.
 */
@Controller
@PreAuthorize(SchedulingRoles.SET_UP)
class SchedulingSetupPageController {

    private static final Pattern WEEKLY = Pattern.compile("^weekly\\[(\\d+)](.*)$");

    private final ServiceCatalogue catalogue;
    private final ScheduleSetup setup;
    private final SchedulingContext context;
    private final StaffDirectory directory;
    private final SchedulingPageText text;

    SchedulingSetupPageController(
            ServiceCatalogue catalogue,
            ScheduleSetup setup,
            SchedulingContext context,
            StaffDirectory directory,
            SchedulingPageText text) {
        this.catalogue = catalogue;
        this.setup = setup;
        this.context = context;
        this.directory = directory;
        this.text = text;
    }

    record ServiceLine(String name, int durationMinutes, String specialty) {}

    record PractitionerLine(String id, String name, boolean active) {}

    /** One weekday row of the template form. */
    record DayRow(String day, String label, String start, String end, String breakStart, String breakEnd) {}

    record ServiceBox(String id, String name, boolean checked) {}

    record ExceptionLine(String id, String kind, String from, String to, String note) {}

    // --- services and the list of practitioners

    @GetMapping("/admin/scheduling")
    String overview(Model model) {
        return overviewPage(model, Map.of(), Map.of());
    }

    /** A page shown after a refused form, asked for again (the language switch). */
    @GetMapping("/admin/scheduling/services")
    String afterServiceForm() {
        return "redirect:/admin/scheduling";
    }

    @GetMapping({"/admin/scheduling/practitioners/{id}/schedule", "/admin/scheduling/practitioners/{id}/exceptions"})
    String afterPractitionerForm(@PathVariable UUID id) {
        return "redirect:/admin/scheduling/practitioners/" + id;
    }

    @PostMapping("/admin/scheduling/services")
    String addService(
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String durationMinutes,
            @RequestParam(required = false) @Nullable String specialty,
            Model model,
            Locale locale) {
        Integer minutes = null;
        try {
            minutes = durationMinutes == null || durationMinutes.isBlank()
                    ? null
                    : Integer.valueOf(durationMinutes.strip());
        } catch (NumberFormatException e) {
            minutes = -1;
        }
        try {
            catalogue.create(name, minutes, specialty);
            return "redirect:/admin/scheduling?serviceAdded";
        } catch (SchedulingRuleException e) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("name", Objects.requireNonNullElse(name, ""));
            values.put("durationMinutes", Objects.requireNonNullElse(durationMinutes, ""));
            values.put("specialty", Objects.requireNonNullElse(specialty, ""));
            return overviewPage(model, text.errors(e.violations(), locale), values);
        }
    }

    private String overviewPage(Model model, Map<String, String> errors, Map<String, String> values) {
        model.addAttribute(
                "services",
                catalogue.list().stream()
                        .filter(ServiceStore.ServiceRow::active)
                        .sorted(Comparator.comparing(ServiceStore.ServiceRow::name))
                        .map(s -> new ServiceLine(
                                s.name(), s.durationMinutes(), Objects.requireNonNullElse(s.specialty(), "")))
                        .toList());
        model.addAttribute(
                "practitioners",
                setup.practitioners(null).stream()
                        .map(p -> new PractitionerLine(
                                p.practitioner().id().value().toString(),
                                p.practitioner().fullName(),
                                p.practitioner().active()))
                        .sorted(Comparator.comparing(PractitionerLine::name))
                        .toList());
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        return "scheduling/setup";
    }

    // --- one practitioner's template and exceptions

    @GetMapping("/admin/scheduling/practitioners/{id}")
    String practitioner(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String branchId,
            Model model,
            Locale locale) {
        ScheduleSetup.PractitionerSchedule schedule = read(id);
        StaffDirectory.Branch branch = branch(schedule, branchId);
        BranchTemplate template = schedule.templates().stream()
                .filter(t -> t.branch().equals(branch.id()))
                .findFirst()
                .orElse(null);
        List<DayRow> days = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            DayHours hours = template == null
                    ? null
                    : template.weekly().stream()
                            .filter(h -> h.day() == day)
                            .findFirst()
                            .orElse(null);
            MinuteRange pause = hours == null || hours.breaks().isEmpty()
                    ? null
                    : hours.breaks().getFirst();
            days.add(new DayRow(
                    day.name(),
                    day.getDisplayName(TextStyle.FULL_STANDALONE, locale),
                    hours == null ? "" : MinuteRange.format(hours.hours().start()),
                    hours == null ? "" : MinuteRange.format(hours.hours().end()),
                    pause == null ? "" : MinuteRange.format(pause.start()),
                    pause == null ? "" : MinuteRange.format(pause.end())));
        }
        List<String> offered = template == null
                ? List.of()
                : template.services().stream().map(UUID::toString).toList();
        return practitionerPage(model, locale, schedule, branch, days, offered, Map.of(), Map.of());
    }

    @PostMapping("/admin/scheduling/practitioners/{id}/schedule")
    String saveSchedule(
            @PathVariable UUID id, @RequestParam MultiValueMap<String, String> params, Model model, Locale locale) {
        ScheduleSetup.PractitionerSchedule schedule = read(id);
        StaffDirectory.Branch branch = branch(schedule, params.getFirst("branchId"));
        List<DayRow> days = new ArrayList<>();
        List<ScheduleSetup.DayInput> weekly = new ArrayList<>();
        List<String> rowOfInput = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String start = value(params, day + ".start");
            String end = value(params, day + ".end");
            String breakStart = value(params, day + ".breakStart");
            String breakEnd = value(params, day + ".breakEnd");
            days.add(new DayRow(
                    day.name(),
                    day.getDisplayName(TextStyle.FULL_STANDALONE, locale),
                    start,
                    end,
                    breakStart,
                    breakEnd));
            if (start.isEmpty() && end.isEmpty()) {
                continue;
            }
            List<ScheduleSetup.BreakInput> breaks = breakStart.isEmpty() && breakEnd.isEmpty()
                    ? List.of()
                    : List.of(new ScheduleSetup.BreakInput(breakStart, breakEnd));
            weekly.add(new ScheduleSetup.DayInput(day.name(), start, end, breaks));
            rowOfInput.add(day.name());
        }
        List<String> services = params.getOrDefault("serviceIds", List.of());
        try {
            setup.replace(id, branch.id().value().toString(), weekly, services);
            return "redirect:/admin/scheduling/practitioners/" + id + "?branchId="
                    + branch.id().value() + "&saved";
        } catch (SchedulingRuleException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            text.errors(e.violations(), locale).forEach((field, message) -> {
                Matcher row = WEEKLY.matcher(field);
                String key = field;
                if (row.matches() && Integer.parseInt(row.group(1)) < rowOfInput.size()) {
                    key = rowOfInput.get(Integer.parseInt(row.group(1)));
                }
                errors.putIfAbsent(key, message);
            });
            return practitionerPage(model, locale, schedule, branch, days, services, errors, Map.of());
        }
    }

    @PostMapping("/admin/scheduling/practitioners/{id}/exceptions")
    String addException(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String branchId,
            @RequestParam(required = false) @Nullable String note,
            Model model,
            Locale locale) {
        ScheduleSetup.PractitionerSchedule schedule = read(id);
        StaffDirectory.Branch branch = branch(schedule, branchId);
        try {
            setup.addException(
                    id,
                    from,
                    to,
                    kind,
                    "EXTRA_SHIFT".equals(kind) ? branch.id().value().toString() : null,
                    note);
            return "redirect:/admin/scheduling/practitioners/" + id + "?branchId="
                    + branch.id().value() + "&exceptionAdded";
        } catch (SchedulingRuleException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            text.errors(e.violations(), locale)
                    .forEach((field, message) -> errors.putIfAbsent("exception." + field, message));
            return practitioner(id, branch.id().value().toString(), model, locale, errors);
        }
    }

    @PostMapping("/admin/scheduling/practitioners/{id}/exceptions/{exceptionId}/delete")
    String removeException(
            @PathVariable UUID id,
            @PathVariable UUID exceptionId,
            @RequestParam(required = false) @Nullable String branchId) {
        try {
            setup.removeException(id, exceptionId);
        } catch (SchedulingNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/admin/scheduling/practitioners/" + id + (branchId == null ? "" : "?branchId=" + branchId);
    }

    private String practitioner(UUID id, String branchId, Model model, Locale locale, Map<String, String> errors) {
        practitioner(id, branchId, model, locale);
        model.addAttribute("errors", errors);
        return "scheduling/practitioner-setup";
    }

    private String practitionerPage(
            Model model,
            Locale locale,
            ScheduleSetup.PractitionerSchedule schedule,
            StaffDirectory.Branch branch,
            List<DayRow> days,
            List<String> offered,
            Map<String, String> errors,
            Map<String, String> values) {
        UUID id = schedule.practitioner().id().value();
        ZoneId zone = branch.timeZone();
        Instant now = context.now();
        List<ExceptionLine> exceptions = setup
                .exceptions(id, now.minus(java.time.Duration.ofDays(31)), now.plus(java.time.Duration.ofDays(400)))
                .stream()
                .sorted(Comparator.comparing(ScheduleException::from))
                .map(e -> new ExceptionLine(
                        e.id().toString(),
                        e.kind().name(),
                        SchedulingPageText.shortDate(e.from().atZone(zone).toLocalDate(), locale) + " "
                                + SchedulingPageText.time(e.from(), zone),
                        SchedulingPageText.shortDate(e.to().atZone(zone).toLocalDate(), locale) + " "
                                + SchedulingPageText.time(e.to(), zone),
                        Objects.requireNonNullElse(e.note(), "")))
                .toList();
        model.addAttribute("practitionerId", id.toString());
        model.addAttribute("practitionerName", schedule.practitioner().fullName());
        model.addAttribute("branchId", branch.id().value().toString());
        model.addAttribute("branchName", branch.name());
        model.addAttribute(
                "branches",
                practitionerBranches(schedule).stream()
                        .map(b -> new SchedulePageController.BranchChoice(
                                b.id().value().toString(), b.name()))
                        .toList());
        model.addAttribute("days", days);
        model.addAttribute(
                "services",
                catalogue.list().stream()
                        .filter(ServiceStore.ServiceRow::active)
                        .sorted(Comparator.comparing(ServiceStore.ServiceRow::name))
                        .map(s -> new ServiceBox(s.id().toString(), s.name(), offered.contains(s.id().toString())))
                        .toList());
        model.addAttribute("exceptions", exceptions);
        model.addAttribute("kinds", List.of("VACATION", "SICK_LEAVE", "OTHER_ABSENCE", "EXTRA_SHIFT"));
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        return "scheduling/practitioner-setup";
    }

    private ScheduleSetup.PractitionerSchedule read(UUID id) {
        try {
            return setup.read(id);
        } catch (SchedulingNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    /** The branches where the practitioner has a clinical role. */
    private List<StaffDirectory.Branch> practitionerBranches(ScheduleSetup.PractitionerSchedule schedule) {
        return directory.branches(context.tenant()).stream()
                .filter(b -> schedule.practitioner().roles().stream()
                        .anyMatch(r -> r.branchId().equals(b.id()) && ScheduleSetup.CLINICAL_ROLES.contains(r.role())))
                .sorted(Comparator.comparing(StaffDirectory.Branch::name))
                .toList();
    }

    private StaffDirectory.Branch branch(ScheduleSetup.PractitionerSchedule schedule, @Nullable String branchId) {
        List<StaffDirectory.Branch> branches = practitionerBranches(schedule);
        if (branches.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return branches.stream()
                .filter(b -> b.id().value().toString().equals(branchId))
                .findFirst()
                .orElse(branches.getFirst());
    }

    private static String value(MultiValueMap<String, String> params, String name) {
        String value = params.getFirst(name);
        return value == null ? "" : value.strip();
    }
}
