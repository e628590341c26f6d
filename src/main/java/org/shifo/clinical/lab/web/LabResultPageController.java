package org.shifo.clinical.lab.web;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.clinical.ClinicalRoles;
import org.shifo.clinical.LabFlag;
import org.shifo.clinical.lab.LabPatientNotFoundException;
import org.shifo.clinical.lab.LabResult;
import org.shifo.clinical.lab.LabResultBook;
import org.shifo.clinical.lab.LabResultRuleException;
import org.shifo.clinical.lab.LabViolation;
import org.shifo.identity.BranchTimeZones;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.shifo.terminology.LabCatalogue;
import org.shifo.terminology.LabTest;
import org.springframework.context.MessageSource;
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
 * The laboratory's pages: result entry (pick the patient, the test, the value and its unit; checked as it is
 * typed, showing the flag before saving) and a patient's results with their flags and a trend per test (a chart
 * drawn by Chart.js, with the same numbers in a table). The doctor's chart embeds the results through {@code
 * /patients/{id}/lab-results/panel}.
 */
@Controller
class LabResultPageController {

    static final int PICKER_RESULTS = 10;
    static final int SHOWN_RESULTS = 200;
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final LabResultBook book;
    private final LabCatalogue catalogue;
    private final PatientDirectory patients;
    private final BranchTimeZones zones;
    private final MessageSource messages;
    private final java.time.Clock clock;

    LabResultPageController(
            LabResultBook book,
            LabCatalogue catalogue,
            PatientDirectory patients,
            BranchTimeZones zones,
            MessageSource messages,
            java.time.Clock clock) {
        this.book = book;
        this.catalogue = catalogue;
        this.patients = patients;
        this.zones = zones;
        this.messages = messages;
        this.clock = clock;
    }

    /** One result as a row of the table. */
    record Row(
            String id,
            String when,
            String testCode,
            String testName,
            String value,
            String unit,
            @Nullable String converted,
            @Nullable String flag,
            String flagLabel,
            String flagClass,
            String range,
            boolean defaultRange,
            @Nullable String releasedOn) {}

    /** One point of a trend, oldest first. */
    record Point(String when, String isoWhen, String value, @Nullable String flag, String flagLabel) {}

    /** A test the trend chooser offers. */
    record TrendChoice(String code, String name, boolean selected) {}

    // --- a patient's results

    @GetMapping("/patients/{id}/lab-results")
    @PreAuthorize(ClinicalRoles.READ_LAB_RESULTS)
    String results(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String testCode,
            @RequestParam(required = false) @Nullable Integer released,
            Model model,
            Locale locale) {
        resultsModel(id, testCode, model, locale);
        model.addAttribute("releasedCount", released);
        return "clinical/lab/results";
    }

    /** The results alone, for the doctor's chart to include (htmx {@code hx-get}). */
    @GetMapping("/patients/{id}/lab-results/panel")
    @PreAuthorize(ClinicalRoles.READ_LAB_RESULTS)
    String panel(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String testCode,
            Model model,
            Locale locale) {
        resultsModel(id, testCode, model, locale);
        return "clinical/lab/results :: panel";
    }

    private void resultsModel(UUID id, @Nullable String testCode, Model model, Locale locale) {
        PatientId patient = new PatientId(id);
        Staff staff = CurrentUser.get();
        ZoneId zone = zones.of(staff);
        List<LabResultBook.Shown> shown;
        try {
            shown = book.list(patient, null, SHOWN_RESULTS);
        } catch (LabPatientNotFoundException unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        PatientDirectory.Entry entry = book.patient(patient);
        String language = locale.getLanguage();
        List<Row> rows = shown.stream().map(s -> row(s, zone, locale)).toList();
        Map<String, String> numericTests = new LinkedHashMap<>();
        for (LabResultBook.Shown s : shown) {
            if (s.result().valueConverted() != null) {
                numericTests.putIfAbsent(s.result().testCode(), testName(s, language));
            }
        }
        String selected = testCode != null && numericTests.containsKey(testCode)
                ? testCode
                : numericTests.keySet().stream().findFirst().orElse(null);
        List<Point> points = new ArrayList<>();
        String trendUnit = "";
        String trendLow = "";
        String trendHigh = "";
        if (selected != null) {
            List<LabResultBook.Shown> series = shown.stream()
                    .filter(s ->
                            s.result().testCode().equals(selected) && s.result().valueConverted() != null)
                    .sorted(Comparator.comparing(s -> s.result().collectedAt()))
                    .toList();
            for (LabResultBook.Shown s : series) {
                LabResult r = s.result();
                points.add(new Point(
                        WHEN.format(r.collectedAt().atZone(zone)),
                        r.collectedAt().toString(),
                        String.valueOf(r.valueConverted()),
                        r.flag() == null ? null : r.flag().name(),
                        flagLabel(r.flag(), locale)));
            }
            LabResult latest = series.getLast().result();
            trendUnit = latest.catalogueUnit();
            LabResult.Range range = latest.range();
            if (range != null) {
                trendLow = range.low() == null ? "" : range.low().toPlainString();
                trendHigh = range.high() == null ? "" : range.high().toPlainString();
            }
        }
        model.addAttribute("patient", entry);
        model.addAttribute("rows", rows);
        model.addAttribute(
                "trendChoices",
                numericTests.entrySet().stream()
                        .map(e -> new TrendChoice(
                                e.getKey(), e.getValue(), e.getKey().equals(selected)))
                        .toList());
        model.addAttribute("trendCode", selected == null ? "" : selected);
        model.addAttribute("trendName", selected == null ? "" : numericTests.get(selected));
        model.addAttribute("trendUnit", trendUnit);
        model.addAttribute("trendLow", trendLow);
        model.addAttribute("trendHigh", trendHigh);
        model.addAttribute("points", points);
        model.addAttribute("canRecord", staff.hasRole(Role.LAB) || staff.hasRole(Role.DOCTOR));
        model.addAttribute(
                "canRelease", staff.hasRole(Role.DOCTOR) && rows.stream().anyMatch(row -> row.releasedOn() == null));
    }

    /** A doctor releases every result not yet released; the patient is told they are ready. */
    @PostMapping("/patients/{id}/lab-results/release")
    @PreAuthorize(ClinicalRoles.RELEASE_LAB_RESULTS)
    String release(@PathVariable UUID id) {
        LabResultBook.Release release;
        try {
            release = book.release(new PatientId(id), null);
        } catch (LabPatientNotFoundException unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (LabResultRuleException refused) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT);
        }
        return "redirect:/patients/" + id + "/lab-results?released="
                + release.released().size();
    }

    private Row row(LabResultBook.Shown s, ZoneId zone, Locale locale) {
        LabResult r = s.result();
        LabResult.Range range = r.range();
        String converted = r.valueConverted() == null || r.unitEntered().equals(r.catalogueUnit())
                ? null
                : r.valueConverted().toPlainString() + " " + r.catalogueUnit();
        return new Row(
                r.id().toString(),
                WHEN.format(r.collectedAt().atZone(zone)),
                r.testCode(),
                testName(s, locale.getLanguage()),
                r.valueEntered() != null ? r.valueEntered().toPlainString() : r.valueText(),
                r.unitEntered(),
                converted,
                r.flag() == null ? null : r.flag().name(),
                flagLabel(r.flag(), locale),
                flagClass(r.flag()),
                range == null ? "" : rangeText(range.low(), range.high(), r.catalogueUnit()),
                range != null && range.isDefault(),
                r.releasedAt() == null ? null : WHEN.format(r.releasedAt().atZone(zone)));
    }

    private static String testName(LabResultBook.Shown s, String language) {
        LabTest test = s.test();
        return test == null ? s.result().testCode() : test.name(language);
    }

    static String rangeText(@Nullable BigDecimal low, @Nullable BigDecimal high, String unit) {
        if (low != null && high != null) {
            return low.toPlainString() + "–" + high.toPlainString() + " " + unit;
        }
        if (low != null) {
            return "≥ " + low.toPlainString() + " " + unit;
        }
        return high == null ? "" : "≤ " + high.toPlainString() + " " + unit;
    }

    String flagLabel(@Nullable LabFlag flag, Locale locale) {
        return message("lab.flag." + (flag == null ? "none" : flag.name()), locale);
    }

    static String flagClass(@Nullable LabFlag flag) {
        if (flag == null) {
            return "lab-flag lab-flag-none";
        }
        return switch (flag) {
            case N -> "lab-flag lab-flag-normal";
            case L, H -> "lab-flag lab-flag-abnormal";
            case LL, HH -> "lab-flag lab-flag-critical";
        };
    }

    private String message(String key, Locale locale, Object... arguments) {
        return java.util.Objects.requireNonNullElse(messages.getMessage(key, arguments, key, locale), key);
    }

    // --- entering a result

    /** A patient the picker offers. */
    record PatientOption(String id, String label) {}

    /** A test the form offers, in its panel. */
    record TestOption(String code, String label) {}

    /** A panel with its tests, for an {@code <optgroup>}. */
    record PanelGroup(String label, List<TestOption> tests) {}

    @GetMapping("/lab/results/new")
    @PreAuthorize(ClinicalRoles.RECORD_LAB_RESULTS)
    String entryForm(
            @RequestParam(required = false) @Nullable String patientId,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String testCode,
            @RequestParam(required = false) @Nullable String recorded,
            Model model,
            Locale locale) {
        Staff staff = CurrentUser.get();
        String now = LOCAL_INPUT.format(clock.instant().atZone(zones.of(staff)));
        entryModel(model, locale, patientId, q, testCode, null, null, now, null, Map.of());
        if (recorded != null) {
            model.addAttribute("recordedFlag", recorded);
        }
        return "clinical/lab/entry";
    }

    @PostMapping("/lab/results/new")
    @PreAuthorize(ClinicalRoles.RECORD_LAB_RESULTS)
    String record(
            @RequestParam(required = false) @Nullable String patientId,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String testCode,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(required = false) @Nullable String unit,
            @RequestParam(required = false) @Nullable String collectedAt,
            @RequestParam(required = false) @Nullable String note,
            @RequestParam(required = false) @Nullable String action,
            Model model,
            Locale locale) {
        if ("search".equals(action)) {
            entryModel(model, locale, patientId, q, testCode, value, unit, collectedAt, note, Map.of());
            return "clinical/lab/entry";
        }
        Map<String, String> errors = new LinkedHashMap<>();
        UUID patient = uuid(patientId);
        if (patient == null) {
            errors.put("patientId", message("lab.entry.choosePatient", locale));
        } else {
            try {
                LabResultBook.Shown shown = book.record(
                        new PatientId(patient), input(testCode, value, unit, collectedAt, note), LabResult.Source.UI);
                LabFlag flag = shown.result().flag();
                return "redirect:/lab/results/new?patientId=" + patient + "&recorded="
                        + (flag == null ? "none" : flag.name());
            } catch (LabResultRuleException e) {
                errors.putAll(errors(e.violations(), locale));
            } catch (LabPatientNotFoundException unknown) {
                errors.put("patientId", message("lab.entry.choosePatient", locale));
            }
        }
        entryModel(model, locale, patientId, q, testCode, value, unit, collectedAt, note, errors);
        return "clinical/lab/entry";
    }

    /** The inline check: the flag the result would get, or what is wrong, as the form changes (htmx). */
    @PostMapping("/lab/results/check")
    @PreAuthorize(ClinicalRoles.RECORD_LAB_RESULTS)
    String check(
            @RequestParam(required = false) @Nullable String patientId,
            @RequestParam(required = false) @Nullable String testCode,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(required = false) @Nullable String unit,
            @RequestParam(required = false) @Nullable String collectedAt,
            Model model,
            Locale locale) {
        UUID patient = uuid(patientId);
        model.addAttribute("checkErrors", List.of());
        model.addAttribute("checkFlag", null);
        if (patient == null || value == null || value.isBlank() || testCode == null || testCode.isBlank()) {
            return "clinical/lab/entry :: check";
        }
        try {
            LabResult preview = book.preview(new PatientId(patient), input(testCode, value, unit, collectedAt, null))
                    .result();
            LabResult.Range range = preview.range();
            model.addAttribute("checkFlag", flagLabel(preview.flag(), locale));
            model.addAttribute("checkFlagClass", flagClass(preview.flag()));
            model.addAttribute(
                    "checkConverted",
                    preview.valueConverted() == null
                            ? ""
                            : preview.valueConverted().toPlainString() + " " + preview.catalogueUnit());
            model.addAttribute(
                    "checkRange", range == null ? "" : rangeText(range.low(), range.high(), preview.catalogueUnit()));
        } catch (LabResultRuleException e) {
            model.addAttribute(
                    "checkErrors", List.copyOf(errors(e.violations(), locale).values()));
        } catch (LabPatientNotFoundException unknown) {
            // the picker offers only the clinic's patients: nothing to say
        }
        return "clinical/lab/entry :: check";
    }

    @GetMapping("/lab/results/patient-options")
    @PreAuthorize(ClinicalRoles.RECORD_LAB_RESULTS)
    String patientOptions(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String patientId,
            Model model,
            Locale locale) {
        pickerModel(model, q, patientId);
        return "clinical/lab/entry :: options";
    }

    @GetMapping("/lab/results/units")
    @PreAuthorize(ClinicalRoles.RECORD_LAB_RESULTS)
    String units(@RequestParam(required = false) @Nullable String testCode, Model model) {
        model.addAttribute("units", unitsOf(testCode));
        model.addAttribute("unit", "");
        return "clinical/lab/entry :: units";
    }

    private List<String> unitsOf(@Nullable String testCode) {
        if (testCode == null || testCode.isBlank()) {
            return List.of();
        }
        return catalogue.find(testCode).map(LabTest::permittedUnits).orElse(List.of());
    }

    private void entryModel(
            Model model,
            Locale locale,
            @Nullable String patientId,
            @Nullable String q,
            @Nullable String testCode,
            @Nullable String value,
            @Nullable String unit,
            @Nullable String collectedAt,
            @Nullable String note,
            Map<String, String> errors) {
        pickerModel(model, q, patientId);
        String language = locale.getLanguage();
        Map<String, List<TestOption>> byPanel = new LinkedHashMap<>();
        for (LabTest test : catalogue.all()) {
            if (!test.active()) {
                continue;
            }
            String panel = test.panels().isEmpty() ? "OTHER" : test.panels().getFirst();
            byPanel.computeIfAbsent(panel, p -> new ArrayList<>())
                    .add(new TestOption(test.code(), test.name(language) + " · " + test.code()));
        }
        model.addAttribute(
                "panels",
                byPanel.entrySet().stream()
                        .map(e -> new PanelGroup(
                                java.util.Objects.requireNonNullElse(
                                        messages.getMessage("lab.panel." + e.getKey(), null, e.getKey(), locale),
                                        e.getKey()),
                                e.getValue()))
                        .toList());
        model.addAttribute("testCode", testCode == null ? "" : testCode);
        model.addAttribute("units", unitsOf(testCode));
        model.addAttribute("unit", unit == null ? "" : unit);
        model.addAttribute("value", value == null ? "" : value);
        model.addAttribute("collectedAt", collectedAt == null ? "" : collectedAt);
        model.addAttribute("note", note == null ? "" : note);
        model.addAttribute("errors", errors);
        model.addAttribute("checkErrors", List.of());
        model.addAttribute("checkFlag", null);
    }

    private void pickerModel(Model model, @Nullable String q, @Nullable String patientId) {
        List<PatientOption> options = new ArrayList<>();
        UUID chosen = uuid(patientId);
        if (chosen != null) {
            Staff staff = CurrentUser.get();
            patients.find(staff.tenantId(), new PatientId(chosen))
                    .filter(e -> !e.merged())
                    .ifPresent(e -> options.add(option(e)));
        }
        String query = q == null ? "" : q;
        boolean searched = !query.isBlank();
        if (searched) {
            for (PatientDirectory.Entry e : patients.search(query, PICKER_RESULTS)) {
                if (options.stream().noneMatch(o -> o.id().equals(e.id().toString()))) {
                    options.add(option(e));
                }
            }
        }
        model.addAttribute("patientOptions", options);
        model.addAttribute("patientId", chosen == null ? "" : chosen.toString());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("searched", searched);
    }

    private static PatientOption option(PatientDirectory.Entry e) {
        return new PatientOption(
                e.id().toString(),
                e.displayName() + " · " + e.medicalRecordNumber() + " · "
                        + e.birthDate().format(DateTimeFormatter.ofPattern("dd.MM.yyyy")));
    }

    /** The form's local date and time (in the branch's zone) as the moment the API takes. */
    private LabResultBook.RecordInput input(
            @Nullable String testCode,
            @Nullable String value,
            @Nullable String unit,
            @Nullable String collectedAt,
            @Nullable String note) {
        String moment = collectedAt;
        if (collectedAt != null && !collectedAt.isBlank()) {
            try {
                ZoneId zone = zones.of(CurrentUser.get());
                moment = LocalDateTime.parse(collectedAt.strip())
                        .truncatedTo(ChronoUnit.MINUTES)
                        .atZone(zone)
                        .toOffsetDateTime()
                        .toString();
            } catch (DateTimeParseException notLocal) {
                // passed on as it is: the book names the field
            }
        }
        return new LabResultBook.RecordInput(testCode, value, unit, moment, null, note);
    }

    private Map<String, String> errors(List<LabViolation> violations, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (LabViolation v : violations) {
            String text = java.util.Objects.requireNonNullElse(
                    messages.getMessage("lab.rule." + v.code(), v.arguments().toArray(), v.message(), locale),
                    v.message());
            errors.putIfAbsent(
                    v.field(), text.isEmpty() ? text : text.substring(0, 1).toUpperCase(locale) + text.substring(1));
        }
        return errors;
    }

    private static @Nullable UUID uuid(@Nullable String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
