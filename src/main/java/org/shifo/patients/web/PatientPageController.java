package org.shifo.patients.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEntry;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.patients.PatientId;
import org.shifo.patients.PatientTimeline;
import org.shifo.patients.PatientTimelineEntry;
import org.shifo.patients.domain.IdentifierType;
import org.shifo.patients.domain.PatientRecord;
import org.shifo.patients.domain.PatientRuleException;
import org.shifo.patients.domain.Sex;
import org.shifo.patients.domain.UzbekRegions;
import org.shifo.patients.domain.Violation;
import org.shifo.patients.persistence.PatientQueries;
import org.shifo.patients.persistence.PatientStore;
import org.shifo.patients.registry.DuplicateIdentifierException;
import org.shifo.patients.registry.MergeRefusedException;
import org.shifo.patients.registry.PatientMerging;
import org.shifo.patients.registry.PatientNotFoundException;
import org.shifo.patients.registry.PatientRegistry;
import org.shifo.patients.registry.PatientSearch;
import org.shifo.patients.registry.PossibleDuplicateException;
import org.shifo.patients.registry.RegistryClock;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The patient registry's pages: search, registration, the patient page and editing. Who may do what is the
 * API's rule (docs/security.md): every staff role searches and reads (the laboratory without notes); admins,
 * doctors, nurses and receptionists register and edit; admins delete. A record of another organization is the
 * 404 page.
 */
@Controller
@RequestMapping("/patients")
@PreAuthorize(PatientPageController.READ)
class PatientPageController {

    static final String READ = "hasAnyRole('ADMIN', 'DOCTOR', 'NURSE', 'RECEPTIONIST', 'CASHIER', 'LAB')";
    static final String WRITE = "hasAnyRole('ADMIN', 'DOCTOR', 'NURSE', 'RECEPTIONIST')";
    static final String ADMIN = "hasRole('ADMIN')";

    /** Timeline and access history entries shown on the patient page. */
    static final int HISTORY = 50;

    private final PatientRegistry registry;
    private final PatientSearch search;
    private final PatientMerging merging;
    private final RegistryClock clock;
    private final List<PatientTimeline> timelines;
    private final RecordHistory history;
    private final PatientPageText text;

    PatientPageController(
            PatientRegistry registry,
            PatientSearch search,
            PatientMerging merging,
            RegistryClock clock,
            List<PatientTimeline> timelines,
            RecordHistory history,
            PatientPageText text) {
        this.registry = registry;
        this.search = search;
        this.merging = merging;
        this.clock = clock;
        this.timelines = List.copyOf(timelines);
        this.history = history;
        this.text = text;
    }

    /** One search result. */
    record ResultRow(
            String id, String medicalRecordNumber, String name, String birthDate, int age, @Nullable String phone) {}

    /** A possible duplicate shown on the registration form. */
    record CandidateRow(
            String id, String medicalRecordNumber, String name, String birthDate, int score, String reasons) {}

    /** The record an edit form belongs to: for the heading, the action and the version edited. */
    record EditTarget(String id, String medicalRecordNumber, String name, int version) {

        static EditTarget of(PatientRecord record) {
            return new EditTarget(
                    record.id().toString(), record.medicalRecordNumber(), record.displayName(), record.version());
        }

        EditTarget at(@Nullable Integer sentVersion) {
            return new EditTarget(id, medicalRecordNumber, name, sentVersion == null ? version : sentVersion);
        }
    }

    /** One line of the timeline or of the access history. */
    record HistoryRow(String when, String text, @Nullable String link) {}

    // --- search

    @GetMapping
    String search(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String birthDate,
            @RequestParam(required = false) @Nullable String cursor,
            Model model,
            Locale locale) {
        Staff staff = CurrentUser.get();
        model.addAttribute("canRegister", canWrite(staff));
        model.addAttribute("isAdmin", staff.hasRole(Role.ADMIN));
        results(q, birthDate, cursor, model, locale);
        return "patients/search";
    }

    /** The results alone, for htmx: the list, or with {@code more} the next rows and the new "more" link. */
    @GetMapping("/results")
    String searchResults(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String birthDate,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String more,
            Model model,
            Locale locale,
            HttpServletResponse response) {
        results(q, birthDate, cursor, model, locale);
        if (more == null) {
            // the address bar follows the search, so going back to the page shows the same results
            UriComponentsBuilder address = UriComponentsBuilder.fromPath("/patients");
            if (q != null && !q.isBlank()) {
                address.queryParam("q", q);
            }
            if (birthDate != null && !birthDate.isBlank()) {
                address.queryParam("birthDate", birthDate);
            }
            response.setHeader("HX-Replace-Url", address.encode().build().toUriString());
        }
        return more == null ? "patients/search :: results" : "patients/search :: more";
    }

    private void results(
            @Nullable String q, @Nullable String birthDate, @Nullable String cursor, Model model, Locale locale) {
        String query = q == null ? "" : q;
        String date = birthDate == null ? "" : birthDate.strip();
        model.addAttribute("q", query);
        model.addAttribute("birthDate", date);
        model.addAttribute("rows", List.of());
        model.addAttribute("searched", false);
        LocalDate born = null;
        if (!date.isEmpty()) {
            try {
                born = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                model.addAttribute(
                        "searchError", text.rule(Violation.of("birthDate", "date-invalid", "is not a date"), locale));
                return;
            }
        }
        if (query.isBlank() && born == null) {
            return;
        }
        try {
            PatientSearch.Page page = search.search(query, born, cursor, null);
            LocalDate today = clock.today();
            model.addAttribute("searched", true);
            model.addAttribute(
                    "rows",
                    page.items().stream()
                            .map(PatientQueries.Hit::summary)
                            .map(s -> row(s, today, locale))
                            .toList());
            if (page.nextCursor() != null) {
                UriComponentsBuilder next = UriComponentsBuilder.fromPath("/patients")
                        .queryParam("q", query)
                        .queryParam("cursor", page.nextCursor());
                if (born != null) {
                    next.queryParam("birthDate", born.toString());
                }
                model.addAttribute("nextLink", next.encode().build().toUriString());
                model.addAttribute(
                        "nextFragment",
                        next.replacePath("/patients/results")
                                .queryParam("more", "true")
                                .encode()
                                .build()
                                .toUriString());
            }
        } catch (PatientRuleException e) {
            model.addAttribute("searchError", text.rule(e.violations().getFirst(), locale));
        }
    }

    private static ResultRow row(PatientStore.Summary s, LocalDate today, Locale locale) {
        return new ResultRow(
                s.id().toString(),
                s.medicalRecordNumber(),
                s.displayName(),
                PatientPageText.date(s.birthDate(), locale),
                java.time.Period.between(s.birthDate(), today).getYears(),
                s.primaryPhone());
    }

    // --- registration

    @GetMapping("/new")
    @PreAuthorize(WRITE)
    String newPatient(Model model) {
        return form(model, PatientFormFields.blank(), Map.of(), null);
    }

    @PostMapping
    @PreAuthorize(WRITE)
    String register(
            @RequestParam MultiValueMap<String, String> params,
            @RequestParam(required = false) @Nullable String registerAnyway,
            @RequestParam(required = false) @Nullable String addRow,
            Model model,
            Locale locale) {
        PatientFormFields fields = PatientFormFields.of(params, addRow);
        if (addRow != null) {
            return form(model, fields, Map.of(), null);
        }
        try {
            var form = fields.toForm();
            if (!fields.parseProblems().isEmpty()) {
                throw new PatientRuleException(fields.parseProblems());
            }
            PatientRecord record = registry.register(form, "true".equals(registerAnyway));
            return "redirect:/patients/" + record.id() + "?registered";
        } catch (PatientRuleException e) {
            return form(model, fields, text.errors(withParseProblems(fields, e), fields, locale), null);
        } catch (DuplicateIdentifierException e) {
            return duplicateIdentifier(model, fields, e, locale, null);
        } catch (PossibleDuplicateException e) {
            model.addAttribute(
                    "candidates",
                    e.candidates().stream()
                            .map(c -> new CandidateRow(
                                    c.id().toString(),
                                    c.medicalRecordNumber(),
                                    c.displayName(),
                                    PatientPageText.date(c.birthDate(), locale),
                                    c.match().score(),
                                    text.reasons(c.match(), locale)))
                            .toList());
            return form(model, fields, Map.of(), null);
        }
    }

    /**
     * The inline check while typing: the form as it is now, checked without saving, answered with the message
     * of the one field that changed (htmx names it in {@code HX-Trigger-Name}), or an empty message.
     */
    @PostMapping("/check")
    @PreAuthorize(WRITE)
    String check(
            @RequestParam MultiValueMap<String, String> params,
            @RequestHeader(name = "HX-Trigger-Name", required = false) @Nullable String field,
            Model model,
            Locale locale) {
        PatientFormFields fields = PatientFormFields.of(params, null);
        List<Violation> violations = new ArrayList<>();
        try {
            var form = fields.toForm();
            violations.addAll(fields.parseProblems());
            registry.check(form);
        } catch (PatientRuleException e) {
            violations.addAll(e.violations());
        }
        String name = field == null ? "" : field;
        model.addAttribute("fid", name.replace("[", "-").replace("]", "").replace('.', '-'));
        model.addAttribute("error", text.errors(violations, fields, locale).get(name));
        return "patients/form :: fieldError";
    }

    private static List<Violation> withParseProblems(PatientFormFields fields, PatientRuleException e) {
        List<Violation> all = new ArrayList<>(fields.parseProblems());
        all.addAll(e.violations());
        return all;
    }

    private String duplicateIdentifier(
            Model model,
            PatientFormFields fields,
            DuplicateIdentifierException e,
            Locale locale,
            @Nullable EditTarget editing) {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put(
                fields.originalField(e.field()),
                text.message(
                        "patients.form.identifierTaken",
                        locale,
                        text.message("patients.identifierType." + e.type().name(), locale)));
        model.addAttribute("existingPatient", e.existing().toString());
        return form(model, fields, errors, editing);
    }

    private String form(
            Model model, PatientFormFields fields, Map<String, String> errors, @Nullable EditTarget editing) {
        model.addAttribute("form", fields);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "otherErrors",
                errors.entrySet().stream()
                        .filter(e -> !PatientFormFields.isShown(e.getKey()))
                        .map(Map.Entry::getValue)
                        .toList());
        model.addAttribute("sexes", Sex.values());
        model.addAttribute("identifierTypes", IdentifierType.values());
        model.addAttribute("languages", List.of("uz", "ru", "en"));
        String region = fields.value("address.region");
        List<String> regions = new ArrayList<>(UzbekRegions.CODES);
        model.addAttribute("regions", regions);
        model.addAttribute("otherRegion", region.isEmpty() || UzbekRegions.isKnown(region) ? null : region);
        model.addAttribute("editing", editing);
        return editing == null ? "patients/new" : "patients/edit";
    }

    // --- the patient page

    @GetMapping("/{id}")
    String show(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String undoRefused,
            Model model,
            Locale locale) {
        PatientRecord record = read(id);
        model.addAttribute("regions", UzbekRegions.CODES);
        model.addAttribute(
                "undoRefused",
                java.util.Arrays.stream(MergeRefusedException.Reason.values())
                        .map(Enum::name)
                        .filter(name -> name.equals(undoRefused))
                        .findFirst()
                        .orElse(null));
        Staff staff = CurrentUser.get();
        boolean admin = staff.hasRole(Role.ADMIN);
        model.addAttribute("patient", record);
        model.addAttribute("data", record.data());
        model.addAttribute("birthDate", PatientPageText.date(record.data().birthDate(), locale));
        model.addAttribute("age", record.ageOn(clock.today()));
        model.addAttribute(
                "consentDate",
                record.data().consents().dataProcessingDate() == null
                        ? null
                        : PatientPageText.date(record.data().consents().dataProcessingDate(), locale));
        model.addAttribute("showNotes", seesNotes(staff));
        model.addAttribute("canEdit", canWrite(staff) && record.status() == PatientRecord.Status.ACTIVE);
        model.addAttribute("isAdmin", admin);
        // the clinical chart (a link only: patients do not depend on the clinical module)
        model.addAttribute("canSeeChart", admin || staff.hasRole(Role.DOCTOR) || staff.hasRole(Role.NURSE));
        // a new invoice at the cash desk (a link only: patients do not depend on billing)
        model.addAttribute(
                "canInvoice",
                record.status() == PatientRecord.Status.ACTIVE
                        && (admin || staff.hasRole(Role.CASHIER) || staff.hasRole(Role.RECEPTIONIST)));
        // the patient's notifications: Telegram links and last messages (a link only: notifications sit on top)
        model.addAttribute("canSeeNotifications", admin || staff.hasRole(Role.RECEPTIONIST));
        model.addAttribute("timeline", timeline(record.id(), locale));
        Optional<UUID> undoable = admin && record.status() == PatientRecord.Status.ACTIVE
                ? merging.latestMergeInto(record.id())
                : Optional.empty();
        model.addAttribute("undoMerge", undoable.map(UUID::toString).orElse(null));
        if (admin) {
            model.addAttribute("accessHistory", accessHistory(record.id(), locale));
        }
        return "patients/show";
    }

    private List<HistoryRow> timeline(PatientId id, Locale locale) {
        List<PatientTimelineEntry> entries = new ArrayList<>();
        for (PatientTimeline timeline : timelines) {
            entries.addAll(timeline.entries(id, HISTORY));
        }
        return entries.stream()
                .sorted(Comparator.comparing(PatientTimelineEntry::at).reversed())
                .limit(HISTORY)
                .map(e -> new HistoryRow(
                        text.moment(e.at(), locale),
                        text.message(e.messageKey(), locale, e.arguments().toArray()),
                        e.link()))
                .toList();
    }

    private List<HistoryRow> accessHistory(PatientId id, Locale locale) {
        List<HistoryRow> rows = new ArrayList<>();
        for (AuditEntry entry : history.accessHistory(id, HISTORY)) {
            rows.add(new HistoryRow(
                    text.moment(entry.occurredAt(), locale),
                    text.message(
                            "patients.access.action",
                            locale,
                            entry.actor().displayName(),
                            text.messageOr("patients.access." + entry.action(), entry.action(), locale)),
                    null));
        }
        return rows;
    }

    // --- editing

    @GetMapping("/{id}/edit")
    @PreAuthorize(WRITE)
    String edit(@PathVariable UUID id, Model model) {
        PatientRecord record = read(id);
        if (record.status() != PatientRecord.Status.ACTIVE) {
            return "redirect:/patients/" + id;
        }
        return form(model, PatientFormFields.of(record.data().toForm()), Map.of(), EditTarget.of(record));
    }

    @PostMapping("/{id}")
    @PreAuthorize(WRITE)
    String update(
            @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> params,
            @RequestParam(required = false) @Nullable Integer version,
            @RequestParam(required = false) @Nullable String addRow,
            Model model,
            Locale locale) {
        PatientFormFields fields = PatientFormFields.of(params, addRow);
        if (addRow != null) {
            return form(model, fields, Map.of(), target(id, version));
        }
        try {
            var form = fields.toForm();
            if (!fields.parseProblems().isEmpty()) {
                throw new PatientRuleException(fields.parseProblems());
            }
            registry.update(new PatientId(id), form, version == null ? -1 : version);
            return "redirect:/patients/" + id + "?saved";
        } catch (PatientRuleException e) {
            return form(model, fields, text.errors(withParseProblems(fields, e), fields, locale), target(id, version));
        } catch (DuplicateIdentifierException e) {
            return duplicateIdentifier(model, fields, e, locale, target(id, version));
        } catch (OptimisticLockingFailureException e) {
            model.addAttribute("stale", true);
            return form(model, fields, Map.of(), target(id, version));
        } catch (MergeRefusedException e) {
            return "redirect:/patients/" + id;
        } catch (PatientNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    /** The record being edited, read again (an audited read) to show the form once more. */
    private EditTarget target(UUID id, @Nullable Integer sentVersion) {
        return EditTarget.of(read(id)).at(sentVersion);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize(ADMIN)
    String delete(@PathVariable UUID id) {
        try {
            registry.delete(new PatientId(id));
        } catch (PatientNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/patients?deleted";
    }

    private PatientRecord read(UUID id) {
        try {
            return registry.read(new PatientId(id));
        } catch (PatientNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    static boolean canWrite(Staff staff) {
        return staff.hasRole(Role.ADMIN)
                || staff.hasRole(Role.DOCTOR)
                || staff.hasRole(Role.NURSE)
                || staff.hasRole(Role.RECEPTIONIST);
    }

    /** The laboratory sees demographics; notes are for those who treat or register the patient. */
    static boolean seesNotes(Staff staff) {
        return canWrite(staff);
    }
}
