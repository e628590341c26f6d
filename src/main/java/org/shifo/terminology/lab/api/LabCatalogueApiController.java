package org.shifo.terminology.lab.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.shifo.terminology.LabTest;
import org.shifo.terminology.lab.ClinicLabCatalogue;
import org.shifo.terminology.lab.LabTestNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The clinic's laboratory test catalogue: read by clinical staff and laboratory systems (which codes, units and
 * ranges the clinic uses), filled by administrators (CSV import, the starter catalogue).
 */
@RestController
@Tag(name = "Laboratory test catalogue")
class LabCatalogueApiController {

    static final String READ = "hasAnyRole('ADMIN', 'DOCTOR', 'NURSE', 'LAB')";
    static final String MANAGE = "hasRole('ADMIN')";

    private final ClinicLabCatalogue catalogue;

    LabCatalogueApiController(ClinicLabCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** A test as the API shows it (FHIR ObservationDefinition's shape, flattened). */
    record LabTestResponse(
            String code,
            String system,
            List<String> aliases,
            Map<String, String> names,
            String valueType,
            String unit,
            List<LabTest.UnitConversion> conversions,
            List<RangeResponse> referenceRanges,
            @Nullable BigDecimal criticalLow,
            @Nullable BigDecimal criticalHigh,
            String criticalSource,
            @Nullable BigDecimal impossibleAbove,
            boolean replaceWithLaboratoryRanges,
            List<String> panels,
            boolean active) {

        static LabTestResponse from(LabTest t) {
            return new LabTestResponse(
                    t.code(),
                    t.system().uri(),
                    t.aliases(),
                    t.names(),
                    t.valueType().name(),
                    t.unit(),
                    t.conversions(),
                    t.ranges().stream().map(RangeResponse::from).toList(),
                    t.criticalLow(),
                    t.criticalHigh(),
                    t.criticalSource(),
                    t.impossibleAbove(),
                    t.replaceWithLaboratoryRanges(),
                    t.panels(),
                    t.active());
        }
    }

    /** A reference range: sex, age band [ageFrom, ageTo) as ISO 8601 periods, limits, source. */
    record RangeResponse(
            String sex,
            String ageFrom,
            @Nullable String ageTo,
            @Nullable BigDecimal low,
            @Nullable BigDecimal high,
            String source) {

        static RangeResponse from(LabTest.ReferenceRange r) {
            return new RangeResponse(
                    r.sex().name(),
                    r.ageFrom().toString(),
                    r.ageTo() == null ? null : String.valueOf(r.ageTo()),
                    r.low(),
                    r.high(),
                    r.source());
        }
    }

    @GetMapping("/api/v1/terminology/lab-tests")
    @PreAuthorize(READ)
    @Operation(summary = "The clinic's laboratory tests with units, conversions, reference ranges and critical limits")
    List<LabTestResponse> list() {
        return catalogue.all().stream().map(LabTestResponse::from).toList();
    }

    @GetMapping("/api/v1/terminology/lab-tests/{code}")
    @PreAuthorize(READ)
    @Operation(summary = "One laboratory test, by its code or an alias")
    LabTestResponse get(@PathVariable String code) {
        return catalogue.find(code).map(LabTestResponse::from).orElseThrow(() -> new LabTestNotFoundException(code));
    }

    @PostMapping(value = "/api/v1/terminology/lab-tests/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(MANAGE)
    @Operation(
            summary = "Import a catalogue CSV file (multipart 'file'; columns in docs/clinical.md): all or nothing,"
                    + " 400 listing every broken rule by line and column")
    ClinicLabCatalogue.ImportResult importCsv(@RequestParam("file") MultipartFile file) throws IOException {
        return catalogue.importCsv(file.getInputStream());
    }

    @PostMapping("/api/v1/terminology/lab-tests/starter")
    @PreAuthorize(MANAGE)
    @Operation(summary = "Load the starter catalogue: adds only the tests the clinic lacks (idempotent)")
    ClinicLabCatalogue.StarterLoad loadStarter() {
        return catalogue.loadStarter();
    }
}
