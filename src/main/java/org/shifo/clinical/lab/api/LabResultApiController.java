package org.shifo.clinical.lab.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.clinical.ClinicalRoles;
import org.shifo.clinical.lab.LabResult;
import org.shifo.clinical.lab.LabResultBook;
import org.shifo.patients.PatientId;
import org.shifo.platform.Problems;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A patient's laboratory results: recorded by the laboratory or a doctor (or a laboratory system through the
 * API), read by clinical staff. Bad input is a 400 naming each field and rule, with the nearest test codes for
 * an unknown code and the permitted units for a unit the test does not have; nothing is stored.
 */
@RestController
@Tag(name = "Laboratory results")
class LabResultApiController {

    private final LabResultBook book;

    LabResultApiController(LabResultBook book) {
        this.book = book;
    }

    /** A result to record. */
    record RecordLabResultRequest(
            @Schema(description = "the catalogue's test code (LOINC where one exists, or an alias)", example = "718-7")
                    @Nullable
                    String testCode,
            @Schema(description = "a number for a numeric test (text for a text test)", example = "135") @Nullable
                    JsonNode value,
            @Schema(
                            description = "the unit the value is in (UCUM); converted when the catalogue permits",
                            example = "g/L")
                    @Nullable
                    String unit,
            @Schema(
                            description = "when the sample was collected, ISO 8601 with offset",
                            example = "2026-11-20T08:30:00+05:00")
                    @Nullable
                    String collectedAt,
            @Schema(description = "an encounter of the patient the result belongs to") @Nullable String encounterId,
            @Schema(description = "a note (never logged)") @Nullable String note) {

        LabResultBook.RecordInput toInput() {
            return new LabResultBook.RecordInput(testCode, value(value), unit, collectedAt, encounterId, note);
        }

        private static @Nullable Object value(@Nullable JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return null;
            }
            if (node.isNumber()) {
                return new BigDecimal(node.toString());
            }
            if (node.isString()) {
                return node.asString();
            }
            return node.getNodeType().name();
        }
    }

    @PostMapping("/api/v1/patients/{id}/lab-results")
    @PreAuthorize(ClinicalRoles.RECORD_LAB_RESULTS)
    @Operation(
            summary = "Record a laboratory result {testCode, value, unit, collectedAt, encounterId?, note?}:"
                    + " 201 with the value in the catalogue's unit, the flag (N, L, H, LL, HH) and the range used")
    ResponseEntity<LabResultResponse> record(
            @PathVariable UUID id, @RequestBody RecordLabResultRequest request, HttpServletRequest http) {
        LabResultBook.Shown shown = book.record(new PatientId(id), request.toInput(), LabResult.Source.API);
        LabResultResponse body =
                LabResultResponse.from(shown, Problems.language(http).getLanguage());
        return ResponseEntity.created(URI.create("/api/v1/patients/" + id + "/lab-results/" + body.id()))
                .body(body);
    }

    /** Which results to release; all of the patient's unreleased results when {@code resultIds} is left out. */
    record ReleaseRequest(
            @Schema(description = "the results to release (ids); left out: every result not yet released") @Nullable
                    List<String> resultIds) {}

    /** What a release did. */
    record ReleaseResponse(
            @Schema(description = "the results newly released (already released ones are not repeated)")
                    List<String> released,
            @Schema(description = "when") String releasedAt) {}

    @PostMapping("/api/v1/patients/{id}/lab-results/release")
    @PreAuthorize(ClinicalRoles.RELEASE_LAB_RESULTS)
    @Operation(
            summary = "Release laboratory results to the patient {resultIds?}: the patient is told they are ready"
                    + " (no values in the message); repeating a release changes nothing")
    ReleaseResponse release(@PathVariable UUID id, @RequestBody(required = false) @Nullable ReleaseRequest request) {
        LabResultBook.Release release = book.release(new PatientId(id), request == null ? null : request.resultIds());
        return new ReleaseResponse(
                release.released().stream().map(UUID::toString).toList(),
                release.at().toString());
    }

    @GetMapping("/api/v1/patients/{id}/lab-results")
    @PreAuthorize(ClinicalRoles.READ_LAB_RESULTS)
    @Operation(
            summary = "A patient's laboratory results, newest collected first; with testCode, one test's series"
                    + " (a trend)")
    List<LabResultResponse> list(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String testCode,
            @RequestParam(required = false) @Nullable Integer limit,
            HttpServletRequest http) {
        String language = Problems.language(http).getLanguage();
        return book.list(new PatientId(id), testCode, limit == null ? 200 : limit).stream()
                .map(shown -> LabResultResponse.from(shown, language))
                .toList();
    }
}
