package org.shifo.clinical.web;

import java.util.Locale;
import java.util.Map;
import org.shifo.platform.PdfDocuments;
import org.springframework.stereotype.Component;

/** Prints a visit summary through the platform's {@link PdfDocuments} (DejaVu Sans, the patient's language). */
@Component
class SummaryPdf {

    private final PdfDocuments documents;

    SummaryPdf(PdfDocuments documents) {
        this.documents = documents;
    }

    byte[] render(String template, Map<String, Object> variables, Locale language) {
        return documents.render(template, variables, language);
    }
}
