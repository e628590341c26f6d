package org.shifo.terminology.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.platform.Problems;
import org.shifo.terminology.Terminology;
import org.shifo.terminology.TerminologyRoles;
import org.shifo.terminology.importing.CodeSetImports;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Diagnosis code sets: import a file (administrators; the import runs in the background, follow it at its
 * Location) and search codes by code prefix or words in any language imported (administrators, doctors, nurses).
 */
@RestController
@Tag(name = "Terminology", description = "Diagnosis code sets (ICD-10, ICD-10-CM, local lists): import and search")
class TerminologyApiController {

    static final int DEFAULT_LIMIT = 20;

    private final CodeSetImports imports;
    private final Terminology terminology;

    TerminologyApiController(CodeSetImports imports, Terminology terminology) {
        this.imports = imports;
        this.terminology = terminology;
    }

    @PostMapping(path = "/api/v1/terminology/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(TerminologyRoles.IMPORT)
    @Operation(
            summary = "Import a code set file (multipart: file, format, system?)",
            description = "format is ICD10_CLAML (WHO ICD-10 ClaML XML), MKB10_NSI_CSV (the Russian МКБ-10 reference"
                    + " data CSV), ICD10CM_ORDER (the US ICD-10-CM order file) or CSV (code,title,parent,language,leaf:"
                    + " a local list or more titles). system (ICD10, ICD10_CM or a local list's name) defaults to the"
                    + " format's; only CSV may choose. Answers 202 with the QUEUED job and its Location; a file of"
                    + " another format, an empty or oversized file, an unknown format or a system the format does not"
                    + " hold is a 400/422 problem naming the field, and nothing is stored. Files up to 40 MB by"
                    + " default (shifo.terminology.max-import-size).")
    ResponseEntity<ImportJobResponse> submit(
            @RequestPart(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam(name = "format", required = false) @Nullable String format,
            @RequestParam(name = "system", required = false) @Nullable String system) {
        if (file == null) {
            throw BadParameterException.missing("file");
        }
        ImportJobResponse job = ImportJobResponse.from(imports.submit(new CodeSetImports.Upload(
                format, system, file.getOriginalFilename(), file.getSize(), file::getInputStream)));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/terminology/imports/" + job.id()))
                .body(job);
    }

    @GetMapping("/api/v1/terminology/imports/{id}")
    @PreAuthorize(TerminologyRoles.IMPORT)
    @Operation(summary = "One import job: status (QUEUED, RUNNING, SUCCEEDED, FAILED), processed of total, counts")
    ImportJobResponse job(@PathVariable UUID id) {
        return ImportJobResponse.from(imports.job(id));
    }

    @GetMapping("/api/v1/terminology/imports")
    @PreAuthorize(TerminologyRoles.IMPORT)
    @Operation(summary = "The clinic's recent import jobs, newest first (limit 1-200, default 50)")
    List<ImportJobResponse> jobs(@RequestParam(name = "limit", defaultValue = "50") int limit) {
        return imports.recent(limit).stream().map(ImportJobResponse::from).toList();
    }

    @GetMapping("/api/v1/terminology/search")
    @PreAuthorize(TerminologyRoles.SEARCH)
    @Operation(
            summary = "Search codes by code prefix (a00, L20.8) or words in any language imported",
            description = "system: ICD10, ICD10_CM, their FHIR URIs, or a local list's name. Active, codable codes"
                    + " first. display is in lang (else the Accept-Language, else English, Russian, Uzbek). An empty"
                    + " list when no set of the system is imported.")
    List<ConceptResponse> search(
            @RequestParam(name = "system", required = false) @Nullable String system,
            @RequestParam(name = "q", required = false) @Nullable String q,
            @Parameter(description = "the language of the titles: uz, ru, en")
                    @RequestParam(name = "lang", required = false)
                    @Nullable
                    String lang,
            @RequestParam(name = "limit", defaultValue = "20") int limit,
            HttpServletRequest request) {
        if (system == null || system.isBlank()) {
            throw BadParameterException.missing("system");
        }
        if (q == null || q.isBlank()) {
            throw BadParameterException.missing("q");
        }
        if (limit < 1 || limit > 100) {
            throw new BadParameterException("limit", "range", "must be between 1 and 100");
        }
        String canonical = terminology
                .system(system)
                .orElseThrow(() -> new BadParameterException(
                        "system", "unknown", "must be ICD10, ICD10_CM or the name of a code list imported"));
        String language =
                lang == null || lang.isBlank() ? Problems.language(request).getLanguage() : lang;
        return terminology.search(canonical, q, language, limit).stream()
                .map(ConceptResponse::from)
                .toList();
    }

    /** A parameter that is missing or out of range: a 400 naming it. */
    static final class BadParameterException extends RuntimeException {

        private final String field;
        private final String code;

        BadParameterException(String field, String code, String message) {
            super(message);
            this.field = field;
            this.code = code;
        }

        String field() {
            return field;
        }

        String code() {
            return code;
        }

        static BadParameterException missing(String field) {
            return new BadParameterException(field, "required", "is required");
        }
    }
}
