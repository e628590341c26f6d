package org.shifo.notifications.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.TenantContext;
import org.shifo.notifications.NotificationRoles;
import org.shifo.notifications.delivery.NotificationTemplate;
import org.shifo.notifications.delivery.NotificationTemplates;
import org.shifo.notifications.delivery.RenderedMessage;
import org.shifo.notifications.rules.NotificationRuleException;
import org.shifo.notifications.rules.Violation;
import org.shifo.notifications.settings.NotificationSettings;
import org.shifo.notifications.settings.NotificationSettingsBook;
import org.shifo.notifications.settings.TemplateWording;
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
 * The administrators' notification settings ({@code /admin/notifications/settings}: quiet hours, reminder offsets,
 * Telegram limits) and templates ({@code /admin/notifications/templates}: every template in uz, ru and en, an
 * editor with a live preview rendered with sample values, reset to the built-in text).
 */
@Controller
@PreAuthorize(NotificationRoles.ADMINISTER)
class NotificationAdminPageController {

    private final NotificationSettingsBook settings;
    private final NotificationTemplates templates;
    private final TemplateWording wording;
    private final MessageSource messages;

    NotificationAdminPageController(
            NotificationSettingsBook settings,
            NotificationTemplates templates,
            TemplateWording wording,
            MessageSource messages) {
        this.settings = settings;
        this.templates = templates;
        this.wording = wording;
        this.messages = messages;
    }

    // --- settings --------------------------------------------------------------------------------------------

    @GetMapping("/admin/notifications/settings")
    String settings(Model model) {
        NotificationSettings current = settings.get(TenantContext.require());
        return settingsPage(
                model,
                Map.of(
                        "quietFrom", NotificationSettingsBook.format(current.quietFrom()),
                        "quietUntil", NotificationSettingsBook.format(current.quietUntil()),
                        "reminderOffsets",
                                String.join(
                                        ", ",
                                        current.reminderOffsets().stream()
                                                .map(String::valueOf)
                                                .toList()),
                        "perChatPerSecond", String.valueOf(current.perChatPerSecond()),
                        "perBotPerSecond", String.valueOf(current.perBotPerSecond())),
                Map.of());
    }

    @PostMapping("/admin/notifications/settings")
    String saveSettings(
            @RequestParam(required = false) @Nullable String quietFrom,
            @RequestParam(required = false) @Nullable String quietUntil,
            @RequestParam(required = false) @Nullable String reminderOffsets,
            @RequestParam(required = false) @Nullable String perChatPerSecond,
            @RequestParam(required = false) @Nullable String perBotPerSecond,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("quietFrom", Objects.requireNonNullElse(quietFrom, ""));
        typed.put("quietUntil", Objects.requireNonNullElse(quietUntil, ""));
        typed.put("reminderOffsets", Objects.requireNonNullElse(reminderOffsets, ""));
        typed.put("perChatPerSecond", Objects.requireNonNullElse(perChatPerSecond, ""));
        typed.put("perBotPerSecond", Objects.requireNonNullElse(perBotPerSecond, ""));
        try {
            settings.save(new NotificationSettingsBook.Change(
                    quietFrom,
                    quietUntil,
                    NotificationSettingsBook.offsetsFromText(reminderOffsets),
                    number(perChatPerSecond),
                    number(perBotPerSecond)));
        } catch (NotificationRuleException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return settingsPage(model, typed, errors(e.violations(), locale));
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/notifications/settings";
    }

    private String settingsPage(Model model, Map<String, String> values, Map<String, String> errors) {
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "notifications/admin-settings";
    }

    /** A whole number as typed, or a value the rules refuse as out of range (0) when it is not one. */
    private static @Nullable Integer number(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // --- templates -------------------------------------------------------------------------------------------

    /** A template with, per language, whether the organization has its own wording. */
    record TemplateRow(String key, Map<String, Boolean> reworded) {}

    @GetMapping("/admin/notifications/templates")
    String templates(Model model) {
        Map<String, Set<String>> reworded = wording.reworded();
        List<TemplateRow> rows = java.util.Arrays.stream(NotificationTemplate.values())
                .map(t -> {
                    Map<String, Boolean> languages = new LinkedHashMap<>();
                    for (String language : LANGUAGES) {
                        languages.put(
                                language,
                                reworded.getOrDefault(t.key(), Set.of()).contains(language));
                    }
                    return new TemplateRow(t.key(), languages);
                })
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("languages", LANGUAGES);
        return "notifications/admin-templates";
    }

    static final List<String> LANGUAGES = List.of("uz", "ru", "en");

    @GetMapping("/admin/notifications/templates/{key}/{language}")
    String editTemplate(@PathVariable String key, @PathVariable String language, Model model, Locale locale) {
        NotificationTemplate template = template(key, language);
        String own = templates
                .organizationBody(TenantContext.require(), template, language)
                .orElse(null);
        String body = own != null ? own : templates.builtInBody(template, language);
        return editor(model, template, language, body, own != null, Map.of(), locale);
    }

    @PostMapping("/admin/notifications/templates/{key}/{language}")
    String saveTemplate(
            @PathVariable String key,
            @PathVariable String language,
            @RequestParam(required = false) @Nullable String body,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        NotificationTemplate template = template(key, language);
        try {
            wording.save(template, language, body);
        } catch (NotificationRuleException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            boolean own = templates
                    .organizationBody(TenantContext.require(), template, language)
                    .isPresent();
            return editor(
                    model,
                    template,
                    language,
                    Objects.requireNonNullElse(body, ""),
                    own,
                    errors(e.violations(), locale),
                    locale);
        }
        redirect.addFlashAttribute("saved", "saved");
        return "redirect:/admin/notifications/templates/" + template.key() + "/" + language;
    }

    @PostMapping("/admin/notifications/templates/{key}/{language}/reset")
    String resetTemplate(@PathVariable String key, @PathVariable String language, RedirectAttributes redirect) {
        NotificationTemplate template = template(key, language);
        wording.reset(template, language);
        redirect.addFlashAttribute("saved", "reset");
        return "redirect:/admin/notifications/templates/" + template.key() + "/" + language;
    }

    /** The live preview (htmx): the draft rendered with sample values, or what is wrong with it. */
    @PostMapping("/admin/notifications/templates/{key}/{language}/preview")
    String preview(
            @PathVariable String key,
            @PathVariable String language,
            @RequestParam(required = false) @Nullable String body,
            Model model,
            Locale locale) {
        NotificationTemplate template = template(key, language);
        String draft = Objects.requireNonNullElse(body, "");
        previewModel(model, template, language, draft, errors(wording.check(template, draft), locale));
        return "notifications/admin-template-edit :: preview";
    }

    private String editor(
            Model model,
            NotificationTemplate template,
            String language,
            String body,
            boolean own,
            Map<String, String> errors,
            Locale locale) {
        model.addAttribute("template", template);
        model.addAttribute("language", language);
        model.addAttribute("body", body);
        model.addAttribute("own", own);
        model.addAttribute("builtIn", templates.builtInBody(template, language));
        model.addAttribute("placeholders", template.placeholders());
        model.addAttribute("errors", errors);
        previewModel(model, template, language, body, errors);
        return "notifications/admin-template-edit";
    }

    private void previewModel(
            Model model, NotificationTemplate template, String language, String body, Map<String, String> errors) {
        model.addAttribute("previewError", errors.get("body"));
        RenderedMessage rendered = body.isBlank() ? null : templates.preview(template, language, body, SAMPLE);
        model.addAttribute("preview", rendered == null ? "" : rendered.plain());
        model.addAttribute("previewTitle", templates.title(template, language));
    }

    private static final Map<String, String> SAMPLE = TemplateWording.SAMPLES;

    private static NotificationTemplate template(String key, String language) {
        if (!LANGUAGES.contains(language)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return NotificationTemplate.byKey(key).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private Map<String, String> errors(List<Violation> violations, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Violation v : violations) {
            String text = Objects.requireNonNullElse(
                    messages.getMessage(
                            "notifications.rule." + v.code(), v.arguments().toArray(), v.message(), locale),
                    v.message());
            errors.merge(v.field(), text, (a, b) -> a + " " + b);
        }
        return errors;
    }
}
