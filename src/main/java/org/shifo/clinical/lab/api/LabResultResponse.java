package org.shifo.clinical.lab.api;

import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.shifo.clinical.lab.LabResult;
import org.shifo.clinical.lab.LabResultBook;
import org.shifo.terminology.LabTest;

/**
 * A laboratory result as the API shows it: the value and unit as entered, the value in the catalogue's unit,
 * the flag (N, L, H, LL, HH, or null without a range) and the reference range it was computed from.
 *
 * @param value the value as entered: a number for a numeric test, text for a text test
 */
public record LabResultResponse(
        String id,
        String patientId,
        @Nullable String encounterId,
        String testCode,
        String testSystem,
        @Nullable String testName,
        Object value,
        String unit,
        @Nullable BigDecimal valueInCatalogueUnit,
        String catalogueUnit,
        @Nullable String flag,
        boolean critical,
        @Nullable RangeResponse referenceRange,
        @Nullable BigDecimal criticalLow,
        @Nullable BigDecimal criticalHigh,
        String collectedAt,
        String recordedAt,
        String recordedBy,
        String source,
        @Nullable String note,
        @Nullable String releasedAt,
        @Nullable String releasedBy) {

    /** The reference range used, in the catalogue's unit; {@code replaceWithLaboratoryRanges} marks a default. */
    public record RangeResponse(
            @Nullable BigDecimal low,
            @Nullable BigDecimal high,
            String unit,
            String sex,
            String ageFrom,
            @Nullable String ageTo,
            String source,
            boolean replaceWithLaboratoryRanges) {}

    public static LabResultResponse from(LabResultBook.Shown shown, String language) {
        LabResult r = shown.result();
        LabTest test = shown.test();
        LabResult.Range range = r.range();
        return new LabResultResponse(
                r.id().toString(),
                r.patientId().toString(),
                r.encounterId() == null ? null : r.encounterId().toString(),
                r.testCode(),
                r.testSystem().equals("LOINC") ? "http://loinc.org" : "urn:shifo:lab-test",
                test == null ? null : test.name(language),
                r.valueEntered() != null ? r.valueEntered() : r.valueText(),
                r.unitEntered(),
                r.valueConverted(),
                r.catalogueUnit(),
                r.flag() == null ? null : r.flag().name(),
                r.critical(),
                range == null
                        ? null
                        : new RangeResponse(
                                range.low(),
                                range.high(),
                                r.catalogueUnit(),
                                range.sex(),
                                range.ageFrom(),
                                range.ageTo(),
                                range.source(),
                                range.isDefault()),
                r.criticalLow(),
                r.criticalHigh(),
                r.collectedAt().toString(),
                r.recordedAt().toString(),
                r.recordedBy().toString(),
                r.source().name(),
                r.note(),
                r.releasedAt() == null ? null : r.releasedAt().toString(),
                r.releasedBy() == null ? null : r.releasedBy().toString());
    }

    static Map<String, String> suggestion(LabTest test, String language) {
        return Map.of("code", test.code(), "name", test.name(language), "unit", test.unit());
    }
}
