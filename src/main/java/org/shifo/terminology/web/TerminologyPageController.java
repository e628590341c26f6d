package org.shifo.terminology.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.platform.ShellContext;
import org.shifo.terminology.Terminology;
import org.shifo.terminology.TerminologyRoles;
import org.shifo.terminology.domain.ImportFormat;
import org.shifo.terminology.importing.CodeSetImports;
import org.shifo.terminology.importing.ImportRefusedException;
import org.shifo.terminology.persistence.ImportJob;
import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' code set page ({@code /admin/terminology}): upload a file with its format, follow the
 * import's progress (htmx polls the progress fragment every second until the job is finished), the sets imported
 * and the recent imports.
 */
@Controller
@PreAuthorize(TerminologyRoles.IMPORT)
class TerminologyPageController {

    private final CodeSetImports imports;
    private final Terminology terminology;
    private final MessageSource messages;
    private final ObjectProvider<ShellContext> shell;

    TerminologyPageController(
            CodeSetImports imports,
            Terminology terminology,
            MessageSource messages,
            ObjectProvider<ShellContext> shell) {
        this.imports = imports;
        this.terminology = terminology;
        this.messages = messages;
        this.shell = shell;
    }

    @GetMapping("/admin/terminology")
    String page(@RequestParam(name = "job", required = false) @Nullable UUID job, Model model) {
        return show(model, job, Map.of(), null);
    }

    @PostMapping("/admin/terminology/imports")
    String submit(
            @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam(name = "format", required = false) @Nullable String format,
            @RequestParam(name = "system", required = false) @Nullable String system,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            if (file == null || file.isEmpty()) {
                throw new PageFieldException("file", "terminology.import.error.file.empty");
            }
            ImportJob job = imports.submit(new CodeSetImports.Upload(
                    format, system, file.getOriginalFilename(), file.getSize(), file::getInputStream));
            redirect.addAttribute("job", job.id());
            return "redirect:/admin/terminology";
        } catch (ImportRefusedException e) {
            String message = messages.getMessage(
                    "terminology.import.error." + e.field() + "." + e.code(),
                    e.arguments().toArray(),
                    String.valueOf(e.getMessage()),
                    locale);
            response.setStatus(e.isRefusal() ? 422 : HttpStatus.BAD_REQUEST.value());
            return show(model, null, Map.of(e.field(), String.valueOf(message)), format);
        } catch (PageFieldException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(model, null, Map.of(e.field, messages.getMessage(e.key, null, locale)), format);
        }
    }

    /** The progress of one import, for htmx to swap in place of the previous one. */
    @GetMapping("/admin/terminology/imports/{id}")
    String progress(@PathVariable UUID id, Model model) {
        model.addAttribute("job", imports.job(id));
        return "terminology/admin :: progress";
    }

    private String show(Model model, @Nullable UUID jobId, Map<String, String> errors, @Nullable String format) {
        List<ImportJob> recent = imports.recent(10);
        ImportJob job = jobId == null
                ? recent.stream()
                        .filter(j -> !j.status().isFinished())
                        .findFirst()
                        .orElse(null)
                : recent.stream().filter(j -> j.id().equals(jobId)).findFirst().orElseGet(() -> imports.job(jobId));
        model.addAttribute("job", job);
        model.addAttribute("jobs", recent);
        model.addAttribute("sets", imports.sets());
        model.addAttribute("icd10Missing", TerminologyNavigation.isMissing(terminology));
        model.addAttribute(
                "formats", Arrays.stream(ImportFormat.values()).map(Enum::name).toList());
        model.addAttribute("selectedFormat", format == null ? "" : format);
        model.addAttribute("errors", errors);
        model.addAttribute("zone", shell.getIfAvailable(ShellContext::signedOut).timeZone());
        return "terminology/admin";
    }

    private static final class PageFieldException extends RuntimeException {
        private final String field;
        private final String key;

        PageFieldException(String field, String key) {
            super(field);
            this.field = field;
            this.key = key;
        }
    }
}
