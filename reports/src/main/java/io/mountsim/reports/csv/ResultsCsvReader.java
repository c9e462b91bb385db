package io.mountsim.reports.csv;

import io.mountsim.reports.ReportInputException;
import io.mountsim.reports.data.ConfidenceName;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a results.csv back, for scripts and tests. (Merging shards uses summary.json,
 * which keeps more: min, max, n, CPU breakdown, measured values.) Swept-key columns are
 * the ones before the first column {@code X} followed by a half-width column
 * {@code X_ci<level>} ({@code X_ci95}, {@code X_ci80}; see {@link ConfidenceName}).
 */
public final class ResultsCsvReader {

    /** A metric cell pair; NaN where the cell was empty. */
    public record Cell(double mean, double halfWidth) {
    }

    /** One row: swept key values and metric cells, both in column order. */
    public record Row(Map<String, String> parameters, Map<String, Cell> metrics) {
    }

    /** @param ciSuffix the half-width columns' suffix, e.g. "_ci95" (empty when there are no metrics) */
    public record Table(List<String> sweptKeys, List<String> metrics, String ciSuffix, List<Row> rows) {
    }

    private static final Pattern CI_SUFFIX = Pattern.compile("_" + ConfidenceName.PREFIX + "\\d+(\\.\\d+)?");

    private ResultsCsvReader() {
    }

    public static Table read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new ReportInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static Table parse(String text, String fileName) {
        List<List<String>> records;
        try {
            records = Csv.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ReportInputException(fileName + ": " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new ReportInputException(fileName + ": empty file, expected a header row");
        }
        List<String> header = records.get(0);
        int firstMetric = 0;
        String suffix = "";
        while (firstMetric < header.size()) {
            suffix = ciSuffix(header, firstMetric);
            if (!suffix.isEmpty()) {
                break;
            }
            firstMetric++;
        }
        List<String> swept = List.copyOf(header.subList(0, firstMetric));
        List<String> metrics = new ArrayList<>();
        for (int c = firstMetric; c < header.size(); c += 2) {
            String name = header.get(c);
            if (c + 1 >= header.size() || !header.get(c + 1).equals(name + suffix)) {
                throw new ReportInputException(fileName + ": column " + (c + 2) + ": expected \"" + name
                        + suffix + "\" after \"" + name + "\"");
            }
            metrics.add(name);
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r);
            if (rec.size() != header.size()) {
                throw new ReportInputException(fileName + ": row " + (r + 1) + ": " + rec.size()
                        + " fields, the header has " + header.size());
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int c = 0; c < firstMetric; c++) {
                params.put(header.get(c), rec.get(c));
            }
            Map<String, Cell> cells = new LinkedHashMap<>();
            for (int m = 0; m < metrics.size(); m++) {
                int c = firstMetric + 2 * m;
                cells.put(metrics.get(m), new Cell(number(rec.get(c), fileName, r, c), number(rec.get(c + 1), fileName, r, c + 1)));
            }
            rows.add(new Row(params, cells));
        }
        return new Table(swept, List.copyOf(metrics), suffix, List.copyOf(rows));
    }

    /** The half-width suffix when column {@code c + 1} is column {@code c}'s half-width, else "". */
    private static String ciSuffix(List<String> header, int c) {
        if (c + 1 >= header.size() || !header.get(c + 1).startsWith(header.get(c))) {
            return "";
        }
        String rest = header.get(c + 1).substring(header.get(c).length());
        return CI_SUFFIX.matcher(rest).matches() ? rest : "";
    }

    private static double number(String cell, String fileName, int row, int col) {
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new ReportInputException(fileName + ": row " + (row + 1) + ", column " + (col + 1)
                    + ": expected a number, found \"" + cell + "\"");
        }
    }
}
