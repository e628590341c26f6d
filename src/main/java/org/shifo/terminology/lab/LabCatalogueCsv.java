package org.shifo.terminology.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.shifo.terminology.LabCodeSystem;
import org.shifo.terminology.LabTest;

/**
 * The catalogue's CSV format (docs/clinical.md, "Laboratory"): UTF-8, RFC 4180, a header naming the columns in
 * any order, one row per reference range. A test's own columns are read from its first row; its further rows
 * add ranges (their test columns may stay blank).
 *
 * <pre>
 * code,system,aliases,name_en,name_ru,name_uz,value_type,unit,conversions,panels,critical_low,critical_high,
 * critical_source,impossible_above,sex,age_from,age_to,low,high,source
 * </pre>
 */
final class LabCatalogueCsv {

    static final List<String> COLUMNS = List.of(
            "code",
            "system",
            "aliases",
            "name_en",
            "name_ru",
            "name_uz",
            "value_type",
            "unit",
            "conversions",
            "panels",
            "critical_low",
            "critical_high",
            "critical_source",
            "impossible_above",
            "sex",
            "age_from",
            "age_to",
            "low",
            "high",
            "source");

    static final List<String> REQUIRED = List.of("code", "system", "name_en", "unit");

    static final int MAX_ROWS = 5_000;

    private LabCatalogueCsv() {}

    /**
     * The tests of the file, in its order; every broken rule at once, nothing when one is broken. {@code
     * defaultRanges} marks the ranges "replace with your laboratory's ranges" (the starter catalogue's).
     */
    static List<LabTest> read(InputStream in, boolean defaultRanges) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new InputStreamReader(in, decoder)) {
            return read(CsvRows.read(reader, MAX_ROWS), defaultRanges);
        } catch (CharacterCodingException notUtf8) {
            throw new LabCatalogueRuleException(
                    List.of(CatalogueRule.of("file", "not-utf8", "must be a CSV file in UTF-8")));
        } catch (CsvRows.MalformedCsvException malformed) {
            throw new LabCatalogueRuleException(List.of(CatalogueRule.of(
                    "line " + malformed.line(),
                    "malformed-csv",
                    "is not valid CSV: {0}",
                    String.valueOf(malformed.getMessage()))));
        } catch (IOException unreadable) {
            throw new LabCatalogueRuleException(List.of(CatalogueRule.of("file", "unreadable", "could not be read")));
        }
    }

    private static List<LabTest> read(List<CsvRows.Row> rows, boolean defaultRanges) {
        if (rows.isEmpty()) {
            throw new LabCatalogueRuleException(
                    List.of(CatalogueRule.of("file", "empty", "has no header and no rows")));
        }
        Map<String, Integer> header = new HashMap<>();
        List<CatalogueRule> headerRules = new ArrayList<>();
        List<String> names = rows.getFirst().fields();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip().toLowerCase(java.util.Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                headerRules.add(CatalogueRule.of(
                        "line 1",
                        "unknown-column",
                        "names an unknown column {0}; the columns are {1}",
                        name,
                        String.join(",", COLUMNS)));
            } else if (header.putIfAbsent(name, i) != null) {
                headerRules.add(CatalogueRule.of("line 1", "duplicate-column", "names the column {0} twice", name));
            }
        }
        for (String required : REQUIRED) {
            if (!header.containsKey(required)) {
                headerRules.add(CatalogueRule.of("line 1", "missing-column", "lacks the column {0}", required));
            }
        }
        if (!headerRules.isEmpty()) {
            throw new LabCatalogueRuleException(headerRules);
        }
        LabTestRules rules = new LabTestRules();
        Map<String, Draft> drafts = new LinkedHashMap<>();
        java.util.Set<String> failed = new java.util.HashSet<>();
        for (CsvRows.Row row : rows.subList(1, rows.size())) {
            Fields fields = new Fields(header, row);
            String where = "line " + row.line() + ", ";
            String code = rules.code(where + "code", fields.get("code"));
            if (code == null) {
                continue;
            }
            Draft draft = drafts.get(code);
            if (draft == null && failed.add(code)) {
                draft = Draft.read(rules, where, code, fields, drafts.size(), defaultRanges);
                if (draft != null) {
                    drafts.put(code, draft);
                    failed.remove(code);
                }
            }
            LabTest.ReferenceRange range = rules.range(
                    where,
                    fields.get("sex"),
                    fields.get("age_from"),
                    fields.get("age_to"),
                    fields.get("low"),
                    fields.get("high"),
                    fields.get("source"));
            if (range != null && draft != null) {
                draft.ranges.add(range);
            }
        }
        rules.check();
        return drafts.values().stream().map(Draft::toTest).toList();
    }

    /** A row's fields by column name; a missing column or a short row reads as blank. */
    private record Fields(Map<String, Integer> header, CsvRows.Row row) {

        @Nullable
        String get(String column) {
            Integer index = header.get(column);
            return index == null || index >= row.fields().size()
                    ? null
                    : row.fields().get(index);
        }
    }

    private static final class Draft {

        private final LabTest template;
        private final List<LabTest.ReferenceRange> ranges = new ArrayList<>();

        private Draft(LabTest template) {
            this.template = template;
        }

        static @Nullable Draft read(
                LabTestRules rules, String where, String code, Fields fields, int position, boolean defaultRanges) {
            int before = rules.rules().size();
            LabCodeSystem system = rules.system(where + "system", fields.get("system"), code);
            String nameEn = rules.name(where + "name_en", fields.get("name_en"), true);
            String nameRu = rules.name(where + "name_ru", fields.get("name_ru"), false);
            String nameUz = rules.name(where + "name_uz", fields.get("name_uz"), false);
            LabTest.ValueType type = rules.valueType(where + "value_type", fields.get("value_type"));
            String unit = rules.unit(where + "unit", fields.get("unit"), type == LabTest.ValueType.QUANTITY);
            var conversions = rules.conversions(where + "conversions", fields.get("conversions"), unit);
            var aliases = rules.list(where + "aliases", fields.get("aliases"), LabTestRules.CODE, "2345-7");
            var panels = rules.list(where + "panels", fields.get("panels"), LabTestRules.PANEL, "CBC");
            var criticalLow = rules.decimal(where + "critical_low", fields.get("critical_low"));
            var criticalHigh = rules.decimal(where + "critical_high", fields.get("critical_high"));
            rules.criticalOrder(where + "critical_high", criticalLow, criticalHigh);
            String criticalSource = rules.source(
                    where + "critical_source",
                    fields.get("critical_source"),
                    criticalLow != null || criticalHigh != null);
            var impossibleAbove = rules.decimal(where + "impossible_above", fields.get("impossible_above"));
            if (impossibleAbove != null && impossibleAbove.signum() == 0) {
                rules.add(CatalogueRule.of(where + "impossible_above", "zero-limit", "must be above zero"));
            }
            if (rules.rules().size() > before || system == null || nameEn == null) {
                return null;
            }
            return new Draft(new LabTest(
                    code,
                    system,
                    aliases.stream().filter(alias -> !alias.equals(code)).toList(),
                    Map.of(
                            "en",
                            nameEn,
                            "ru",
                            nameRu == null ? nameEn : nameRu,
                            "uz",
                            nameUz == null ? nameEn : nameUz),
                    type,
                    unit == null ? "" : unit,
                    conversions,
                    List.of(),
                    criticalLow,
                    criticalHigh,
                    criticalSource == null ? "" : criticalSource,
                    impossibleAbove,
                    defaultRanges,
                    panels,
                    true,
                    position));
        }

        LabTest toTest() {
            return template.withRanges(ranges);
        }
    }
}
