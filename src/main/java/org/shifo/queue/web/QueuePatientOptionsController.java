package org.shifo.queue.web;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.shifo.patients.PatientDirectory;
import org.shifo.queue.QueueRoles;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The ticket form's patient picker: the registry's search ({@link PatientDirectory#search}, audited there as
 * {@code patient.search}) answered as radio buttons named {@code patientId}, for htmx as the search field
 * changes.
 */
@Controller
@PreAuthorize(QueueRoles.STAFF)
class QueuePatientOptionsController {

    /** One choice: the record's id, name, record number and birth date. */
    record Choice(String id, String name, String medicalRecordNumber, String birthDate) {}

    private static final int LIMIT = 8;

    private final PatientDirectory patients;

    QueuePatientOptionsController(PatientDirectory patients) {
        this.patients = patients;
    }

    @GetMapping("/queue/patient-options")
    String options(@RequestParam(required = false) @Nullable String q, Model model, Locale locale) {
        String query = q == null ? "" : q.strip();
        DateTimeFormatter dates =
                DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        List<Choice> choices = query.isEmpty()
                ? List.of()
                : patients.search(query, LIMIT).stream()
                        .map(p -> new Choice(
                                p.id().value().toString(),
                                p.displayName(),
                                p.medicalRecordNumber(),
                                dates.format(p.birthDate())))
                        .toList();
        model.addAttribute("searched", !query.isEmpty());
        model.addAttribute("choices", choices);
        return "queue/patient-options :: choices";
    }
}
