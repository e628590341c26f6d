package org.shifo.terminology.domain;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A plain CSV {@code code,title,parent,language,leaf} (UTF-8, RFC 4180, the header line optional): a clinic's
 * own list, or more titles (Uzbek, say) for codes already imported. {@code parent} and {@code leaf} may be empty:
 * an existing code keeps its own, a new one is a leaf unless another row names it as parent.
 */
final class PlainCsvReader implements CodeSetReader {

    static final List<String> HEADER = List.of("code", "title", "parent", "language", "leaf");

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");

    private final CodeFormat format;

    PlainCsvReader(CodeFormat format) {
        this.format = format;
    }

    @Override
    public long read(InputStream in, ConceptSink sink) throws IOException {
        CsvRecords records = records(in);
        long count = 0;
        boolean first = true;
        for (List<String> row = records.next(); row != null; row = records.next()) {
            if (first && isHeader(row)) {
                first = false;
                continue;
            }
            first = false;
            sink.accept(concept(records.line(), row));
            count++;
        }
        if (count == 0) {
            throw new MalformedFileException(0, "the file holds no codes");
        }
        return count;
    }

    @Override
    public long count(InputStream in) throws IOException {
        CsvRecords records = records(in);
        long count = 0;
        boolean first = true;
        for (List<String> row = records.next(); row != null; row = records.next()) {
            if (!(first && isHeader(row))) {
                count++;
            }
            first = false;
        }
        return count;
    }

    private static CsvRecords records(InputStream in) {
        return MkbCsvReader.records(in, ',');
    }

    private static boolean isHeader(List<String> row) {
        return row.size() >= 2
                && row.size() <= HEADER.size()
                && row.stream()
                        .map(name -> name.strip().toLowerCase(Locale.ROOT))
                        .toList()
                        .equals(HEADER.subList(0, row.size()));
    }

    private ParsedConcept concept(long line, List<String> row) {
        if (row.size() < 2 || row.size() > HEADER.size()) {
            throw new MalformedFileException(
                    line, "expected the fields code,title,parent,language,leaf; found " + row.size() + " fields");
        }
        String code = format.normalize(field(row, 0));
        if (code.isEmpty()) {
            throw new MalformedFileException(line, "code is empty");
        }
        if (!format.isStorable(code)) {
            throw new MalformedFileException(line, "code '" + code + "' is not a code of the system");
        }
        String title = field(row, 1);
        if (title.isEmpty() || title.length() > 1000) {
            throw new MalformedFileException(line, "title must be 1 to 1000 characters");
        }
        String parentText = field(row, 2);
        @Nullable String parent = parentText.isEmpty() ? null : format.normalize(parentText);
        if (parent != null && !format.isStorable(parent)) {
            throw new MalformedFileException(line, "parent '" + parent + "' is not a code of the system");
        }
        String language = field(row, 3).toLowerCase(Locale.ROOT);
        if (!LANGUAGE.matcher(language).matches()) {
            throw new MalformedFileException(line, "language must be a language code such as uz, ru or en");
        }
        String leafText = field(row, 4).toLowerCase(Locale.ROOT);
        @Nullable
        Boolean leaf =
                switch (leafText) {
                    case "" -> null;
                    case "1", "true", "yes" -> Boolean.TRUE;
                    case "0", "false", "no" -> Boolean.FALSE;
                    default -> throw new MalformedFileException(line, "leaf must be 1, 0, true, false or empty");
                };
        ConceptKind kind = CodeFormat.isBlock(code)
                ? ConceptKind.BLOCK
                : (format != CodeFormat.LOCAL && CodeFormat.isGroup(code)) ? ConceptKind.CHAPTER : null;
        return new ParsedConcept(line, code, parent, null, null, kind, leaf, true, Map.of(language, title));
    }

    private static String field(List<String> row, int index) {
        return index < row.size() ? row.get(index).strip() : "";
    }
}
