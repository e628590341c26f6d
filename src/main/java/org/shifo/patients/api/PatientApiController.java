package org.shifo.patients.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.patients.PatientId;
import org.shifo.patients.domain.PatientRecord;
import org.shifo.patients.registry.DuplicateReview;
import org.shifo.patients.registry.PatientMerging;
import org.shifo.patients.registry.PatientRegistry;
import org.shifo.patients.registry.PatientSearch;
import org.shifo.patients.registry.RegistryClock;
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

/**
 * The patient registry API. Who may do what is in docs/security.md: every staff role may search and read
 * (the laboratory sees demographics without notes); admins, doctors, nurses and receptionists register and
 * edit; admins delete, merge and review duplicates. A record of another organization is a 404.
 */
@RestController
@Tag(name = "Patients")
class PatientApiController {

    static final String READ = "hasAnyRole('ADMIN', 'DOCTOR', 'NURSE', 'RECEPTIONIST', 'CASHIER', 'LAB')";
    static final String WRITE = "hasAnyRole('ADMIN', 'DOCTOR', 'NURSE', 'RECEPTIONIST')";

    private final PatientRegistry registry;
    private final PatientSearch search;
    private final PatientMerging merging;
    private final DuplicateReview duplicates;
    private final RegistryClock clock;

    PatientApiController(
            PatientRegistry registry,
            PatientSearch search,
            PatientMerging merging,
            DuplicateReview duplicates,
            RegistryClock clock) {
        this.registry = registry;
        this.search = search;
        this.merging = merging;
        this.duplicates = duplicates;
        this.clock = clock;
    }

    @GetMapping("/api/v1/patients")
    @PreAuthorize(READ)
    @Operation(summary = "Search by name, phone, identifier or medical record number; ranked, cursor-paged")
    PatientSearchResponse search(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable LocalDate birthDate,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        return PatientSearchResponse.from(search.search(q, birthDate, cursor, limit), clock.today());
    }

    @PostMapping("/api/v1/patients")
    @PreAuthorize(WRITE)
    @Operation(summary = "Register a patient (409 possible-duplicate / duplicate-identifier)")
    ResponseEntity<PatientResponse> register(@RequestBody PatientRequest request) {
        PatientRecord record = registry.register(request.toForm(), Boolean.TRUE.equals(request.registerAnyway()));
        return ResponseEntity.created(URI.create("/api/v1/patients/" + record.id()))
                .body(PatientResponse.from(record, clock.today(), true));
    }

    @GetMapping("/api/v1/patients/{id}")
    @PreAuthorize(READ)
    @Operation(summary = "Read a patient record (the read is audited)")
    PatientResponse get(@PathVariable UUID id) {
        return PatientResponse.from(registry.read(new PatientId(id)), clock.today(), seesClinicalDetails());
    }

    @PutMapping("/api/v1/patients/{id}")
    @PreAuthorize(WRITE)
    @Operation(summary = "Replace a patient record's data")
    PatientResponse update(@PathVariable UUID id, @RequestBody PatientRequest request) {
        return PatientResponse.from(
                registry.update(new PatientId(id), request.toForm(), request.version()), clock.today(), true);
    }

    @DeleteMapping("/api/v1/patients/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Soft-delete a patient record (kept with its history)")
    void delete(@PathVariable UUID id) {
        registry.delete(new PatientId(id));
    }

    record MergeRequest(@Nullable UUID mergedId, @Nullable Map<String, @Nullable String> fieldChoices) {}

    record MergeResponse(String mergeId, String survivorId, String mergedId) {}

    @PostMapping("/api/v1/patients/{survivorId}/merge")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Merge another record into this one; fieldChoices: field → survivor | merged (| both)")
    MergeResponse merge(@PathVariable UUID survivorId, @RequestBody MergeRequest request) {
        if (request.mergedId() == null) {
            throw new org.shifo.patients.domain.PatientRuleException(
                    List.of(org.shifo.patients.domain.Violation.of("mergedId", "required", "is required")));
        }
        UUID mergeId =
                merging.merge(new PatientId(survivorId), new PatientId(request.mergedId()), request.fieldChoices());
        return new MergeResponse(
                mergeId.toString(), survivorId.toString(), request.mergedId().toString());
    }

    @PostMapping("/api/v1/patient-merges/{mergeId}/undo")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Undo a merge: both records and the moved references as before")
    void undo(@PathVariable UUID mergeId) {
        merging.undo(mergeId);
    }

    record PairResponse(
            PatientSearchResponse.Item first, PatientSearchResponse.Item second, int score, List<String> reasons) {}

    record DuplicatesResponse(List<PairResponse> items) {}

    @GetMapping("/api/v1/patients/duplicates")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Likely duplicate pairs across the registry, most likely first")
    DuplicatesResponse duplicates(@RequestParam(required = false) @Nullable Integer limit) {
        int size = limit == null ? 50 : Math.max(1, Math.min(200, limit));
        LocalDate today = clock.today();
        return new DuplicatesResponse(duplicates.likelyPairs(size).stream()
                .map(pair -> new PairResponse(
                        PatientItems.item(pair.first(), today),
                        PatientItems.item(pair.second(), today),
                        pair.match().score(),
                        pair.match().texts()))
                .toList());
    }

    record NotDuplicateRequest(@Nullable UUID otherId) {}

    @PostMapping("/api/v1/patients/{id}/not-duplicate")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Mark a pair as two different people; it leaves the duplicates list")
    void notDuplicate(@PathVariable UUID id, @RequestBody NotDuplicateRequest request) {
        if (request.otherId() == null) {
            throw new org.shifo.patients.domain.PatientRuleException(
                    List.of(org.shifo.patients.domain.Violation.of("otherId", "required", "is required")));
        }
        duplicates.markNotDuplicate(new PatientId(id), new PatientId(request.otherId()));
    }

    /** The laboratory sees demographics; notes are for those who treat or register the patient. */
    private static boolean seesClinicalDetails() {
        Staff staff = CurrentUser.get();
        return staff.hasRole(Role.ADMIN)
                || staff.hasRole(Role.DOCTOR)
                || staff.hasRole(Role.NURSE)
                || staff.hasRole(Role.RECEPTIONIST);
    }
}
