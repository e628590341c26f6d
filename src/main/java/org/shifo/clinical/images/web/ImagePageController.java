package org.shifo.clinical.images.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.clinical.ClinicalRoles;
import org.shifo.clinical.images.BodySite;
import org.shifo.clinical.images.EncounterClosedException;
import org.shifo.clinical.images.EncounterImages;
import org.shifo.clinical.images.ImageContentHeaders;
import org.shifo.clinical.images.ImageInputException;
import org.shifo.clinical.images.ImageKind;
import org.shifo.clinical.images.ImageNotFoundException;
import org.shifo.clinical.images.ImageRecord;
import org.shifo.clinical.images.ImageRefusedException;
import org.shifo.clinical.images.LesionLabel;
import org.shifo.clinical.images.UploadThrottledException;
import org.shifo.identity.BranchTimeZones;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Role;
import org.shifo.patients.PatientDirectory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
 * The image pages: an encounter's gallery with the upload form (body map and list), the lesion comparison across
 * visits, and the image bytes for both (session-authenticated, audited like the API's). Refused uploads are shown
 * above the form in the page's language, with the typed fields kept.
 */
@Controller
@PreAuthorize(ClinicalRoles.READ_CHART)
class ImagePageController {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final EncounterImages images;
    private final BranchTimeZones zones;
    private final MessageSource messages;

    ImagePageController(EncounterImages images, MessageSource messages, BranchTimeZones zones) {
        this.images = images;
        this.zones = zones;
        this.messages = messages;
    }

    /** One image as a page shows it. */
    record Card(
            UUID id,
            String src,
            String thumbnail,
            String site,
            String lesionLabel,
            String kind,
            String notes,
            String uploadedAt,
            String dimensions,
            String alt) {}

    /** A body-map choice: code, label, and whether it is the chosen one. */
    record SiteOption(String code, String label, boolean selected) {}

    /** One visit's column on the comparison page. */
    record Visit(String date, List<Card> images) {}

    @GetMapping("/encounters/{id}/images")
    String gallery(@PathVariable UUID id, @RequestParam(required = false) @Nullable String site, Model model) {
        return found(() -> renderGallery(id, new Form(site, null, null, null), List.of(), model));
    }

    @PostMapping("/encounters/{id}/images")
    @PreAuthorize(ClinicalRoles.UPLOAD_IMAGES)
    String upload(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable MultipartFile file,
            @RequestParam(required = false) @Nullable String bodySite,
            @RequestParam(required = false) @Nullable String lesionLabel,
            @RequestParam(required = false) @Nullable String notes,
            @RequestParam(required = false) @Nullable String kind,
            Model model,
            HttpServletResponse response) {
        return found(() -> receive(id, file, bodySite, lesionLabel, notes, kind, model, response));
    }

    private String receive(
            UUID id,
            @Nullable MultipartFile file,
            @Nullable String bodySite,
            @Nullable String lesionLabel,
            @Nullable String notes,
            @Nullable String kind,
            Model model,
            HttpServletResponse response) {
        Form form = new Form(bodySite, lesionLabel, notes, kind);
        MultipartFile chosen = file != null && !file.isEmpty() ? file : null;
        try {
            images.upload(
                    id,
                    new EncounterImages.Upload(
                            chosen != null ? chosen.getSize() : 0,
                            chosen != null ? chosen::getBytes : null,
                            bodySite,
                            lesionLabel,
                            notes,
                            kind));
            return "redirect:/encounters/" + id + "/images?uploaded";
        } catch (ImageInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            List<String> errors = new ArrayList<>();
            for (ImageInputException.Violation v : e.violations()) {
                errors.add(text("clinical.images.upload." + fieldLabel(v.field())) + ": "
                        + text(
                                "clinical.images.field." + v.code(),
                                v.arguments().toArray()));
            }
            return renderGallery(id, form, errors, model);
        } catch (ImageRefusedException e) {
            response.setStatus(e.reason().status());
            return renderGallery(
                    id,
                    form,
                    List.of(text(
                            "clinical.images.refused." + e.reason().code(),
                            e.arguments().toArray())),
                    model);
        } catch (EncounterClosedException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return renderGallery(id, form, List.of(text("clinical.images.closed")), model);
        } catch (UploadThrottledException e) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            return renderGallery(id, form, List.of(text("clinical.images.throttled", e.retryAfterSeconds())), model);
        }
    }

    private static String fieldLabel(String field) {
        return switch (field) {
            case "bodySite" -> "bodySite";
            case "lesionLabel" -> "lesionLabel";
            case "notes" -> "notes";
            case "kind" -> "kind";
            default -> "file";
        };
    }

    /** What the upload form shows again after a refusal (never the file). */
    record Form(
            @Nullable String bodySite, @Nullable String lesionLabel, @Nullable String notes, @Nullable String kind) {}

    private String renderGallery(UUID id, Form form, List<String> errors, Model model) {
        EncounterImages.EncounterSummary encounter = images.encounter(id);
        PatientDirectory.Entry patient = images.patient(encounter.patientId());
        ZoneId zone = zone();
        List<Card> cards =
                images.ofEncounter(id).stream().map(image -> card(image, zone)).toList();
        boolean canUpload = encounter.open()
                && CurrentUser.find()
                        .map(staff -> staff.hasRole(Role.DOCTOR) || staff.hasRole(Role.NURSE))
                        .orElse(false);
        String selected = form.bodySite() == null ? "" : form.bodySite();
        List<SiteOption> sites = Arrays.stream(BodySite.values())
                .map(site -> new SiteOption(
                        site.code(), text(site.messageKey()), site.code().equals(selected)))
                .toList();
        Map<String, String> labels = new LinkedHashMap<>();
        sites.forEach(site -> labels.put(site.code(), site.label()));
        model.addAttribute("encounter", encounter);
        model.addAttribute("patient", patient);
        model.addAttribute("visitDate", DAY.format(encounter.startedAt().atZone(zone)));
        model.addAttribute("images", cards);
        model.addAttribute("canUpload", canUpload);
        model.addAttribute("sites", sites);
        model.addAttribute("siteLabels", labels);
        model.addAttribute(
                "kinds", Arrays.stream(ImageKind.values()).map(Enum::name).toList());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("maxMiB", images.maxSizeBytes() / (1024 * 1024));
        return "clinical/images/gallery";
    }

    @GetMapping("/patients/{id}/images/compare")
    String compare(@PathVariable UUID id, @RequestParam(required = false) @Nullable String lesion, Model model) {
        return found(() -> comparison(id, lesion, model));
    }

    private String comparison(UUID id, @Nullable String lesion, Model model) {
        PatientDirectory.Entry patient = images.patient(id);
        List<LesionLabel> labels = images.lesionLabels(id);
        String chosen = lesion == null ? "" : lesion.strip();
        List<Visit> visits = new ArrayList<>();
        if (!chosen.isEmpty()) {
            ZoneId zone = zone();
            Map<UUID, List<Card>> byEncounter = new LinkedHashMap<>();
            Map<UUID, String> dates = new LinkedHashMap<>();
            for (ImageRecord image : images.ofPatient(id, chosen)) {
                byEncounter
                        .computeIfAbsent(image.encounterId(), k -> new ArrayList<>())
                        .add(card(image, zone));
                dates.put(
                        image.encounterId(),
                        DAY.format(image.encounterStartedAt().atZone(zone)));
            }
            byEncounter.forEach(
                    (encounter, cards) -> visits.add(new Visit(Objects.requireNonNull(dates.get(encounter)), cards)));
        }
        model.addAttribute("patient", patient);
        model.addAttribute("labels", labels);
        model.addAttribute("lesion", chosen);
        model.addAttribute("visits", visits);
        return "clinical/images/compare";
    }

    @GetMapping("/images/{id}")
    ResponseEntity<InputStreamResource> image(@PathVariable UUID id) {
        return found(() -> ImageContentHeaders.answer(images.open(id, false), false));
    }

    @GetMapping("/images/{id}/thumbnail")
    ResponseEntity<InputStreamResource> thumbnail(@PathVariable UUID id) {
        return found(() -> ImageContentHeaders.answer(images.open(id, true), true));
    }

    /** Another organization's (or a deleted) encounter, patient or image: the 404 page. */
    private static <T> T found(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (ImageNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private Card card(ImageRecord image, ZoneId zone) {
        String site = text(image.bodySite().messageKey());
        String kind = text("clinical.images.kind." + image.kind().name());
        return new Card(
                image.id(),
                "/images/" + image.id(),
                "/images/" + image.id() + "/thumbnail",
                site,
                image.lesionLabel(),
                kind,
                image.notes(),
                DAY_TIME.format(image.uploadedAt().atZone(zone)),
                text("clinical.images.image.dimensions", image.width(), image.height()),
                text("clinical.images.image.alt", image.lesionLabel(), site, kind));
    }

    /**
     * The zone of the reader's branch (one query; a page asks once): visit days and upload times are read where the
     * reader works.
     */
    private ZoneId zone() {
        return zones.of(CurrentUser.get());
    }

    private String text(String key, Object... arguments) {
        Locale locale = LocaleContextHolder.getLocale();
        return Objects.requireNonNullElse(messages.getMessage(key, arguments, key, locale), key);
    }
}
