package org.shifo.terminology.lab.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.shifo.terminology.LabTest;
import org.shifo.terminology.lab.CatalogueRule;
import org.shifo.terminology.lab.ClinicLabCatalogue;
import org.shifo.terminology.lab.LabCatalogueRuleException;
import org.shifo.terminology.lab.StarterCatalogue;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The administrator's laboratory catalogue: every test with its unit, conversions, ranges and critical limits;
 * a test's edit form; CSV import; and the button that loads the starter catalogue (only the tests the clinic
 * lacks). Shows the LOINC copyright notice the catalogue's codes require.
 */
@Controller
@PreAuthorize(LabCataloguePageController.MANAGE)
class LabCataloguePageController {

    /** Only administrators change the catalogue. */
    static final String MANAGE = "hasRole('ADMIN')";

    /** Empty range rows the edit form offers for new ranges. */
    static final int SPARE_RANGES = 2;

    private final ClinicLabCatalogue catalogue;
    private final StarterCatalogue starter;
    private final MessageSource messages;

    LabCataloguePageController(ClinicLabCatalogue catalogue, StarterCatalogue starter, MessageSource messages) {
        this.catalogue = catalogue;
        this.starter = starter;
        this.messages = messages;
    }

    /** A test as a row of the list. */
    record Row(
            String code,
            String system,
            String name,
            String unit,
            String conversions,
            List<String> ranges,
            String critical,
            boolean defaultRanges,
            boolean active) {}

    @GetMapping("/admin/lab-catalogue")
    String list(Model model, Locale locale) {
        listModel(model, locale, Map.of());
        return "terminology/lab-catalogue";
    }

    private void listModel(Model model, Locale locale, Map<String, String> errors) {
        String language = locale.getLanguage();
        List<Row> rows =
                catalogue.all().stream().map(test -> row(test, language)).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("loincNotice", starter.loincNotice());
        model.addAttribute("importErrors", errors);
        model.addAttribute("columns", String.join(",", ClinicLabCatalogue.csvColumns()));
    }

    private static Row row(LabTest test, String language) {
        return new Row(
                test.code(),
                test.system().name(),
                test.name(language),
                test.unit(),
                test.conversions().stream()
                        .map(c -> c.unit() + " × " + c.factor().toPlainString()
                                + (c.offset().signum() == 0
                                        ? ""
                                        : " + " + c.offset().toPlainString()))
                        .collect(Collectors.joining("; ")),
                test.ranges().stream().map(LabCataloguePageController::range).toList(),
                limits(test.criticalLow(), test.criticalHigh()),
                test.replaceWithLaboratoryRanges(),
                test.active());
    }

    private static String range(LabTest.ReferenceRange r) {
        return r.sex().name() + " " + r.ageFrom() + "–" + (r.ageTo() == null ? "" : String.valueOf(r.ageTo())) + ": "
                + limits(r.low(), r.high());
    }

    private static String limits(@Nullable BigDecimal low, @Nullable BigDecimal high) {
        if (low == null && high == null) {
            return "";
        }
        return (low == null ? "" : low.toPlainString()) + "–" + (high == null ? "" : high.toPlainString());
    }

    @PostMapping("/admin/lab-catalogue/starter")
    String loadStarter() {
        ClinicLabCatalogue.StarterLoad load = catalogue.loadStarter();
        return "redirect:/admin/lab-catalogue?starterAdded=" + load.added();
    }

    @PostMapping("/admin/lab-catalogue/import")
    String importCsv(@RequestParam(required = false) @Nullable MultipartFile file, Model model, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (file == null || file.isEmpty()) {
            errors.put("file", message("lab.catalogue.chooseFile", locale));
        } else {
            try {
                ClinicLabCatalogue.ImportResult result = catalogue.importCsv(file.getInputStream());
                return "redirect:/admin/lab-catalogue?imported=" + result.tests();
            } catch (LabCatalogueRuleException e) {
                for (CatalogueRule rule : e.rules()) {
                    errors.putIfAbsent(rule.field() + ":" + rule.code(), rule.field() + ": " + rule(rule, locale));
                }
            } catch (IOException unreadable) {
                errors.put("file", message("lab.catalogue.unreadable", locale));
            }
        }
        listModel(model, locale, errors);
        return "terminology/lab-catalogue";
    }

    // --- one test

    /** A range row of the edit form. */
    record RangeRow(String sex, String ageFrom, String ageTo, String low, String high, String source) {}

    @GetMapping("/admin/lab-catalogue/tests/{code}")
    String editForm(@PathVariable String code, Model model, Locale locale) {
        LabTest test = test(code);
        List<RangeRow> ranges = new ArrayList<>();
        for (LabTest.ReferenceRange r : test.ranges()) {
            ranges.add(new RangeRow(
                    r.sex().name(),
                    r.ageFrom().toString(),
                    r.ageTo() == null ? "" : String.valueOf(r.ageTo()),
                    r.low() == null ? "" : r.low().toPlainString(),
                    r.high() == null ? "" : r.high().toPlainString(),
                    r.source()));
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("nameEn", test.name("en"));
        form.put("nameRu", test.name("ru"));
        form.put("nameUz", test.name("uz"));
        form.put("unit", test.unit());
        form.put(
                "conversions",
                test.conversions().stream()
                        .map(c -> c.unit() + "=" + c.factor().toPlainString()
                                + (c.offset().signum() == 0
                                        ? ""
                                        : (c.offset().signum() > 0 ? "+" : "")
                                                + c.offset().toPlainString()))
                        .collect(Collectors.joining(";")));
        form.put(
                "criticalLow",
                test.criticalLow() == null ? "" : test.criticalLow().toPlainString());
        form.put(
                "criticalHigh",
                test.criticalHigh() == null ? "" : test.criticalHigh().toPlainString());
        form.put("criticalSource", test.criticalSource());
        form.put(
                "impossibleAbove",
                test.impossibleAbove() == null ? "" : test.impossibleAbove().toPlainString());
        editModel(model, test, form, ranges, !test.replaceWithLaboratoryRanges(), test.active(), Map.of(), locale);
        return "terminology/lab-test-edit";
    }

    @PostMapping("/admin/lab-catalogue/tests/{code}")
    String edit(
            @PathVariable String code,
            @RequestParam Map<String, String> params,
            @RequestParam(name = "sex", required = false) @Nullable List<String> sexes,
            @RequestParam(name = "ageFrom", required = false) @Nullable List<String> froms,
            @RequestParam(name = "ageTo", required = false) @Nullable List<String> tos,
            @RequestParam(name = "low", required = false) @Nullable List<String> lows,
            @RequestParam(name = "high", required = false) @Nullable List<String> highs,
            @RequestParam(name = "source", required = false) @Nullable List<String> sources,
            Model model,
            Locale locale) {
        LabTest test = test(code);
        List<RangeRow> ranges = new ArrayList<>();
        List<ClinicLabCatalogue.RangeInput> inputs = new ArrayList<>();
        int count = sexes == null ? 0 : sexes.size();
        for (int i = 0; i < count; i++) {
            RangeRow row =
                    new RangeRow(at(sexes, i), at(froms, i), at(tos, i), at(lows, i), at(highs, i), at(sources, i));
            ranges.add(row);
            boolean blank = row.ageTo().isBlank()
                    && row.low().isBlank()
                    && row.high().isBlank()
                    && row.source().isBlank();
            if (!blank) {
                inputs.add(new ClinicLabCatalogue.RangeInput(
                        row.sex(), row.ageFrom(), row.ageTo(), row.low(), row.high(), row.source()));
            }
        }
        boolean laboratoryRanges = params.containsKey("laboratoryRanges");
        boolean active = params.containsKey("active");
        try {
            catalogue.update(
                    test.code(),
                    new ClinicLabCatalogue.TestEdit(
                            params.get("nameEn"),
                            params.get("nameRu"),
                            params.get("nameUz"),
                            params.get("unit"),
                            params.get("conversions"),
                            params.get("criticalLow"),
                            params.get("criticalHigh"),
                            params.get("criticalSource"),
                            params.get("impossibleAbove"),
                            laboratoryRanges,
                            active,
                            inputs));
            return "redirect:/admin/lab-catalogue?saved=" + test.code();
        } catch (LabCatalogueRuleException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (CatalogueRule rule : e.rules()) {
                errors.putIfAbsent(rule.field(), rule(rule, locale));
            }
            Map<String, String> form = new LinkedHashMap<>();
            for (String field : List.of(
                    "nameEn",
                    "nameRu",
                    "nameUz",
                    "unit",
                    "conversions",
                    "criticalLow",
                    "criticalHigh",
                    "criticalSource",
                    "impossibleAbove")) {
                form.put(field, Objects.requireNonNullElse(params.get(field), ""));
            }
            editModel(model, test, form, ranges, laboratoryRanges, active, errors, locale);
            return "terminology/lab-test-edit";
        }
    }

    private void editModel(
            Model model,
            LabTest test,
            Map<String, String> form,
            List<RangeRow> ranges,
            boolean laboratoryRanges,
            boolean active,
            Map<String, String> errors,
            Locale locale) {
        List<RangeRow> rows = new ArrayList<>(ranges);
        for (int i = 0; i < SPARE_RANGES; i++) {
            rows.add(new RangeRow("ANY", "P18Y", "", "", "", ""));
        }
        model.addAttribute("test", test);
        model.addAttribute("testName", test.name(locale.getLanguage()));
        model.addAttribute("form", form);
        model.addAttribute("ranges", rows);
        model.addAttribute("laboratoryRanges", laboratoryRanges);
        model.addAttribute("active", active);
        model.addAttribute("errors", errors);
        model.addAttribute("sexes", List.of("ANY", "MALE", "FEMALE"));
    }

    private LabTest test(String code) {
        return catalogue.all().stream()
                .filter(t -> t.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String at(@Nullable List<String> values, int index) {
        return values == null || index >= values.size() ? "" : Objects.requireNonNullElse(values.get(index), "");
    }

    private String rule(CatalogueRule rule, Locale locale) {
        return Objects.requireNonNullElse(
                messages.getMessage(
                        "lab.catalogue.rule." + rule.code(), rule.arguments().toArray(), rule.message(), locale),
                rule.message());
    }

    private String message(String key, Locale locale) {
        return Objects.requireNonNullElse(messages.getMessage(key, null, key, locale), key);
    }
}
