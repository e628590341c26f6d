package org.shifo.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.webjars.WebJarVersionLocator;

/**
 * Accessibility checks with axe-core (the test-scoped WebJar) against WCAG 2.0 and 2.1, levels A and AA: the level
 * Shifo's staff UI promises.
 */
public final class Axe {

    /** The axe-core rule tags checked: WCAG 2.0 and 2.1, A and AA. */
    public static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    /**
     * Runs axe in the page and reduces each violation to readable lines: rule id, impact, help text, the rule's
     * documentation, then each failing element's selector and what to fix.
     */
    private static final String RUN =
            """
            async (tags) => {
              const results = await axe.run(document, {
                runOnly: { type: 'tag', values: tags },
                resultTypes: ['violations']
              });
              return results.violations.map(violation =>
                violation.id + ' (' + violation.impact + '): ' + violation.help + '\\n    ' + violation.helpUrl
                  + violation.nodes.map(node => '\\n    at ' + node.target.join(' ')
                    + (node.failureSummary ? '\\n      ' + node.failureSummary.replace(/\\n/g, '\\n      ') : ''))
                    .join(''));
            }
            """;

    private static @Nullable String source;

    private Axe() {}

    /** Fails, listing every violation, unless the page as it is now breaks no WCAG 2.1 A or AA rule axe checks. */
    public static void assertNoViolations(Page page) {
        List<String> violations = violations(page);
        assertThat(violations)
                .withFailMessage(() -> "axe-core found %d WCAG 2.1 A/AA violation(s) on %s (lang=%s):%n%s"
                        .formatted(
                                violations.size(),
                                page.url(),
                                page.locator("html").getAttribute("lang"),
                                String.join(System.lineSeparator(), violations)))
                .isEmpty();
    }

    /** The violations, one readable entry each; empty when the page passes. */
    public static List<String> violations(Page page) {
        // Evaluated through the DevTools protocol as a function body, so a Content-Security-Policy that forbids
        // inline scripts does not stop it; axe's UMD wrapper then sets window.axe.
        page.evaluate("() => {\n" + source() + "\n}");
        Object result = page.evaluate(RUN, WCAG_21_AA);
        if (!(result instanceof List<?> entries)) {
            throw new IllegalStateException("axe-core returned " + result);
        }
        return entries.stream().map(String::valueOf).toList();
    }

    private static synchronized String source() {
        String loaded = source;
        if (loaded == null) {
            String path = new WebJarVersionLocator().fullPath("axe-core", "axe.min.js");
            if (path == null) {
                throw new IllegalStateException("The axe-core WebJar is not on the test classpath");
            }
            try (InputStream in = Axe.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("No " + path + " on the test classpath");
                }
                loaded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            source = loaded;
        }
        return loaded;
    }
}
