package io.mountsim.reports.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 for the files mountsim writes: reading through Commons CSV (the same library
 * reads {@code measured:} files), writing with minimal quoting.
 *
 * <p>The writer stays this small function rather than Commons CSV's printer: its
 * {@code QuoteMode.MINIMAL} also quotes an empty first field and a field starting with a
 * character up to '#', which would change the bytes of results.csv that scripts and the
 * determinism tests compare.
 */
final class Csv {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().get();

    private Csv() {
    }

    /** A field quoted only when it must be: it holds a comma, a quote, CR or LF (or edge spaces). */
    static String field(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                || s.indexOf('\r') >= 0 || (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' '));
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(fields.get(i)));
        }
        return sb.append('\n').toString();
    }

    /**
     * Records of an RFC 4180 document (LF or CRLF line ends, quoted fields may span lines).
     *
     * @throws IllegalArgumentException for malformed input, with Commons CSV's account of where
     */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        try (CSVParser parser = FORMAT.parse(new StringReader(text))) {
            for (CSVRecord r : parser) {
                records.add(r.toList());
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return records;
    }
}
