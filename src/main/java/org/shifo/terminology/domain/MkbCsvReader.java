package org.shifo.terminology.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Russian Ministry of Health МКБ-10 reference data (OID 1.2.643.5.1.13.13.11.1005): {@code ;}-separated UTF-8
 * with the header {@code ID;REC_CODE;MKB_CODE;MKB_NAME;ID_PARENT;ADDL_CODE;ACTUAL;DATE}. One row per chapter,
 * block and (sub)category; {@code ID_PARENT} names the parent row's {@code ID}; {@code ACTUAL=0} marks a retired
 * code. Titles are Russian. Whether a code is a leaf is computed after reading (no children).
 */
final class MkbCsvReader implements CodeSetReader {

    static final List<String> HEADER =
            List.of("ID", "REC_CODE", "MKB_CODE", "MKB_NAME", "ID_PARENT", "ADDL_CODE", "ACTUAL", "DATE");

    @Override
    public long read(InputStream in, ConceptSink sink) throws IOException {
        CsvRecords records = records(in);
        header(records);
        long count = 0;
        for (List<String> row = records.next(); row != null; row = records.next()) {
            sink.accept(concept(records.line(), row));
            count++;
        }
        return count;
    }

    @Override
    public long count(InputStream in) throws IOException {
        CsvRecords records = records(in);
        long count = -1;
        for (List<String> row = records.next(); row != null; row = records.next()) {
            count++;
        }
        return Math.max(0, count);
    }

    static CsvRecords records(InputStream in) {
        return records(in, ';');
    }

    /** Records of UTF-8 text; a byte sequence that is not UTF-8 fails the read. */
    static CsvRecords records(InputStream in, char delimiter) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new CsvRecords(new BufferedReader(new InputStreamReader(in, decoder), 1 << 16), delimiter);
    }

    private static void header(CsvRecords records) throws IOException {
        List<String> header = records.next();
        if (header == null) {
            throw new MalformedFileException(0, "the file is empty");
        }
        List<String> names = header.stream()
                .map(name -> name.strip().toUpperCase(Locale.ROOT))
                .toList();
        if (!names.equals(HEADER)) {
            throw new MalformedFileException(
                    records.line(), "the header must be " + String.join(";", HEADER) + " (МКБ-10 reference data CSV)");
        }
    }

    private static ParsedConcept concept(long line, List<String> row) {
        if (row.size() != HEADER.size()) {
            throw new MalformedFileException(
                    line, "expected " + HEADER.size() + " fields separated by ';', found " + row.size());
        }
        String id = required(line, row, 0);
        String code = CodeFormat.ICD10.normalize(required(line, row, 2));
        String title = required(line, row, 3).strip();
        String parent = row.get(4).strip();
        String actual = row.get(6).strip();
        boolean active =
                switch (actual) {
                    case "1", "" -> true;
                    case "0" -> false;
                    default -> throw new MalformedFileException(line, "ACTUAL must be 1 or 0, not '" + actual + "'");
                };
        ConceptKind kind = parent.isEmpty()
                ? ConceptKind.CHAPTER
                : CodeFormat.isBlock(code) ? ConceptKind.BLOCK : ConceptKind.CATEGORY;
        if (kind == ConceptKind.CATEGORY && !CodeFormat.ICD10.isCategory(code)) {
            throw new MalformedFileException(line, "MKB_CODE '" + code + "' is not an ICD-10 code");
        }
        if (!CodeFormat.ANY.matcher(code).matches()) {
            throw new MalformedFileException(line, "MKB_CODE '" + code + "' is not a code");
        }
        if (title.length() > 1000) {
            throw new MalformedFileException(line, "MKB_NAME is longer than 1000 characters");
        }
        return new ParsedConcept(
                line, code, null, id, parent.isEmpty() ? null : parent, kind, null, active, Map.of("ru", title));
    }

    private static String required(long line, List<String> row, int index) {
        String value = row.get(index);
        if (value.isBlank()) {
            throw new MalformedFileException(line, HEADER.get(index) + " is empty");
        }
        return value.strip();
    }
}
