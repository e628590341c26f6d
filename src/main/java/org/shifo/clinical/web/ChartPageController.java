package org.shifo.clinical.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.clinical.ClinicalRoles;
import org.shifo.clinical.domain.ClinicalConflictException;
import org.shifo.clinical.domain.ClinicalRuleException;
import org.shifo.clinical.domain.EncounterStatus;
import org.shifo.clinical.domain.NoteSections;
import org.shifo.clinical.domain.Violation;
import org.shifo.clinical.domain.VitalFlag;
import org.shifo.clinical.domain.VitalSigns;
import org.shifo.clinical.domain.Vitals;
import org.shifo.clinical.encounters.EncounterDesk;
import org.shifo.clinical.encounters.EncounterView;
import org.shifo.clinical.encounters.Templates;
import org.shifo.identity.BranchTimeZones;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.terminology.CodeCheck;
import org.shifo.terminology.Concept;
import org.shifo.terminology.Terminology;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The doctor's chart: the patient's encounters newest first (older ones paged), the current encounter's editor
 * (note sections with autosave, a template, vitals with inline refusals and flags, diagnosis search and entry,
 * closing), trends of blood pressure, pulse and weight, and the printable visit summary. Works without
 * JavaScript; htmx only saves the note as the doctor types.
 */
@Controller
@PreAuthorize(ClinicalRoles.READ_CHART)
class ChartPageController {

    static final int PAGE = 50;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final EncounterDesk desk;
    private final BranchTimeZones zones;
    private final Terminology terminology;
    private final NoteRenderer notes;
    private final SummaryPdf pdf;
    private final MessageSource messages;
    private final JsonMapper json;
    private final Clock clock;

    ChartPageController(
            EncounterDesk desk,
            Terminology terminology,
            NoteRenderer notes,
            SummaryPdf pdf,
            MessageSource messages,
            JsonMapper json,
            BranchTimeZones zones,
            Clock clock) {
        this.desk = desk;
        this.zones = zones;
        this.terminology = terminology;
        this.notes = notes;
        this.pdf = pdf;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    /** One row of the timeline. */
    record Entry(
            String id,
            String when,
            String practitioner,
            String branch,
            String status,
            List<String> diagnoses,
            Map<String, String> sectionsHtml,
            List<String> vitals,
            boolean current) {}

    /** A vitals row of the current encounter, with its flags in the reader's language. */
    record VitalsRow(String when, String values, List<String> flags) {}

    /** A point of the trends, and the same as a table row for those who do not see the chart. */
    record TrendPoint(
            String at,
            @Nullable Integer systolic,
            @Nullable Integer diastolic,
            @Nullable Integer pulse,
            @Nullable BigDecimal weightKg) {}

    @GetMapping("/patients/{id}/chart")
    String chart(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable UUID encounter,
            @RequestParam(required = false) @Nullable String before,
            @RequestParam(required = false) @Nullable String dxq,
            Model model,
            Locale locale) {
        return page(id, encounter, before, dxq, model, locale);
    }

    private String page(
            UUID patientId,
            @Nullable UUID encounterId,
            @Nullable String before,
            @Nullable String dxq,
            Model model,
            Locale locale) {
        EncounterDesk.ChartPage page = desk.chart(patientId, before, PAGE);
        Staff me = CurrentUser.get();
        EncounterView current = null;
        if (encounterId != null) {
            current = page.encounters().stream()
                    .filter(v -> v.encounter().id().equals(encounterId))
                    .findFirst()
                    .orElseGet(() -> desk.get(encounterId));
            if (!current.encounter().patientId().equals(patientId)) {
                current = null;
            }
        }
        if (current == null) {
            current = page.encounters().stream()
                    .filter(v -> v.encounter().status() == EncounterStatus.OPEN)
                    .filter(v ->
                            v.encounter().practitionerId().equals(me.userId().value()))
                    .findFirst()
                    .orElse(null);
        }
        EncounterView shown = current;
        List<Entry> timeline =
                page.encounters().stream().map(v -> entry(v, shown, locale)).toList();
        model.addAttribute("patient", page.patient());
        model.addAttribute(
                "age",
                Period.between(page.patient().birthDate(), LocalDate.now(clock)).getYears());
        model.addAttribute("timeline", timeline);
        model.addAttribute("next", page.next());
        model.addAttribute("current", current);
        boolean writer = me.hasRole(Role.ADMIN) || me.hasRole(Role.DOCTOR);
        model.addAttribute("canWrite", writer);
        model.addAttribute("canStart", me.hasRole(Role.DOCTOR));
        model.addAttribute("templates", Templates.NAMES);
        model.addAttribute("systems", List.of(Terminology.ICD10, Terminology.ICD10_CM));
        if (shown != null) {
            model.addAttribute("open", shown.encounter().status() == EncounterStatus.OPEN);
            model.addAttribute("sections", shown.encounter().notes().byName());
            model.addAttribute(
                    "vitalsRows",
                    shown.vitals().stream()
                            .map(v -> vitalsRow(v, shown.zone(), locale))
                            .toList());
            model.addAttribute("diagnoses", shown.diagnoses());
            model.addAttribute(
                    "startedAt", WHEN.format(shown.encounter().startedAt().atZone(shown.zone())));
        }
        Terminology codes = terminology;
        model.addAttribute("codesImported", codes.hasImportedSet(Terminology.ICD10));
        if (dxq != null && !dxq.isBlank()) {
            model.addAttribute("dxq", dxq);
            model.addAttribute("dxResults", codes.search(Terminology.ICD10, dxq.strip(), locale.getLanguage(), 15));
        }
        ZoneId readerZone = zones.of(CurrentUser.get());
        List<TrendPoint> trend = desk.vitalsTrend(patientId, 3650).stream()
                .filter(v -> v.systolic() != null || v.pulse() != null || v.weightKg() != null)
                .map(v -> new TrendPoint(
                        v.measuredAt().atZone(readerZone).toLocalDate().toString(),
                        v.systolic(),
                        v.diastolic(),
                        v.pulse(),
                        v.weightKg()))
                .toList();
        model.addAttribute("trend", trend);
        model.addAttribute("trendJson", json.writeValueAsString(trend));
        model.addAttribute(
                "trendLabels",
                String.join(
                        "|",
                        label("systolic", locale),
                        label("diastolic", locale),
                        label("pulse", locale),
                        label("weightKg", locale)));
        model.addAttribute("sectionNames", NoteSections.NAMES);
        model.asMap().putIfAbsent("errors", Map.of());
        model.asMap().putIfAbsent("dxErrors", Map.of());
        model.asMap().putIfAbsent("suggestions", List.of());
        model.asMap().putIfAbsent("form", Map.of());
        return "clinical/chart";
    }

    private Entry entry(EncounterView view, @Nullable EncounterView current, Locale locale) {
        Map<String, String> html = new LinkedHashMap<>();
        view.encounter().notes().byName().forEach((name, text) -> {
            if (!text.isBlank()) {
                html.put(name, notes.html(text));
            }
        });
        return new Entry(
                view.encounter().id().toString(),
                WHEN.format(view.encounter().startedAt().atZone(view.zone())),
                view.practitionerName(),
                view.branchName(),
                view.encounter().status().name(),
                view.diagnoses().stream().map(d -> d.code() + " " + d.display()).toList(),
                html,
                view.vitals().stream()
                        .map(v -> vitalsRow(v, view.zone(), locale).values())
                        .toList(),
                current != null
                        && current.encounter().id().equals(view.encounter().id()));
    }

    private VitalsRow vitalsRow(Vitals v, ZoneId zone, Locale locale) {
        List<String> parts = new ArrayList<>();
        if (v.systolic() != null) {
            parts.add(label("bp", locale) + " " + v.systolic() + "/" + v.diastolic());
        }
        add(parts, label("pulse", locale), v.pulse());
        add(parts, label("respiratoryRate", locale), v.respiratoryRate());
        add(parts, label("temperatureC", locale), v.temperatureC());
        add(parts, label("spo2", locale), v.spo2());
        add(parts, label("weightKg", locale), v.weightKg());
        add(parts, label("heightCm", locale), v.heightCm());
        add(parts, label("bmi", locale), v.bmi());
        add(parts, label("painScore", locale), v.painScore());
        return new VitalsRow(
                WHEN.format(v.measuredAt().atZone(zone)),
                String.join(" · ", parts),
                v.flags().stream().map(f -> flag(f, locale)).toList());
    }

    private static void add(List<String> parts, String label, @Nullable Object value) {
        if (value != null) {
            parts.add(label + " "
                    + (value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value));
        }
    }

    private String label(String measure, Locale locale) {
        return Objects.requireNonNullElse(
                messages.getMessage("clinical.vitals." + measure, null, measure, locale), measure);
    }

    private String flag(VitalFlag flag, Locale locale) {
        return Objects.requireNonNullElse(
                messages.getMessage(
                        "clinical.flag." + flag.code(), flag.arguments().toArray(), flag.message(), locale),
                flag.message());
    }

    private Map<String, String> errors(List<Violation> violations, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Violation v : violations) {
            String text = messages.getMessage(
                    "clinical.rule." + v.code(), v.arguments().toArray(), v.message(), locale);
            errors.putIfAbsent(v.field(), text == null ? v.message() : text);
        }
        return errors;
    }

    // --- writes

    @PostMapping("/patients/{id}/encounters")
    @PreAuthorize(ClinicalRoles.WRITE_ENCOUNTER)
    String start(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String template,
            RedirectAttributes redirect,
            Locale locale) {
        Staff me = CurrentUser.get();
        EncounterDesk.Opened opened = desk.open(
                new EncounterDesk.OpenInput(id.toString(), me.userId().value().toString(), null, null, template),
                locale);
        return "redirect:/patients/" + id + "/chart?encounter="
                + opened.view().encounter().id();
    }

    @PostMapping("/encounters/{id}/notes")
    @PreAuthorize(ClinicalRoles.WRITE_ENCOUNTER)
    Object saveNotes(
            @PathVariable UUID id,
            @RequestParam Map<String, String> form,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Locale locale) {
        Map<String, @Nullable String> sections = new HashMap<>();
        for (String name : NoteSections.NAMES) {
            sections.put(name, form.get(name));
        }
        String template = form.get("applyTemplate") != null ? form.get("template") : null;
        EncounterView saved;
        try {
            saved = desk.writeNotes(id, sections, template);
        } catch (ClinicalRuleException | ClinicalConflictException e) {
            if (htmx != null) {
                return ResponseEntity.ok()
                        .contentType(MediaType.TEXT_HTML)
                        .body("<span class=\"field-error\">"
                                + org.springframework.web.util.HtmlUtils.htmlEscape(messageOf(e, locale))
                                + "</span>");
            }
            throw e;
        }
        if (htmx != null) {
            String at = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                    .format(saved.encounter().updatedAt().atZone(saved.zone()));
            String text = Objects.requireNonNullElse(
                    messages.getMessage("clinical.chart.savedAt", new Object[] {at}, "Saved", locale), "Saved");
            return ResponseEntity.ok()
                    .contentType(MediaType.TEXT_HTML)
                    .body(org.springframework.web.util.HtmlUtils.htmlEscape(text));
        }
        return "redirect:/patients/" + saved.encounter().patientId() + "/chart?encounter=" + id + "&saved";
    }

    private String messageOf(RuntimeException e, Locale locale) {
        if (e instanceof ClinicalRuleException rule) {
            return String.join("; ", errors(rule.violations(), locale).values());
        }
        ClinicalConflictException conflict = (ClinicalConflictException) e;
        return Objects.requireNonNullElse(
                messages.getMessage(
                        "clinical.conflict." + conflict.code(), null, String.valueOf(e.getMessage()), locale),
                String.valueOf(e.getMessage()));
    }

    @PostMapping("/encounters/{id}/vitals")
    @PreAuthorize(ClinicalRoles.RECORD_VITALS)
    String vitals(
            @PathVariable UUID id,
            @RequestParam Map<String, String> form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        UUID patient = desk.patientOf(id);
        Map<String, String> errors = new LinkedHashMap<>();
        VitalSigns signs = new VitalSigns(
                integer(form, "systolic", errors, locale),
                integer(form, "diastolic", errors, locale),
                integer(form, "pulse", errors, locale),
                integer(form, "respiratoryRate", errors, locale),
                decimal(form, "temperatureC", errors, locale),
                integer(form, "spo2", errors, locale),
                decimal(form, "weightKg", errors, locale),
                decimal(form, "heightCm", errors, locale),
                integer(form, "painScore", errors, locale),
                clock.instant());
        if (errors.isEmpty()) {
            try {
                EncounterDesk.RecordedVitals recorded = desk.recordVitals(id, signs);
                redirect.addFlashAttribute(
                        "vitalsFlags",
                        recorded.vitals().flags().stream()
                                .map(f -> flag(f, locale))
                                .toList());
                redirect.addFlashAttribute("vitalsSaved", true);
                return "redirect:/patients/" + patient + "/chart?encounter=" + id + "#vitals-heading";
            } catch (ClinicalRuleException e) {
                errors.putAll(errors(e.violations(), locale));
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        return page(patient, id, null, null, model, locale);
    }

    private @Nullable Integer integer(
            Map<String, String> form, String name, Map<String, String> errors, Locale locale) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.put(name, label("wholeNumber", locale));
            return null;
        }
    }

    private @Nullable BigDecimal decimal(
            Map<String, String> form, String name, Map<String, String> errors, Locale locale) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            errors.put(name, label("number", locale));
            return null;
        }
    }

    @PostMapping("/encounters/{id}/diagnoses")
    @PreAuthorize(ClinicalRoles.WRITE_ENCOUNTER)
    String diagnosis(
            @PathVariable UUID id,
            @RequestParam Map<String, String> form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        UUID patient = desk.patientOf(id);
        try {
            desk.addDiagnosis(
                    id,
                    new EncounterDesk.DiagnosisInput(
                            form.getOrDefault("system", Terminology.ICD10),
                            form.get("code"),
                            form.get("kind"),
                            form.get("status"),
                            form.get("onsetDate")),
                    locale);
            redirect.addFlashAttribute("diagnosisSaved", true);
            return "redirect:/patients/" + patient + "/chart?encounter=" + id + "#diagnoses-heading";
        } catch (ClinicalRuleException e) {
            model.addAttribute("dxErrors", errors(e.violations(), locale));
        } catch (EncounterDesk.UnrecordableCodeException e) {
            CodeCheck check = e.check();
            String rule =
                    "code-" + check.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-');
            model.addAttribute(
                    "dxErrors",
                    errors(List.of(Violation.of("code", rule, check.verdict().name(), check.code())), locale));
            List<Concept> suggestions = check.suggestions();
            model.addAttribute("suggestions", suggestions);
        } catch (ClinicalConflictException e) {
            model.addAttribute("dxErrors", Map.of("code", messageOf(e, locale)));
        }
        model.addAttribute("form", form);
        return page(patient, id, null, null, model, locale);
    }

    @PostMapping("/encounters/{id}/diagnoses/{diagnosisId}/remove")
    @PreAuthorize(ClinicalRoles.WRITE_ENCOUNTER)
    String removeDiagnosis(@PathVariable UUID id, @PathVariable UUID diagnosisId) {
        UUID patient = desk.patientOf(id);
        desk.removeDiagnosis(id, diagnosisId);
        return "redirect:/patients/" + patient + "/chart?encounter=" + id + "#diagnoses-heading";
    }

    @PostMapping("/encounters/{id}/close")
    @PreAuthorize(ClinicalRoles.WRITE_ENCOUNTER)
    String close(@PathVariable UUID id, Model model, Locale locale, RedirectAttributes redirect) {
        UUID patient = desk.patientOf(id);
        try {
            desk.close(id);
            redirect.addFlashAttribute("closed", true);
            return "redirect:/patients/" + patient + "/chart?encounter=" + id;
        } catch (ClinicalConflictException e) {
            model.addAttribute("closeError", messageOf(e, locale));
            return page(patient, id, null, null, model, locale);
        }
    }

    @GetMapping("/encounters/{id}/summary.pdf")
    ResponseEntity<byte[]> summary(
            @PathVariable UUID id, @RequestParam(required = false) @Nullable String lang, Locale locale) {
        EncounterView view = desk.get(id);
        // the patient's language unless the caller asks for another one
        String chosen = lang != null && List.of("uz", "ru", "en").contains(lang)
                ? lang
                : view.patient() == null ? locale.getLanguage() : view.patient().language();
        Locale language = Locale.of(chosen);
        Map<String, Object> variables = new HashMap<>();
        variables.put("encounter", view.encounter());
        variables.put("patient", view.patient());
        variables.put("practitioner", view.practitionerName());
        variables.put("branch", view.branchName());
        variables.put("startedAt", WHEN.format(view.encounter().startedAt().atZone(view.zone())));
        Map<String, String> html = new LinkedHashMap<>();
        view.encounter().notes().byName().forEach((name, text) -> {
            if (!text.isBlank()) {
                html.put(name, notes.html(text));
            }
        });
        variables.put("sections", html);
        variables.put("diagnoses", view.diagnoses());
        variables.put(
                "vitals",
                view.vitals().stream()
                        .map(v -> vitalsRow(v, view.zone(), language))
                        .toList());
        byte[] document = pdf.render("clinical/summary", variables, language);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename("visit-summary-" + id + ".pdf")
                                .build()
                                .toString())
                .body(document);
    }
}
