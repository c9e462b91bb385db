package io.mountsim.scenarios.scenario;

import io.mountsim.core.results.MetricNames;
import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.schema.KeySuggester;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code measured: FILE}: real-kernel measurements to show beside the simulated values.
 * A CSV file (lines starting with '#' are comments, for the data's source): the header
 * names every swept key, then metric columns; each row gives one point's measured values.
 * Empty cells are "not measured".
 */
final class MeasuredCsv {
    /**
     * RFC 4180 (the reader results.csv is read back with, Commons CSV) plus what people
     * write by hand: '#' comment lines for the data's source, blank lines, spaces around cells.
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setCommentMarker('#')
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .setTrim(true)
            .get();

    /** One row per sweep point (at most 100,000 points) fits many times over; more is not a measured: file. */
    static final long MAX_BYTES = 16L << 20;

    private MeasuredCsv() {
    }

    /**
     * Reads and checks the file. {@code points} is null when some sweep point is invalid:
     * then the header and the numbers are checked, but rows are not matched to points.
     */
    static Map<Integer, Map<String, Double>> load(Path file, String shownAs, Location at, List<String> sweptKeys,
                                                  List<ScenarioPoint> points, Problems problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(at, "measured", "file not found: " + file + " (a relative path is resolved against the scenario file's directory)");
            return Map.of();
        }
        List<Map.Entry<Integer, List<String>>> records = new ArrayList<>();
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                problems.add(at, "measured", file + " is " + size + " bytes; a measured: CSV (one row per sweep point) may have at most "
                        + MAX_BYTES + " bytes");
                return Map.of();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // a last line without its line end would report the line before it
            CSVParser parser = FORMAT.parse(new StringReader(text.endsWith("\n") ? text : text + "\n"));
            for (CSVRecord record : parser) {
                // the parser has read through the record's line end: its line count is the record's last line
                records.add(Map.entry(Math.toIntExact(parser.getCurrentLineNumber()), record.toList()));
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            problems.add(at, "measured", file + " is not UTF-8 text; expected a CSV file");
            return Map.of();
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add(at, "measured", "cannot read " + file + " as CSV: " + e.getMessage());
            return Map.of();
        }
        List<String> header = null;
        Map<Integer, Map<String, Double>> out = new HashMap<>();
        Map<Integer, Integer> lineOfPoint = new HashMap<>();
        for (Map.Entry<Integer, List<String>> record : records) {
            List<String> cells = record.getValue();
            int lineNumber = record.getKey();
            Location here = new Location(shownAs, lineNumber, 1);
            if (header == null) {
                header = cells;
                if (!checkHeader(header, sweptKeys, here, problems)) {
                    return Map.of();
                }
                continue;
            }
            if (cells.size() != header.size()) {
                problems.add(here, "", "expected " + header.size() + " cells like the header, got " + cells.size());
                continue;
            }
            if (points == null) {
                checkNumbers(cells, header, sweptKeys, here, problems);
                continue;
            }
            int point = matchPoint(cells, sweptKeys, points);
            if (point < 0) {
                problems.add(here, "", "no sweep point has " + describe(cells, sweptKeys));
                continue;
            }
            if (lineOfPoint.containsKey(point)) {
                problems.add(here, "", "a second row for " + describe(cells, sweptKeys) + " (first at line " + lineOfPoint.get(point) + ")");
                continue;
            }
            lineOfPoint.put(point, lineNumber);
            out.put(point, checkNumbers(cells, header, sweptKeys, here, problems));
        }
        if (header == null) {
            problems.add(new Location(shownAs, 1, 1), "", "expected a header line: the swept keys, then metric names");
        }
        return out;
    }

    /** The metric cells of one row as numbers (empty cells are "not measured"). */
    private static Map<String, Double> checkNumbers(List<String> cells, List<String> header, List<String> sweptKeys,
                                                    Location here, Problems problems) {
        LinkedHashMap<String, Double> values = new LinkedHashMap<>();
        for (int c = sweptKeys.size(); c < cells.size(); c++) {
            if (cells.get(c).isEmpty()) {
                continue;
            }
            try {
                double v = Double.parseDouble(cells.get(c));
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                values.put(header.get(c), v);
            } catch (NumberFormatException e) {
                problems.add(here, header.get(c), "expected a number, got '" + cells.get(c) + "'");
            }
        }
        return values;
    }

    private static boolean checkHeader(List<String> header, List<String> sweptKeys, Location at, Problems problems) {
        if (header.size() < sweptKeys.size() || !header.subList(0, sweptKeys.size()).equals(sweptKeys)) {
            problems.add(at, "", "expected the header to start with the swept keys " + String.join(",", sweptKeys)
                    + ", then metric names; got " + String.join(",", header));
            return false;
        }
        boolean ok = true;
        List<String> known = knownMetrics();
        for (String metric : header.subList(sweptKeys.size(), header.size())) {
            if (!known.contains(metric) && !metric.startsWith(MetricNames.SYSCALL_US_MEAN_PREFIX)) {
                String hint = KeySuggester.nearest(metric, known).map(k -> "; did you mean " + k + "?").orElse("");
                problems.add(at, metric, "not a metric column" + hint);
                ok = false;
            }
        }
        return ok;
    }

    private static List<String> knownMetrics() {
        List<String> known = new ArrayList<>(MetricNames.CONTRACT_ORDER);
        known.addAll(List.of(MetricNames.EVENTS, MetricNames.WALL_SECONDS,
                MetricNames.LOCKBENCH_SECONDS, MetricNames.LOCKBENCH_NS_PER_CRITICAL_SECTION));
        return known;
    }

    private static int matchPoint(List<String> cells, List<String> sweptKeys, List<ScenarioPoint> points) {
        for (ScenarioPoint p : points) {
            boolean all = true;
            for (int k = 0; k < sweptKeys.size() && all; k++) {
                all = sameValue(cells.get(k), p.parameters().get(sweptKeys.get(k)));
            }
            if (all) {
                return p.index();
            }
        }
        return -1;
    }

    /** Numbers compare by value ("1" = "1.0"); everything else as written, quotes ignored. */
    static boolean sameValue(String a, String b) {
        String x = unquote(a);
        String y = unquote(b);
        if (x.equals(y)) {
            return true;
        }
        try {
            return new BigDecimal(x).compareTo(new BigDecimal(y)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String unquote(String s) {
        String t = s == null ? "" : s.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private static String describe(List<String> cells, List<String> sweptKeys) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < sweptKeys.size(); k++) {
            parts.add(sweptKeys.get(k) + "=" + cells.get(k));
        }
        return parts.isEmpty() ? "this row (the scenario has one point; give one row)" : String.join(", ", parts);
    }
}
