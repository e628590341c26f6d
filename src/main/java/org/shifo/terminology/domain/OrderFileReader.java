package org.shifo.terminology.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The ICD-10-CM order file ({@code icd10cm_order_YYYY.txt}): fixed-width ASCII, one code per line in tabular
 * order. Columns (1-based): 1–5 order number, 7–13 the code without its dot, 15 {@code 1} for a code valid for
 * coding (a billable leaf) or {@code 0} for a header, 17–76 the short description, 78 to the end the long one.
 * Parsed by columns, never by tokens: the first token is the order number. The dot goes after the third
 * character; a code's parent is the longest code before it that is a prefix of it.
 */
final class OrderFileReader implements CodeSetReader {

    @Override
    public long read(InputStream in, ConceptSink sink) throws IOException {
        BufferedReader lines = reader(in);
        Set<String> seen = new HashSet<>();
        long number = 0;
        long count = 0;
        for (String text = lines.readLine(); text != null; text = lines.readLine()) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            ParsedConcept concept = parse(number, text, seen);
            seen.add(concept.code());
            sink.accept(concept);
            count++;
        }
        if (count == 0) {
            throw new MalformedFileException(0, "the file holds no codes");
        }
        return count;
    }

    @Override
    public long count(InputStream in) throws IOException {
        BufferedReader lines = reader(in);
        long count = 0;
        for (String text = lines.readLine(); text != null; text = lines.readLine()) {
            if (!text.isBlank()) {
                count++;
            }
        }
        return count;
    }

    private static BufferedReader reader(InputStream in) {
        // the file is ASCII; ISO-8859-1 reads any byte, so a stray one is reported as a bad code, not a crash
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1 << 16);
    }

    /** One line: the code (dotted), its parent among {@code seen}, whether codable, the long title in English. */
    static ParsedConcept parse(long line, String text, Set<String> seen) {
        if (text.length() < 17) {
            throw new MalformedFileException(line, "too short for the order file's columns (at least 17 characters)");
        }
        String order = text.substring(0, 5);
        if (!order.chars().allMatch(Character::isDigit)) {
            throw new MalformedFileException(line, "columns 1-5 must be the order number, not '" + order + "'");
        }
        if (text.charAt(5) != ' ' || text.charAt(13) != ' ' || text.charAt(15) != ' ') {
            throw new MalformedFileException(line, "columns 6, 14 and 16 must be blank");
        }
        String raw = text.substring(6, 13).strip();
        if (!raw.matches("[A-Z0-9]{3,7}")) {
            throw new MalformedFileException(line, "columns 7-13 must be a code of 3 to 7 letters and digits");
        }
        String code = CodeFormat.ICD10_CM.normalize(raw);
        if (!CodeFormat.ICD10_CM.isCategory(code)) {
            throw new MalformedFileException(line, "'" + raw + "' is not an ICD-10-CM code");
        }
        char flag = text.charAt(14);
        if (flag != '0' && flag != '1') {
            throw new MalformedFileException(line, "column 15 must be 1 (valid for coding) or 0 (header)");
        }
        String shortTitle = text.substring(16, Math.min(76, text.length())).strip();
        String longTitle = text.length() > 77 ? text.substring(77).strip() : "";
        String title = longTitle.isEmpty() ? shortTitle : longTitle;
        if (title.isEmpty()) {
            throw new MalformedFileException(line, "the description is empty");
        }
        return new ParsedConcept(
                line,
                code,
                parentOf(code, seen),
                null,
                null,
                ConceptKind.CATEGORY,
                flag == '1',
                true,
                Map.of("en", title.length() > 1000 ? title.substring(0, 1000) : title));
    }

    private static @Nullable String parentOf(String code, Set<String> seen) {
        String candidate = code;
        while (candidate.length() > 3) {
            candidate = candidate.substring(0, candidate.length() - 1);
            if (candidate.endsWith(".")) {
                candidate = candidate.substring(0, candidate.length() - 1);
            }
            if (seen.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
