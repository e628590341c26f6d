package org.shifo.patients.web;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.shifo.patients.domain.PatientRuleException;
import org.shifo.patients.persistence.PatientQueries;
import org.shifo.patients.registry.PatientSearch;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The patient picker other modules' forms embed (the queue's ticket form): the registry's one search box,
 * answered as a fragment of radio buttons named {@code patientId}, so a form picks a patient without knowing
 * the registry's internals. The search is audited like the registry page's.
 */
@Controller
@PreAuthorize(PatientPageController.READ)
class PatientPickerController {

    /** One choice: the record's id, name, record number and birth date. */
    record Choice(String id, String name, String medicalRecordNumber, String birthDate) {}

    private static final int LIMIT = 8;

    private final PatientSearch search;

    PatientPickerController(PatientSearch search) {
        this.search = search;
    }

    @GetMapping("/patients/picker")
    String choices(@RequestParam(required = false) @Nullable String q, Model model, Locale locale) {
        String query = q == null ? "" : q.strip();
        List<Choice> choices = List.of();
        boolean failed = false;
        if (!query.isEmpty()) {
            try {
                choices = search.search(query, null, null, LIMIT).items().stream()
                        .map(PatientQueries.Hit::summary)
                        .map(s -> new Choice(
                                s.id().toString(),
                                s.displayName(),
                                s.medicalRecordNumber(),
                                PatientPageText.date(s.birthDate(), locale)))
                        .toList();
            } catch (PatientRuleException unreadable) {
                failed = true;
            }
        }
        model.addAttribute("searched", !query.isEmpty());
        model.addAttribute("failed", failed);
        model.addAttribute("choices", choices);
        return "patients/picker :: choices";
    }
}
