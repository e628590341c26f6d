package org.shifo.clinical.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.clinical.ClinicalRoles;
import org.shifo.clinical.domain.ClinicalRuleException;
import org.shifo.clinical.domain.Violation;
import org.shifo.clinical.domain.VitalSigns;
import org.shifo.clinical.encounters.EncounterDesk;
import org.shifo.clinical.encounters.EncounterView;
import org.shifo.identity.BranchTimeZones;
import org.shifo.identity.CurrentUser;
import org.shifo.platform.Problems;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Encounters: open, read, write the note, record vitals and diagnoses, close, amend. Receptionists, cashiers and
 * the laboratory get 403; an encounter of another organization is a 404.
 */
@RestController
@Tag(name = "Encounters")
class EncounterApiController {

    private final EncounterDesk desk;
    private final BranchTimeZones zones;
    private final MessageSource messages;
    private final Clock clock;

    EncounterApiController(EncounterDesk desk, MessageSource messages, BranchTimeZones zones, Clock clock) {
        this.desk = desk;
        this.zones = zones;
        this.messages = messages;
        this.clock = clock;
    }

    @PostMapping("/api/v1/encounters")
    @PreAuthorize(ClinicalRoles.WRITE_ENCOUNTER)
    @Operation(
            summary = "Open an encounter {patientId, practitionerId, appointmentId?, branchId?, template?}",
            description = "201 with the new encounter; 200 with the existing one when the appointment already has one")
    ResponseEntity<EncounterResponse> open(@RequestBody EncounterDesk.OpenInput input, HttpServletRequest request) {
        Locale language = Problems.language(request);
        EncounterDesk.Opened opened = desk.open(input, language);
        EncounterResponse body = response(opened.view(), language);
        return opened.created()
                ? ResponseEntity.created(URI.create("/api/v1/encounters/" + body.id()))
                        .body(body)
                : ResponseEntity.ok(body);
    }

    record ChartResponse(List<EncounterResponse> items, @Nullable String next) {}

    @GetMapping("/api/v1/encounters")
    @PreAuthorize(ClinicalRoles.READ_CHART)
    @Operation(
            summary = "A patient's encounters, newest first, with vitals and diagnoses",
            description = "Pass the answer's 'next' as 'before' for the older page")
    ChartResponse list(
            @RequestParam UUID patientId,
            @RequestParam(required = false) @Nullable String before,
            @RequestParam(required = false, defaultValue = "50") int limit,
            HttpServletRequest request) {
        Locale language = Problems.language(request);
        EncounterDesk.ChartPage page = desk.chart(patientId, before, limit);
        return new ChartResponse(
                page.encounters().stream().map(v -> response(v, language)).toList(), page.next());
    }

    @GetMapping("/api/v1/encounters/{id}")
    @PreAuthorize(ClinicalRoles.READ_CHART)
    @Operation(summary = "One encounter with its note, vitals and diagnoses")
    EncounterResponse get(@PathVariable UUID id, HttpServletRequest request) {
        return response(desk.get(id), Problems.language(request));
    }

    /** The note sections and template as sent; a section left out stays as it is. */
    record NotesRequest(
            @Nullable String template,
            @Nullable String complaints,
            @Nullable String anamnesis,
            @Nullable String examination,
            @Nullable String dermatologicalStatus,
            @Nullable String plan,
            @Nullable String recommendations,
            @Nullable String reason) {

        Map<String, @Nullable String> sections() {
            Map<String, @Nullable String> sections = new HashMap<>();
            sections.put("complaints", complaints);
            sections.put("anamnesis", anamnesis);
            sections.put("examination", examination);
            sections.put("dermatologicalStatus", dermatologicalStatus);
            sections.put("plan", plan);
            sections.put("recommendations", recommendations);
            return sections;
        }
    }

    @PutMapping("/api/v1/encounters/{id}")
    @PreAuthorize(ClinicalRoles.WRITE_ENCOUNTER)
    @Operation(summary = "Write an open encounter's note sections and template (same as PUT .../notes)")
    EncounterResponse put(@PathVariable UUID id, @RequestBody NotesRequest body, HttpServletRequest request) {
        return notes(id, body, request);
    }

    @PutMapping("/api/v1/encounters/{id}/notes")
    @PreAuthorize(ClinicalRoles.WRITE_ENCOUNTER)
    @Operation(
            summary = "Write an open encounter's note {complaints, anamnesis, examination, dermatologicalStatus,"
                    + " plan, recommendations, template?}",
            description = "Sections left out stay as they are; a template fills the empty sections")
    EncounterResponse notes(@PathVariable UUID id, @RequestBody NotesRequest body, HttpServletRequest request) {
        return response(desk.writeNotes(id, body.sections(), body.template()), Problems.language(request));
    }

    @PostMapping("/api/v1/encounters/{id}/close")
    @PreAuthorize(ClinicalRoles.WRITE_ENCOUNTER)
    @Operation(summary = "Close an open encounter (needs a primary diagnosis that is not ruled out)")
    EncounterResponse close(@PathVariable UUID id, HttpServletRequest request) {
        return response(desk.close(id), Problems.language(request));
    }

    @PostMapping("/api/v1/encounters/{id}/amend")
    @PreAuthorize(ClinicalRoles.WRITE_ENCOUNTER)
    @Operation(
            summary = "Amend a closed encounter's note {reason, sections...}: its author or an administrator",
            description = "The version before the change is kept (GET .../versions)")
    EncounterResponse amend(@PathVariable UUID id, @RequestBody NotesRequest body, HttpServletRequest request) {
        return response(desk.amend(id, body.sections(), body.reason()), Problems.language(request));
    }

    record VersionResponse(int version, Map<String, String> notes, UUID amendedBy, Instant amendedAt, String reason) {}

    @GetMapping("/api/v1/encounters/{id}/versions")
    @PreAuthorize(ClinicalRoles.READ_CHART)
    @Operation(summary = "The previous versions of an amended encounter's note, newest first")
    List<VersionResponse> versions(@PathVariable UUID id) {
        return desk.versions(id).stream()
                .map(v ->
                        new VersionResponse(v.version(), v.notes().byName(), v.amendedBy(), v.amendedAt(), v.reason()))
                .toList();
    }

    /** One set of measurements as sent; {@code measuredAt} (with offset) defaults to now. */
    record VitalsRequest(
            @Nullable Integer systolic,
            @Nullable Integer diastolic,
            @Nullable Integer pulse,
            @Nullable Integer respiratoryRate,
            @Nullable BigDecimal temperatureC,
            @Nullable Integer spo2,
            @Nullable BigDecimal weightKg,
            @Nullable BigDecimal heightCm,
            @Nullable Integer painScore,
            @Nullable String measuredAt) {}

    @PostMapping("/api/v1/encounters/{id}/vitals")
    @PreAuthorize(ClinicalRoles.RECORD_VITALS)
    @Operation(
            summary = "Record vital signs {systolic, diastolic, pulse, respiratoryRate, temperatureC, spo2,"
                    + " weightKg, heightCm, painScore, measuredAt}",
            description = "Impossible values: 422 naming the allowed range. Abnormal values: 201 with flags."
                    + " BMI is computed from weight and height.")
    ResponseEntity<EncounterResponse.VitalsResponse> vitals(
            @PathVariable UUID id, @RequestBody VitalsRequest body, HttpServletRequest request) {
        Instant measuredAt = measuredAt(body.measuredAt());
        EncounterDesk.RecordedVitals recorded = desk.recordVitals(
                id,
                new VitalSigns(
                        body.systolic(),
                        body.diastolic(),
                        body.pulse(),
                        body.respiratoryRate(),
                        body.temperatureC(),
                        body.spo2(),
                        body.weightKg(),
                        body.heightCm(),
                        body.painScore(),
                        measuredAt));
        return ResponseEntity.created(URI.create("/api/v1/encounters/" + id + "/vitals/"
                        + recorded.vitals().id()))
                .body(EncounterResponse.VitalsResponse.from(
                        recorded.vitals(), recorded.zone(), messages, Problems.language(request)));
    }

    private Instant measuredAt(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return clock.instant();
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ClinicalRuleException.invalid(Violation.of(
                    "measuredAt", "time-format", "must be a time with its offset, like 2026-11-22T09:30:00+05:00"));
        }
    }

    @PostMapping("/api/v1/encounters/{id}/diagnoses")
    @PreAuthorize(ClinicalRoles.WRITE_ENCOUNTER)
    @Operation(
            summary = "Add a diagnosis {system, code, kind: PRIMARY|SECONDARY, status: SUSPECTED|CONFIRMED|RULED_OUT,"
                    + " onsetDate?}",
            description = "A code that may not be recorded: 422 with the nearest valid codes in 'suggestions'")
    ResponseEntity<EncounterResponse.DiagnosisResponse> diagnosis(
            @PathVariable UUID id, @RequestBody EncounterDesk.DiagnosisInput body, HttpServletRequest request) {
        EncounterResponse.DiagnosisResponse added =
                EncounterResponse.DiagnosisResponse.from(desk.addDiagnosis(id, body, Problems.language(request)));
        return ResponseEntity.created(URI.create("/api/v1/encounters/" + id + "/diagnoses/" + added.id()))
                .body(added);
    }

    @DeleteMapping("/api/v1/encounters/{id}/diagnoses/{diagnosisId}")
    @PreAuthorize(ClinicalRoles.WRITE_ENCOUNTER)
    @Operation(summary = "Remove a diagnosis from an open encounter (kept in the record as removed)")
    ResponseEntity<Void> removeDiagnosis(@PathVariable UUID id, @PathVariable UUID diagnosisId) {
        desk.removeDiagnosis(id, diagnosisId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/patients/{id}/vitals")
    @PreAuthorize(ClinicalRoles.READ_CHART)
    @Operation(summary = "A patient's vital signs of the last 'days' days (default 365), oldest first, for trends")
    List<EncounterResponse.VitalsResponse> trend(
            @PathVariable UUID id,
            @RequestParam(required = false, defaultValue = "365") int days,
            HttpServletRequest request) {
        if (days < 1 || days > 3660) {
            throw ClinicalRuleException.invalid(Violation.of("days", "range", "must be between 1 and 3660", 1, 3660));
        }
        Locale language = Problems.language(request);
        // the caller's branch's zone: the measurements are of any branch, the dates are read where the reader is
        ZoneId zone = zones.of(CurrentUser.get());
        return desk.vitalsTrend(id, days).stream()
                .map(v -> EncounterResponse.VitalsResponse.from(v, zone, messages, language))
                .toList();
    }

    private EncounterResponse response(EncounterView view, Locale language) {
        return EncounterResponse.from(view, messages, language);
    }
}
