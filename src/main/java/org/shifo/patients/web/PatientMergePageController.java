package org.shifo.patients.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.shifo.patients.PatientId;
import org.shifo.patients.domain.PatientData;
import org.shifo.patients.domain.PatientRecord;
import org.shifo.patients.domain.PatientRuleException;
import org.shifo.patients.domain.UzbekRegions;
import org.shifo.patients.persistence.PatientQueries;
import org.shifo.patients.persistence.PatientStore;
import org.shifo.patients.registry.DuplicateReview;
import org.shifo.patients.registry.MergeRefusedException;
import org.shifo.patients.registry.PatientMerging;
import org.shifo.patients.registry.PatientNotFoundException;
import org.shifo.patients.registry.PatientRegistry;
import org.shifo.patients.registry.PatientSearch;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The administrators' pages for duplicates: the merge screen (two records side by side, a choice per field),
 * undoing a merge, and the review list of likely pairs.
 */
@Controller
@PreAuthorize(PatientPageController.ADMIN)
class PatientMergePageController {

    static final int PAIRS = 50;

    private final PatientRegistry registry;
    private final PatientMerging merging;
    private final PatientSearch search;
    private final DuplicateReview duplicates;
    private final PatientPageText text;

    PatientMergePageController(
            PatientRegistry registry,
            PatientMerging merging,
            PatientSearch search,
            DuplicateReview duplicates,
            PatientPageText text) {
        this.registry = registry;
        this.merging = merging;
        this.search = search;
        this.duplicates = duplicates;
        this.text = text;
    }

    /** One field of the merge screen: both records' values and which side is chosen. */
    record MergeRow(String field, boolean list, String left, String right, String chosen) {}

    /** A record to merge with, found by the search on the merge screen. */
    record OtherRow(String id, String medicalRecordNumber, String name, String birthDate) {}

    /** A likely pair on the review list. */
    record PairRow(OtherRow first, OtherRow second, int score, String reasons) {}

    @GetMapping("/patients/{id}/merge")
    String mergeScreen(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable UUID other,
            @RequestParam(required = false) @Nullable String q,
            Model model,
            Locale locale) {
        PatientRecord left = read(id);
        model.addAttribute("left", left);
        if (other == null) {
            return pickOther(left, q, model, locale);
        }
        PatientRecord right = read(other);
        return screen(model, left, right, defaultChoices(), null, locale);
    }

    private String pickOther(PatientRecord left, @Nullable String q, Model model, Locale locale) {
        model.addAttribute("q", q == null ? "" : q);
        List<OtherRow> found = new ArrayList<>();
        if (q != null && !q.isBlank()) {
            try {
                for (PatientQueries.Hit hit : search.search(q, null, null, 20).items()) {
                    if (!hit.summary().id().equals(left.id())) {
                        found.add(other(hit.summary(), locale));
                    }
                }
                model.addAttribute("searched", true);
            } catch (PatientRuleException e) {
                model.addAttribute("searchError", text.rule(e.violations().getFirst(), locale));
            }
        }
        model.addAttribute("found", found);
        return "patients/merge-pick";
    }

    private static OtherRow other(PatientStore.Summary s, Locale locale) {
        return new OtherRow(
                s.id().toString(),
                s.medicalRecordNumber(),
                s.displayName(),
                PatientPageText.date(s.birthDate(), locale));
    }

    private static Map<String, String> defaultChoices() {
        Map<String, String> choices = new LinkedHashMap<>();
        for (String field : PatientMerging.FIELDS) {
            choices.put(field, isList(field) ? "both" : "left");
        }
        return choices;
    }

    private static boolean isList(String field) {
        return field.equals("phones") || field.equals("identifiers");
    }

    private String screen(
            Model model,
            PatientRecord left,
            PatientRecord right,
            Map<String, String> choices,
            @Nullable String error,
            Locale locale) {
        List<MergeRow> rows = new ArrayList<>();
        for (String field : PatientMerging.FIELDS) {
            rows.add(new MergeRow(
                    field,
                    isList(field),
                    value(field, left.data(), locale),
                    value(field, right.data(), locale),
                    choices.getOrDefault(field, "left")));
        }
        model.addAttribute("left", left);
        model.addAttribute("right", right);
        model.addAttribute("rows", rows);
        model.addAttribute("mergeError", error);
        return "patients/merge";
    }

    @PostMapping("/patients/{id}/merge")
    String merge(
            @PathVariable UUID id,
            @RequestParam UUID other,
            @RequestParam MultiValueMap<String, String> params,
            Model model,
            Locale locale) {
        // the left record (the one whose merge screen this is) survives; the screen offers to swap the sides
        Map<String, String> sides = new LinkedHashMap<>();
        Map<String, @Nullable String> choices = new LinkedHashMap<>();
        for (String field : PatientMerging.FIELDS) {
            String side = params.getFirst("choice." + field);
            if (side == null
                    || !(side.equals("left") || side.equals("right") || (isList(field) && side.equals("both")))) {
                side = isList(field) ? "both" : "left";
            }
            sides.put(field, side);
            choices.put(field, side.equals("both") ? "both" : side.equals("left") ? "survivor" : "merged");
        }
        PatientId kept = new PatientId(id);
        try {
            UUID mergeId = merging.merge(kept, new PatientId(other), choices);
            return "redirect:/patients/" + kept + "?merged=" + mergeId;
        } catch (MergeRefusedException e) {
            return screen(
                    model,
                    read(id),
                    read(other),
                    sides,
                    text.message("patients.merge.refused." + e.reason().name(), locale),
                    locale);
        } catch (PatientRuleException e) {
            return screen(
                    model,
                    read(id),
                    read(other),
                    sides,
                    e.violations().stream().map(v -> text.rule(v, locale)).collect(Collectors.joining("; ")),
                    locale);
        } catch (PatientNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    @PostMapping("/patients/merges/{mergeId}/undo")
    String undo(@PathVariable UUID mergeId, @RequestParam UUID patient) {
        try {
            merging.undo(mergeId);
            return "redirect:/patients/" + patient + "?unmerged";
        } catch (MergeRefusedException e) {
            return "redirect:/patients/" + patient + "?undoRefused="
                    + e.reason().name();
        } catch (PatientNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    @GetMapping("/patients/duplicates")
    String duplicates(Model model, Locale locale) {
        model.addAttribute(
                "pairs",
                duplicates.likelyPairs(PAIRS).stream()
                        .map(pair -> new PairRow(
                                other(pair.first(), locale),
                                other(pair.second(), locale),
                                pair.match().score(),
                                text.reasons(pair.match(), locale)))
                        .toList());
        return "patients/duplicates";
    }

    @PostMapping("/patients/duplicates/dismiss")
    String notDuplicate(@RequestParam UUID first, @RequestParam UUID second) {
        try {
            duplicates.markNotDuplicate(new PatientId(first), new PatientId(second));
        } catch (PatientNotFoundException | MergeRefusedException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/patients/duplicates?dismissed";
    }

    private PatientRecord read(UUID id) {
        try {
            return registry.read(new PatientId(id));
        } catch (PatientNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    /** A field's value as one line of text in the reader's language. */
    private String value(String field, PatientData data, Locale locale) {
        String value =
                switch (field) {
                    case "familyName" -> data.familyName();
                    case "givenName" -> data.givenName();
                    case "patronymic" -> data.patronymic();
                    case "sex" -> text.message("patients.sex." + data.sex().name(), locale);
                    case "birthDate" -> PatientPageText.date(data.birthDate(), locale);
                    case "email" -> data.email();
                    case "address" -> address(data.address(), locale);
                    case "language" -> data.language();
                    case "emergencyContact" ->
                        data.emergencyContact() == null
                                ? null
                                : joined(
                                        data.emergencyContact().name(),
                                        data.emergencyContact().phone(),
                                        data.emergencyContact().relation());
                    case "notes" -> data.notes();
                    case "consents" -> consents(data.consents(), locale);
                    case "phones" ->
                        data.phones().stream()
                                .map(p -> p.primary()
                                        ? text.message("patients.merge.primary", locale, p.e164())
                                        : p.e164())
                                .collect(Collectors.joining(", "));
                    case "identifiers" ->
                        data.identifiers().stream()
                                .map(i -> text.message(
                                                "patients.identifierType."
                                                        + i.type().name(),
                                                locale) + " "
                                        + i.value()
                                        + (i.country().isEmpty() ? "" : " (" + i.country() + ")"))
                                .collect(Collectors.joining(", "));
                    default -> null;
                };
        return value == null || value.isBlank() ? "—" : value;
    }

    private String address(PatientData.Address address, Locale locale) {
        String region = address.region();
        if (region != null && address.country().equals("UZ") && UzbekRegions.isKnown(region)) {
            region = text.message("patients.region." + region, locale);
        }
        return joined(address.country(), region, address.district(), address.street());
    }

    private String consents(PatientData.Consents consents, Locale locale) {
        List<String> given = new ArrayList<>();
        if (consents.sms()) {
            given.add(text.message("patients.field.consentSms", locale));
        }
        if (consents.telegram()) {
            given.add(text.message("patients.field.consentTelegram", locale));
        }
        if (consents.dataProcessing()) {
            given.add(text.message("patients.field.consentData", locale));
        }
        return String.join("; ", given);
    }

    private static String joined(@Nullable String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                present.add(part);
            }
        }
        return String.join(", ", present);
    }
}
