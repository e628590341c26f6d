package org.shifo.clinical.web;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;
import org.springframework.stereotype.Component;

/**
 * A note section's plain text with optional Markdown, as safe HTML: commonmark renders it (raw HTML in the text
 * is escaped, not passed through), then the OWASP sanitizer keeps only formatting, blocks, lists and tables —
 * no links, images, scripts, styles or attributes that could carry them. The result goes into pages and PDFs.
 */
@Component
public class NoteRenderer {

    private static final PolicyFactory POLICY =
            Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.TABLES);

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer =
            HtmlRenderer.builder().escapeHtml(true).softbreak("<br />").build();

    public String html(String text) {
        if (text.isBlank()) {
            return "";
        }
        return POLICY.sanitize(renderer.render(parser.parse(text)));
    }
}
