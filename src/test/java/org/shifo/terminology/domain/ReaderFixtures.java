package org.shifo.terminology.domain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the sample files under src/test/resources/terminology with a reader, collecting the codes. */
final class ReaderFixtures {

    private ReaderFixtures() {}

    static InputStream sample(String name) {
        InputStream in = ReaderFixtures.class.getResourceAsStream("/terminology/" + name);
        if (in == null) {
            throw new IllegalArgumentException("no sample " + name);
        }
        return in;
    }

    static Map<String, ParsedConcept> readSample(CodeSetReader reader, String name) {
        return read(reader, sample(name));
    }

    static Map<String, ParsedConcept> readText(CodeSetReader reader, String text) {
        return read(reader, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, ParsedConcept> read(CodeSetReader reader, InputStream in) {
        List<ParsedConcept> all = new ArrayList<>();
        try (in) {
            reader.read(in, all::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, ParsedConcept> byCode = new LinkedHashMap<>();
        all.forEach(concept -> byCode.put(concept.code(), concept));
        return byCode;
    }
}
