package org.shifo.platform;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Prints a document (a visit summary, a receipt): a Thymeleaf template rendered as XHTML in the given language,
 * laid out by openhtmltopdf with the DejaVu Sans font shipped in the application (Latin, Uzbek and Cyrillic
 * letters; the PDF base fonts have no Cyrillic).
 */
@Component
public class PdfDocuments {

    private final TemplateEngine templates;

    PdfDocuments(TemplateEngine templates) {
        this.templates = templates;
    }

    /** The PDF of {@code template} rendered with {@code variables} in {@code language}. */
    public byte[] render(String template, Map<String, Object> variables, Locale language) {
        Context context = new Context(language, variables);
        String html = templates.process(template, context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(
                    () -> font("fonts/DejaVuSans.ttf"), "DejaVu Sans", 400, PdfRendererBuilder.FontStyle.NORMAL, true);
            builder.useFont(
                    () -> font("fonts/DejaVuSans-Bold.ttf"),
                    "DejaVu Sans",
                    700,
                    PdfRendererBuilder.FontStyle.NORMAL,
                    true);
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lay out the document " + template, e);
        }
        return out.toByteArray();
    }

    private static InputStream font(String path) {
        try {
            return new ClassPathResource(path).getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("The font " + path + " is missing from the application", e);
        }
    }
}
