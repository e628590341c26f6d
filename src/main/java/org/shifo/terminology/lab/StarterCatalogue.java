package org.shifo.terminology.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.shifo.terminology.LabTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The starter catalogue shipped with Shifo ({@code terminology/lab-starter-catalogue.csv}, LOINC attribution in
 * {@code terminology/NOTICE-LOINC.txt}): the common panels with default ranges, each citing its source and
 * marked "replace with your laboratory's ranges".
 */
@Component
public class StarterCatalogue {

    /** Bumped whenever the file changes, and recorded with each clinic's load. */
    public static final String VERSION = "2026-11-1";

    static final String RESOURCE = "terminology/lab-starter-catalogue.csv";

    static final String NOTICE = "terminology/NOTICE-LOINC.txt";

    private final List<LabTest> tests;
    private final String notice;

    StarterCatalogue() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream();
                InputStream noticeIn = new ClassPathResource(NOTICE).getInputStream()) {
            this.tests = LabCatalogueCsv.read(in, true);
            this.notice = new String(noticeIn.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The starter laboratory catalogue cannot be read", e);
        }
    }

    public List<LabTest> tests() {
        return tests;
    }

    /** The LOINC copyright notice the catalogue page shows. */
    public String loincNotice() {
        return notice;
    }
}
