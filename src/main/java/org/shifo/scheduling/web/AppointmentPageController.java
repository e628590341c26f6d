package org.shifo.scheduling.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.shifo.scheduling.SchedulingRoles;
import org.shifo.scheduling.booking.AppointmentBook;
import org.shifo.scheduling.booking.ScheduleSetup;
import org.shifo.scheduling.booking.SchedulingContext;
import org.shifo.scheduling.booking.ServiceCatalogue;
import org.shifo.scheduling.booking.SlotFinder;
import org.shifo.scheduling.domain.Appointment;
import org.shifo.scheduling.domain.AppointmentStatus;
import org.shifo.scheduling.domain.BookingConflictException;
import org.shifo.scheduling.domain.IllegalTransitionException;
import org.shifo.scheduling.domain.SchedulingNotFoundException;
import org.shifo.scheduling.domain.SchedulingRuleException;
import org.shifo.scheduling.domain.Violation;
import org.shifo.scheduling.domain.WorkingTime;
import org.shifo.scheduling.persistence.ServiceStore;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Booking (with a patient picker on the registry's search) and the appointment page with its quick actions:
 * check in, cancel with a reason, no-show, start and finish the visit, and rescheduling to a free slot. Refusals
 * are shown next to their field and in a summary, in the page's language.
 */
@Controller
@PreAuthorize(SchedulingRoles.SEE_APPOINTMENTS)
class AppointmentPageController {

    static final int PICKER_RESULTS = 10;

    private final AppointmentBook book;
    private final SlotFinder slots;
    private final ScheduleSetup setup;
    private final ServiceCatalogue catalogue;
    private final SchedulingContext context;
    private final PatientDirectory patients;
    private final SchedulingPageText text;

    AppointmentPageController(
            AppointmentBook book,
            SlotFinder slots,
            ScheduleSetup setup,
            ServiceCatalogue catalogue,
            SchedulingContext context,
            PatientDirectory patients,
            SchedulingPageText text) {
        this.book = book;
        this.slots = slots;
        this.setup = setup;
        this.catalogue = catalogue;
        this.context = context;
        this.patients = patients;
        this.text = text;
    }

    /** A patient the picker offers. */
    record PatientOption(String id, String name, String recordNumber, String birthDate, @Nullable String phone) {

        static PatientOption of(PatientDirectory.Entry entry, Locale locale) {
            return new PatientOption(
                    entry.id().toString(),
                    entry.displayName(),
                    entry.medicalRecordNumber(),
                    SchedulingPageText.shortDate(entry.birthDate(), locale),
                    entry.primaryPhone());
        }
    }

    /** A free time the reschedule form offers. */
    record SlotOption(String start, String label) {}

    // --- booking

    @GetMapping("/appointments/new")
    @PreAuthorize(SchedulingRoles.BOOK)
    String bookingForm(
            @RequestParam(required = false) @Nullable String practitionerId,
            @RequestParam(required = false) @Nullable String start,
            @RequestParam(required = false) @Nullable String branchId,
            @RequestParam(required = false) @Nullable String serviceId,
            @RequestParam(required = false) @Nullable String patientId,
            @RequestParam(required = false) @Nullable String q,
            Model model,
            Locale locale) {
        return bookingPage(model, locale, practitionerId, start, branchId, serviceId, patientId, q, Map.of());
    }

    /**
     * The booking. The slot (practitioner, start, branch) travels in the form's address, so that the language
     * switch on a refused booking reopens the same form.
     */
    @PostMapping("/appointments/new")
    @PreAuthorize(SchedulingRoles.BOOK)
    String bookAppointment(
            @RequestParam(required = false) @Nullable String practitionerId,
            @RequestParam(required = false) @Nullable String start,
            @RequestParam(required = false) @Nullable String branchId,
            @RequestParam(required = false) @Nullable String serviceId,
            @RequestParam(required = false) @Nullable String patientId,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String action,
            Model model,
            Locale locale) {
        if ("search".equals(action)) {
            return bookingPage(model, locale, practitionerId, start, branchId, serviceId, patientId, q, Map.of());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            AppointmentBook.View booked = book.book(
                    new AppointmentBook.BookingInput(patientId, practitionerId, serviceId, start, null, branchId));
            return "redirect:/appointments/" + booked.appointment().id() + "?booked";
        } catch (SchedulingRuleException e) {
            errors.putAll(text.errors(e.violations(), locale));
        } catch (BookingConflictException e) {
            errors.put("start", text.conflict(e, locale));
        }
        return bookingPage(model, locale, practitionerId, start, branchId, serviceId, patientId, q, errors);
    }

    /** The picker's results alone, for htmx as the search field changes. */
    @GetMapping("/appointments/patient-options")
    @PreAuthorize(SchedulingRoles.BOOK)
    String patientOptions(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String patientId,
            Model model,
            Locale locale) {
        pickerModel(model, locale, q, patientId);
        return "scheduling/book :: options";
    }

    private String bookingPage(
            Model model,
            Locale locale,
            @Nullable String practitionerId,
            @Nullable String start,
            @Nullable String branchId,
            @Nullable String serviceId,
            @Nullable String patientId,
            @Nullable String q,
            Map<String, String> errors) {
        UUID practitioner = uuid(practitionerId);
        if (practitioner == null) {
            return "redirect:/schedule";
        }
        ScheduleSetup.PractitionerSchedule schedule;
        try {
            schedule = setup.read(practitioner);
        } catch (SchedulingNotFoundException unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        ZoneId zone = schedule.templates().stream()
                .filter(t -> branchId == null || t.branch().value().toString().equals(branchId))
                .map(t -> t.zone())
                .findFirst()
                .orElse(ZoneId.of("Asia/Tashkent"));
        String startLabel = "";
        try {
            if (start != null) {
                var moment = OffsetDateTime.parse(start).toInstant();
                startLabel = SchedulingPageText.longDate(moment.atZone(zone).toLocalDate(), locale) + ", "
                        + SchedulingPageText.time(moment, zone);
            }
        } catch (DateTimeParseException unreadable) {
            errors = new LinkedHashMap<>(errors);
            errors.putIfAbsent("start", text.rule(Violation.of("start", "malformed-moment", "is not a time"), locale));
        }
        var offered = schedule.templates().stream()
                .flatMap(t -> t.services().stream())
                .collect(java.util.stream.Collectors.toSet());
        List<SchedulePageController.ServiceChoice> services = catalogue.list().stream()
                .filter(ServiceStore.ServiceRow::active)
                .filter(s -> offered.contains(s.id()))
                .sorted(Comparator.comparing(ServiceStore.ServiceRow::name))
                .map(s -> new SchedulePageController.ServiceChoice(s.id().toString(), s.name(), s.durationMinutes()))
                .toList();
        pickerModel(model, locale, q, patientId);
        model.addAttribute("practitionerId", practitioner.toString());
        model.addAttribute("practitionerName", schedule.practitioner().fullName());
        model.addAttribute("start", start == null ? "" : start);
        model.addAttribute("startLabel", startLabel);
        model.addAttribute("branchId", branchId == null ? "" : branchId);
        model.addAttribute("services", services);
        model.addAttribute("serviceId", serviceId == null ? "" : serviceId);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "otherErrors",
                errors.entrySet().stream()
                        .filter(e -> !List.of("start", "patientId", "serviceId").contains(e.getKey()))
                        .map(Map.Entry::getValue)
                        .toList());
        return "scheduling/book";
    }

    private void pickerModel(Model model, Locale locale, @Nullable String q, @Nullable String patientId) {
        String query = q == null ? "" : q.strip();
        List<PatientOption> options = new ArrayList<>();
        UUID chosen = uuid(patientId);
        if (chosen != null) {
            patients.find(context.tenant(), new PatientId(chosen))
                    .ifPresent(entry -> options.add(PatientOption.of(entry, locale)));
        }
        if (!query.isEmpty()) {
            for (PatientDirectory.Entry entry : patients.search(query, PICKER_RESULTS)) {
                if (chosen == null || !entry.id().value().equals(chosen)) {
                    options.add(PatientOption.of(entry, locale));
                }
            }
        }
        model.addAttribute("q", query);
        model.addAttribute("searched", !query.isEmpty());
        model.addAttribute("patientOptions", options);
        model.addAttribute("patientId", chosen == null ? "" : chosen.toString());
    }

    // --- the appointment page

    @GetMapping("/appointments/{id}")
    String show(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String date,
            @RequestParam(required = false) @Nullable String done,
            Model model,
            Locale locale) {
        if (done != null && DONE.contains(done)) {
            model.addAttribute("done", done);
        }
        return page(id, date, model, locale, Map.of(), null);
    }

    /** The changes the page confirms after a redirect. */
    static final List<String> DONE =
            List.of("CHECKED_IN", "CANCELLED", "NO_SHOW", "IN_PROGRESS", "COMPLETED", "RESCHEDULED");

    @PostMapping("/appointments/{id}/check-in")
    @PreAuthorize(SchedulingRoles.BOOK)
    String checkIn(@PathVariable UUID id, Model model, Locale locale) {
        return act(id, model, locale, () -> book.checkIn(id));
    }

    @PostMapping("/appointments/{id}/no-show")
    @PreAuthorize(SchedulingRoles.BOOK)
    String noShow(@PathVariable UUID id, Model model, Locale locale) {
        return act(id, model, locale, () -> book.noShow(id));
    }

    @PostMapping("/appointments/{id}/start")
    @PreAuthorize(SchedulingRoles.TREAT)
    String startVisit(@PathVariable UUID id, Model model, Locale locale) {
        return act(id, model, locale, () -> book.startVisit(id));
    }

    @PostMapping("/appointments/{id}/complete")
    @PreAuthorize(SchedulingRoles.TREAT)
    String complete(@PathVariable UUID id, Model model, Locale locale) {
        return act(id, model, locale, () -> book.complete(id));
    }

    @PostMapping("/appointments/{id}/cancel")
    @PreAuthorize(SchedulingRoles.BOOK)
    String cancel(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String reason,
            Model model,
            Locale locale) {
        return act(id, model, locale, () -> book.cancel(id, reason));
    }

    @PostMapping("/appointments/{id}/reschedule")
    @PreAuthorize(SchedulingRoles.BOOK)
    String reschedule(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String start,
            @RequestParam(required = false) @Nullable Integer version,
            @RequestParam(required = false) @Nullable String date,
            Model model,
            Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            book.reschedule(id, new AppointmentBook.RescheduleInput(start, null, null, null, version));
            return "redirect:/appointments/" + id + "?done=RESCHEDULED";
        } catch (SchedulingRuleException e) {
            text.errors(e.violations(), locale)
                    .forEach((field, message) -> errors.putIfAbsent("reschedule." + field, message));
        } catch (BookingConflictException e) {
            errors.put("reschedule.start", text.conflict(e, locale));
        } catch (AppointmentBook.StaleAppointmentException e) {
            errors.put("reschedule.start", text.message("scheduling.page.stale", locale));
        } catch (SchedulingNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return page(id, date, model, locale, errors, null);
    }

    /** A page shown after a refused action, asked for again (the language switch): the appointment page. */
    @GetMapping({
        "/appointments/{id}/check-in",
        "/appointments/{id}/no-show",
        "/appointments/{id}/start",
        "/appointments/{id}/complete",
        "/appointments/{id}/cancel",
        "/appointments/{id}/reschedule"
    })
    String afterAction(@PathVariable UUID id) {
        return "redirect:/appointments/" + id;
    }

    private String act(UUID id, Model model, Locale locale, Supplier<AppointmentBook.View> action) {
        try {
            AppointmentBook.View done = action.get();
            return "redirect:/appointments/" + id + "?done="
                    + done.appointment().status().name();
        } catch (SchedulingRuleException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            text.errors(e.violations(), locale)
                    .forEach((field, message) -> errors.putIfAbsent("action." + field, message));
            return page(id, null, model, locale, errors, null);
        } catch (IllegalTransitionException e) {
            return page(id, null, model, locale, Map.of(), text.transition(e, locale));
        } catch (SchedulingNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private String page(
            UUID id,
            @Nullable String date,
            Model model,
            Locale locale,
            Map<String, String> errors,
            @Nullable String actionError) {
        AppointmentBook.View view;
        try {
            view = book.get(id);
        } catch (SchedulingNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Appointment a = view.appointment();
        ZoneId zone = view.zone();
        LocalDate day = a.start().atZone(zone).toLocalDate();
        LocalDate slotDay = day;
        if (date != null && !date.isBlank()) {
            try {
                slotDay = LocalDate.parse(date.strip());
            } catch (DateTimeParseException e) {
                slotDay = day;
            }
        }
        var staff = CurrentUser.get();
        boolean canBook = SchedulePageController.canBook();
        boolean canTreat = staff.hasRole(Role.ADMIN) || staff.hasRole(Role.DOCTOR) || staff.hasRole(Role.NURSE);
        List<SlotOption> free = List.of();
        if (canBook && a.status() == AppointmentStatus.BOOKED) {
            try {
                List<WorkingTime.Slot> found = slots.slots(
                        a.practitioner().value(),
                        slotDay.toString(),
                        a.service().toString(),
                        null);
                free = found.stream()
                        .map(s -> new SlotOption(s.start().toString(), SchedulingPageText.time(s.start(), s.zone())))
                        .toList();
            } catch (SchedulingRuleException | SchedulingNotFoundException none) {
                free = List.of();
            }
        }
        List<String> actionErrors = new ArrayList<>();
        errors.forEach((field, message) -> {
            if (field.startsWith("action.")) {
                actionErrors.add(message);
            }
        });
        if (actionError != null) {
            actionErrors.add(actionError);
        }
        model.addAttribute("appointment", ScheduleGrid.card(view, zone));
        model.addAttribute("patientId", a.patient().toString());
        model.addAttribute(
                "recordNumber", view.patient() == null ? "" : view.patient().medicalRecordNumber());
        model.addAttribute("practitionerName", Objects.requireNonNullElse(view.practitionerName(), "—"));
        model.addAttribute("practitionerId", a.practitioner().value().toString());
        model.addAttribute("dateLabel", SchedulingPageText.longDate(day, locale));
        model.addAttribute("date", day.toString());
        model.addAttribute("branchId", a.branch().value().toString());
        model.addAttribute("cancelReason", a.cancelReason());
        model.addAttribute(
                "checkedInAt", a.checkedInAt() == null ? null : SchedulingPageText.time(a.checkedInAt(), zone));
        model.addAttribute("walkIn", a.walkIn());
        model.addAttribute("version", a.version());
        model.addAttribute("canCheckIn", canBook && a.status().canMoveTo(AppointmentStatus.CHECKED_IN));
        model.addAttribute("canCancel", canBook && a.status().canMoveTo(AppointmentStatus.CANCELLED));
        model.addAttribute("canNoShow", canBook && a.status().canMoveTo(AppointmentStatus.NO_SHOW));
        model.addAttribute("canStart", canTreat && a.status().canMoveTo(AppointmentStatus.IN_PROGRESS));
        model.addAttribute("canComplete", canTreat && a.status().canMoveTo(AppointmentStatus.COMPLETED));
        model.addAttribute("canReschedule", canBook && a.status() == AppointmentStatus.BOOKED);
        // the visit's invoice at the cash desk (a link only: scheduling does not depend on billing)
        Staff me = CurrentUser.get();
        model.addAttribute(
                "canInvoice",
                a.status() != AppointmentStatus.CANCELLED
                        && (me.hasRole(Role.ADMIN) || me.hasRole(Role.CASHIER) || me.hasRole(Role.RECEPTIONIST)));
        model.addAttribute("slotDate", slotDay.toString());
        model.addAttribute("slotDateLabel", SchedulingPageText.longDate(slotDay, locale));
        model.addAttribute("freeSlots", free);
        model.addAttribute("errors", errors);
        model.addAttribute("actionErrors", actionErrors);
        return "scheduling/appointment";
    }

    private static @Nullable UUID uuid(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
