package org.shifo.scheduling.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchId;
import org.shifo.scheduling.SchedulingRoles;
import org.shifo.scheduling.booking.ScheduleSetup;
import org.shifo.scheduling.booking.ServiceCatalogue;
import org.shifo.scheduling.booking.SlotFinder;
import org.shifo.scheduling.domain.BranchTemplate;
import org.shifo.scheduling.domain.DayHours;
import org.shifo.scheduling.domain.Inputs;
import org.shifo.scheduling.domain.MinuteRange;
import org.shifo.scheduling.domain.ScheduleException;
import org.shifo.scheduling.persistence.ServiceStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Services, practitioners' schedules and exceptions, and free slots. */
@RestController
@Tag(name = "Schedules")
class ScheduleApiController {

    private final ServiceCatalogue catalogue;
    private final ScheduleSetup setup;
    private final SlotFinder slots;

    ScheduleApiController(ServiceCatalogue catalogue, ScheduleSetup setup, SlotFinder slots) {
        this.catalogue = catalogue;
        this.setup = setup;
        this.slots = slots;
    }

    record ServiceRequest(@Nullable String name, @Nullable Integer durationMinutes, @Nullable String specialty) {}

    record ServiceResponse(String id, String name, int durationMinutes, @Nullable String specialty, boolean active) {
        static ServiceResponse from(ServiceStore.ServiceRow row) {
            return new ServiceResponse(
                    row.id().toString(), row.name(), row.durationMinutes(), row.specialty(), row.active());
        }
    }

    @GetMapping("/api/v1/services")
    @PreAuthorize(SchedulingRoles.SEE_SCHEDULES)
    @Operation(summary = "The clinic's services with their default durations")
    List<ServiceResponse> services() {
        return catalogue.list().stream().map(ServiceResponse::from).toList();
    }

    @PostMapping("/api/v1/services")
    @PreAuthorize(SchedulingRoles.SET_UP)
    @Operation(summary = "Add a service {name, durationMinutes, specialty}")
    ResponseEntity<ServiceResponse> createService(@RequestBody ServiceRequest request) {
        ServiceResponse created =
                ServiceResponse.from(catalogue.create(request.name(), request.durationMinutes(), request.specialty()));
        return ResponseEntity.created(URI.create("/api/v1/services/" + created.id()))
                .body(created);
    }

    record ScheduleRequest(
            @Nullable String branchId,
            @Nullable List<ScheduleSetup.DayInput> weekly,
            @Nullable List<String> serviceIds) {}

    record BreakPart(String start, String end) {}

    record DayPart(String dayOfWeek, String start, String end, List<BreakPart> breaks) {
        static DayPart from(DayHours day) {
            return new DayPart(
                    day.day().name(),
                    MinuteRange.format(day.hours().start()),
                    MinuteRange.format(day.hours().end()),
                    day.breaks().stream()
                            .map(b -> new BreakPart(MinuteRange.format(b.start()), MinuteRange.format(b.end())))
                            .toList());
        }
    }

    record BranchSchedule(String branchId, String timeZone, List<DayPart> weekly, List<String> serviceIds) {
        static BranchSchedule from(BranchTemplate t) {
            return new BranchSchedule(
                    t.branch().value().toString(),
                    t.zone().getId(),
                    t.weekly().stream()
                            .sorted(Comparator.comparing((DayHours d) -> d.day())
                                    .thenComparing(d -> d.hours().start()))
                            .map(DayPart::from)
                            .toList(),
                    t.services().stream().map(UUID::toString).sorted().toList());
        }
    }

    record PractitionerResponse(
            String id, String fullName, boolean active, List<String> branchIds, List<BranchSchedule> schedules) {
        static PractitionerResponse from(ScheduleSetup.PractitionerSchedule p) {
            return new PractitionerResponse(
                    p.practitioner().id().value().toString(),
                    p.practitioner().fullName(),
                    p.practitioner().active(),
                    p.practitioner().roles().stream()
                            .filter(r -> ScheduleSetup.CLINICAL_ROLES.contains(r.role()))
                            .map(r -> r.branchId().value().toString())
                            .distinct()
                            .sorted()
                            .toList(),
                    p.templates().stream().map(BranchSchedule::from).toList());
        }
    }

    @GetMapping("/api/v1/practitioners")
    @PreAuthorize(SchedulingRoles.SEE_SCHEDULES)
    @Operation(summary = "Staff with a clinical role (in a branch, if given), with their weekly schedules")
    List<PractitionerResponse> practitioners(@RequestParam(required = false) @Nullable String branchId) {
        Inputs inputs = new Inputs();
        UUID branch = inputs.optionalId("branchId", branchId);
        inputs.check();
        return setup.practitioners(branch == null ? null : new BranchId(branch)).stream()
                .map(PractitionerResponse::from)
                .toList();
    }

    @GetMapping("/api/v1/practitioners/{userId}/schedule")
    @PreAuthorize(SchedulingRoles.SEE_SCHEDULES)
    @Operation(summary = "A practitioner's weekly schedules, one per branch")
    PractitionerResponse schedule(@PathVariable UUID userId) {
        return PractitionerResponse.from(setup.read(userId));
    }

    @PutMapping("/api/v1/practitioners/{userId}/schedule")
    @PreAuthorize(SchedulingRoles.SET_UP)
    @Operation(summary = "Replace a practitioner's weekly template in one branch {branchId, weekly, serviceIds}")
    PractitionerResponse replaceSchedule(@PathVariable UUID userId, @RequestBody ScheduleRequest request) {
        return PractitionerResponse.from(
                setup.replace(userId, request.branchId(), request.weekly(), request.serviceIds()));
    }

    record ExceptionRequest(
            @Nullable String from,
            @Nullable String to,
            @Nullable String kind,
            @Nullable String branchId,
            @Nullable String note) {}

    record ExceptionResponse(
            String id,
            String kind,
            String from,
            String to,
            @Nullable String branchId,
            @Nullable String note,
            @Nullable List<String> affectedAppointmentIds) {
        static ExceptionResponse from(ScheduleException e, @Nullable List<UUID> affected) {
            return new ExceptionResponse(
                    e.id().toString(),
                    e.kind().name(),
                    e.from().toString(),
                    e.to().toString(),
                    e.branch() == null ? null : e.branch().value().toString(),
                    e.note(),
                    affected == null
                            ? null
                            : affected.stream().map(UUID::toString).toList());
        }
    }

    @PostMapping("/api/v1/practitioners/{userId}/exceptions")
    @PreAuthorize(SchedulingRoles.SET_UP)
    @Operation(summary = "Add an absence or extra shift {from, to, kind, branchId?, note?}")
    ResponseEntity<ExceptionResponse> addException(@PathVariable UUID userId, @RequestBody ExceptionRequest request) {
        ScheduleSetup.AddedException added = setup.addException(
                userId, request.from(), request.to(), request.kind(), request.branchId(), request.note());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(ExceptionResponse.from(added.exception(), added.affectedAppointments()));
    }

    @GetMapping("/api/v1/practitioners/{userId}/exceptions")
    @PreAuthorize(SchedulingRoles.SEE_SCHEDULES)
    @Operation(summary = "A practitioner's exceptions overlapping [from, to)")
    List<ExceptionResponse> exceptions(
            @PathVariable UUID userId,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        Inputs inputs = new Inputs();
        java.time.OffsetDateTime start = from == null ? null : inputs.requiredMoment("from", from);
        java.time.OffsetDateTime end = to == null ? null : inputs.requiredMoment("to", to);
        inputs.check();
        Instant lower = start == null ? Instant.parse("2000-01-01T00:00:00Z") : start.toInstant();
        Instant upper = end == null ? Instant.parse("2200-01-01T00:00:00Z") : end.toInstant();
        return setup.exceptions(userId, lower, upper).stream()
                .map(e -> ExceptionResponse.from(e, null))
                .toList();
    }

    @DeleteMapping("/api/v1/practitioners/{userId}/exceptions/{exceptionId}")
    @PreAuthorize(SchedulingRoles.SET_UP)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an exception")
    void removeException(@PathVariable UUID userId, @PathVariable UUID exceptionId) {
        setup.removeException(userId, exceptionId);
    }

    record SlotResponse(String start, String end, String branchId) {}

    @GetMapping("/api/v1/practitioners/{userId}/slots")
    @PreAuthorize(SchedulingRoles.SEE_SCHEDULES)
    @Operation(summary = "Free slots of a service on a date, in the branch's time zone")
    List<SlotResponse> slots(
            @PathVariable UUID userId,
            @RequestParam(required = false) @Nullable String date,
            @RequestParam(required = false) @Nullable String serviceId,
            @RequestParam(required = false) @Nullable String branchId) {
        return slots.slots(userId, date, serviceId, branchId).stream()
                .map(s -> new SlotResponse(
                        time(s.start(), s.zone()),
                        time(s.end(), s.zone()),
                        s.branch().value().toString()))
                .toList();
    }

    private static String time(Instant instant, ZoneId zone) {
        return AppointmentResponse.time(instant, zone);
    }
}
