package org.shifo.terminology.lab;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV: comma-separated fields, double quotes around a field holding commas, quotes or line
 * breaks, a doubled quote for a quote; an optional UTF-8 byte order mark; blank lines are skipped.
 */
final class CsvRows {

    private CsvRows() {}

    /** One record with the number of the line it starts on (1-based). */
    record Row(int line, List<String> fields) {}

    static final class MalformedCsvException extends Exception {

        private final int line;

        MalformedCsvException(int line, String message) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    static List<Row> read(Reader reader, int maxRows) throws IOException, MalformedCsvException {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean afterQuote = false;
        int line = 1;
        int rowStart = 1;
        int c = reader.read();
        if (c == 0xFEFF) {
            c = reader.read();
        }
        for (; c != -1; c = reader.read()) {
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    quoted = false;
                    afterQuote = true;
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
                continue;
            }
            if (ch == '"') {
                if (afterQuote) {
                    field.append('"');
                    quoted = true;
                    afterQuote = false;
                } else if (field.isEmpty()) {
                    quoted = true;
                } else {
                    throw new MalformedCsvException(line, "a quote inside an unquoted field");
                }
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (ch == '\r') {
                // part of a CRLF line end
            } else if (ch == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                add(rows, rowStart, fields, maxRows);
                fields = new ArrayList<>();
                line++;
                rowStart = line;
            } else {
                if (afterQuote) {
                    throw new MalformedCsvException(line, "text after a closing quote");
                }
                field.append(ch);
            }
        }
        if (quoted) {
            throw new MalformedCsvException(rowStart, "a quoted field is not closed");
        }
        if (!field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            add(rows, rowStart, fields, maxRows);
        }
        return rows;
    }

    private static void add(List<Row> rows, int line, List<String> fields, int maxRows) throws MalformedCsvException {
        if (fields.size() == 1 && fields.getFirst().isBlank()) {
            return;
        }
        if (rows.size() >= maxRows) {
            throw new MalformedCsvException(line, "more than " + maxRows + " rows");
        }
        rows.add(new Row(line, List.copyOf(fields)));
    }
}
