package org.shifo.notifications.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchTimeZones;
import org.shifo.identity.CurrentUser;
import org.shifo.notifications.telegram.BotMode;
import org.shifo.notifications.telegram.TelegramBots;
import org.shifo.notifications.telegram.TelegramLinks;
import org.shifo.notifications.telegram.TelegramRefusedException;
import org.shifo.notifications.telegram.TelegramRoles;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Telegram bot's pages: the administrators' settings with the setup checklist ({@code /admin/notifications/telegram})
 * and a patient's notifications ({@code /patients/{id}/notifications}: linked chats with consent dates, a one-time link
 * with its QR code to show or print, unlinking, the last messages without their text), linked from the patient page.
 */
@Controller
class TelegramPageController {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final TelegramBots bots;
    private final TelegramLinks links;
    private final PatientDirectory patients;
    private final BranchTimeZones zones;
    private final MessageSource messages;

    TelegramPageController(
            TelegramBots bots,
            TelegramLinks links,
            PatientDirectory patients,
            BranchTimeZones zones,
            MessageSource messages) {
        this.bots = bots;
        this.links = links;
        this.patients = patients;
        this.zones = zones;
        this.messages = messages;
    }

    /** A linked chat as a row of the patient page. */
    record LinkRow(
            UUID id,
            long chatId,
            String language,
            String consentAt,
            @Nullable String unlinkedAt,
            @Nullable String unlinkReason,
            boolean managed) {}

    /** A notification as a row: template, channel, status and time; no text. */
    record MessageRow(String template, String channel, String status, String at) {}

    // --- the bot's settings

    @GetMapping("/admin/notifications/telegram")
    @PreAuthorize(TelegramRoles.BOT_SETTINGS)
    String settings(Model model) {
        return settingsPage(model, Map.of(), null);
    }

    @PostMapping("/admin/notifications/telegram")
    @PreAuthorize(TelegramRoles.BOT_SETTINGS)
    String save(
            @RequestParam(required = false) @Nullable String token,
            @RequestParam(required = false) @Nullable String mode,
            Model model,
            Locale locale,
            jakarta.servlet.http.HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            bots.save(token, mode);
        } catch (TelegramRefusedException e) {
            response.setStatus(e.status() == 502 ? 502 : e.status() == 400 ? 400 : 422);
            return settingsPage(model, Map.of(e.field(), rule(e, locale)), mode);
        }
        redirect.addFlashAttribute("saved", Boolean.TRUE);
        return "redirect:/admin/notifications/telegram";
    }

    private String settingsPage(Model model, Map<String, String> errors, @Nullable String typedMode) {
        TelegramBots.Status status = bots.status();
        ZoneId zone = zones.of(CurrentUser.get());
        model.addAttribute("bot", status);
        model.addAttribute("modes", BotMode.values());
        model.addAttribute(
                "chosenMode",
                typedMode != null
                        ? typedMode
                        : status.mode() != null
                                ? status.mode().name()
                                : status.defaultMode().name());
        model.addAttribute("lastUpdate", moment(status.lastUpdateAt(), zone));
        model.addAttribute("lastPoll", moment(status.lastPollAt(), zone));
        model.addAttribute("errors", errors);
        return "notifications/telegram-bot";
    }

    // --- a patient's notifications

    @GetMapping("/patients/{id}/notifications")
    @PreAuthorize(TelegramRoles.PATIENT_LINKS)
    String patient(@PathVariable String id, Model model) {
        return patientPage(id, model, null, null);
    }

    @PostMapping("/patients/{id}/notifications/telegram-link")
    @PreAuthorize(TelegramRoles.PATIENT_LINKS)
    String createLink(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String members,
            Model model,
            Locale locale,
            jakarta.servlet.http.HttpServletResponse response) {
        PatientId patient = patientId(id);
        String typed = members == null ? "" : members.strip();
        List<PatientId> memberIds = new java.util.ArrayList<>();
        for (String number : typed.isEmpty() ? new String[0] : typed.split("[,;\\s]+")) {
            Optional<PatientDirectory.Entry> found = patients.search(number, 5).stream()
                    .filter(e -> e.medicalRecordNumber().equalsIgnoreCase(number) && !e.merged())
                    .findFirst();
            if (found.isEmpty()) {
                response.setStatus(422);
                model.addAttribute("membersError", text("notifications.patient.unknownRecord", locale, number));
                model.addAttribute("typedMembers", typed);
                return patientPage(id, model, null, null);
            }
            memberIds.add(found.get().id());
        }
        TelegramLinks.LinkCreated created;
        try {
            created = links.createLink(patient, memberIds);
        } catch (TelegramRefusedException e) {
            if (e.status() == 404) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            response.setStatus(e.status() == 400 ? 400 : 422);
            if (e.field().startsWith("members")) {
                model.addAttribute("membersError", rule(e, locale));
                model.addAttribute("typedMembers", typed);
                return patientPage(id, model, null, null);
            }
            return patientPage(id, model, null, rule(e, locale));
        }
        model.addAttribute(
                "createdMembers",
                patients.findAll(CurrentUser.get().tenantId(), created.members()).values().stream()
                        .map(PatientDirectory.Entry::displayName)
                        .toList());
        return patientPage(id, model, created, null);
    }

    @PostMapping("/patients/{id}/notifications/links/{linkId}/unlink")
    @PreAuthorize(TelegramRoles.PATIENT_LINKS)
    String unlink(@PathVariable String id, @PathVariable String linkId, RedirectAttributes redirect) {
        PatientId patient = patientId(id);
        try {
            links.unlink(patient, UUID.fromString(linkId));
        } catch (TelegramRefusedException | IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("unlinked", Boolean.TRUE);
        return "redirect:/patients/" + patient.value() + "/notifications";
    }

    private String patientPage(
            String id, Model model, TelegramLinks.@Nullable LinkCreated created, @Nullable String refusal) {
        PatientId patient = patientId(id);
        TelegramLinks.Overview overview;
        try {
            overview = links.overview(patient);
        } catch (TelegramRefusedException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        PatientDirectory.Entry entry = patients.find(CurrentUser.get().tenantId(), patient)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        ZoneId zone = zones.of(CurrentUser.get());
        model.addAttribute("patient", entry);
        model.addAttribute("botUsername", overview.botUsername());
        model.addAttribute(
                "links",
                overview.links().stream()
                        .map(l -> new LinkRow(
                                l.id(),
                                l.chatId(),
                                l.language(),
                                Objects.requireNonNull(moment(l.consentAt(), zone)),
                                moment(l.unlinkedAt(), zone),
                                l.unlinkReason(),
                                l.managedBy() != null))
                        .toList());
        model.addAttribute(
                "messages",
                overview.messages().stream()
                        .map(m -> new MessageRow(
                                m.template(),
                                m.channel(),
                                m.status(),
                                Objects.requireNonNull(moment(m.sentAt() != null ? m.sentAt() : m.createdAt(), zone))))
                        .toList());
        model.addAttribute("created", created);
        model.addAttribute("createdExpires", created == null ? null : moment(created.expiresAt(), zone));
        model.addAttribute("refusal", refusal);
        return "notifications/patient";
    }

    private static PatientId patientId(String id) {
        try {
            return new PatientId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private String rule(TelegramRefusedException e, Locale locale) {
        String fallback = Objects.requireNonNullElse(e.getMessage(), e.code());
        return Objects.requireNonNullElse(
                messages.getMessage("notifications.telegram.rule." + e.code(), null, fallback, locale), fallback);
    }

    private String text(String key, Locale locale, Object... arguments) {
        return Objects.requireNonNullElse(messages.getMessage(key, arguments, key, locale), key);
    }

    private static @Nullable String moment(@Nullable Instant at, ZoneId zone) {
        return at == null ? null : MOMENT.format(at.atZone(zone));
    }
}
