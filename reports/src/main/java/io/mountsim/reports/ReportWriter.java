package io.mountsim.reports;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.charts.ChartFile;
import io.mountsim.reports.charts.ChartSet;
import io.mountsim.reports.csv.ReplicationsCsv;
import io.mountsim.reports.csv.ResultsCsv;
import io.mountsim.reports.data.ReportData;
import io.mountsim.reports.html.HtmlReport;
import io.mountsim.reports.json.PointDetailJson;
import io.mountsim.reports.json.SummaryJson;
import io.mountsim.reports.json.SummaryJsonReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The reports module's entry point: writes every output file of a run, and merges the
 * outputs of sharded runs back into the files an unsharded run writes.
 *
 * <p>Files: {@code summary.json}, {@code results.csv}, {@code replications.csv} (every
 * replication's values, long format), {@code points/<index>.json} (latency sample,
 * per-replication values and lock timeline per point, so merge can redraw everything), {@code charts/*.png}
 * and {@code charts/*.svg}, {@code report.html}. Everything is drawn from the result
 * reduced by {@link ReportData#reduce}, which is also exactly what summary.json plus
 * points/*.json store; so merging shards gives byte-identical summary.json, results.csv,
 * points/*.json and report.html to an unsharded run of the same points.
 */
public final class ReportWriter {

    public static final String SUMMARY_JSON = "summary.json";
    public static final String RESULTS_CSV = "results.csv";
    public static final String REPORT_HTML = "report.html";
    public static final String POINTS_DIR = "points";

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ReportWriter() {
    }

    /**
     * Writes every report file of {@code result} into {@code outDir} (created if needed;
     * files already there with the same names are replaced).
     *
     * @return the charts written, in report order
     */
    public static List<ChartFile> writeAll(ExperimentResult result, Path outDir) throws IOException {
        ExperimentResult r = ReportData.reduce(result);
        Files.createDirectories(outDir);
        write(outDir.resolve(SUMMARY_JSON), SummaryJson.write(r));
        write(outDir.resolve(RESULTS_CSV), ResultsCsv.write(r));
        write(outDir.resolve(ReplicationsCsv.FILE), ReplicationsCsv.write(r));
        Path pointsDir = outDir.resolve(POINTS_DIR);
        Files.createDirectories(pointsDir);
        for (PointResult p : r.points()) {
            write(pointsDir.resolve(PointDetailJson.fileName(p.index())), PointDetailJson.write(p));
        }
        List<ChartFile> charts = ChartSet.write(r, outDir.resolve(ChartFile.DIR));
        write(outDir.resolve(REPORT_HTML), HtmlReport.write(r, charts));
        return charts;
    }

    /**
     * Reads a directory written by {@link #writeAll} back: summary.json plus each point's
     * detail file when present (without it the point has no latencies or timeline, so its
     * distribution and timeline charts are left out).
     *
     * @throws ReportInputException when a file is missing, malformed or inconsistent
     */
    public static ExperimentResult read(Path dir) {
        Path summary = dir.resolve(SUMMARY_JSON);
        if (!Files.isRegularFile(summary)) {
            throw new ReportInputException(dir + ": no " + SUMMARY_JSON + " (is this a mountsim output directory?)");
        }
        ExperimentResult r = SummaryJsonReader.read(summary);
        List<PointResult> points = new ArrayList<>();
        for (PointResult p : r.points()) {
            Path detail = dir.resolve(POINTS_DIR).resolve(PointDetailJson.fileName(p.index()));
            points.add(Files.isRegularFile(detail) ? PointDetailJson.read(detail, p) : p);
        }
        return withPoints(r, points);
    }

    /**
     * Joins the output directories of {@code mountsim run --shard I/N} into {@code outDir},
     * writing the same files an unsharded run writes. The shards must come from the same
     * scenario and run settings (name, description, seed, replications, confidence, swept
     * keys, resolved scenario, health check, comparison flag) and together hold each point
     * index exactly once, 0 to the highest without gaps.
     *
     * @return the merged result (as written)
     * @throws ReportInputException naming the shard and the mismatch when they do not fit together
     */
    public static ExperimentResult merge(List<Path> shardDirs, Path outDir) throws IOException {
        if (shardDirs.isEmpty()) {
            throw new ReportInputException("merge needs at least one shard directory");
        }
        ExperimentResult first = null;
        Path firstDir = null;
        TreeMap<Integer, PointResult> byIndex = new TreeMap<>();
        Map<Integer, Path> owner = new TreeMap<>();
        for (Path dir : shardDirs) {
            ExperimentResult shard = read(dir);
            if (first == null) {
                first = shard;
                firstDir = dir;
            } else {
                requireSameRun(firstDir, first, dir, shard);
            }
            for (PointResult p : shard.points()) {
                Path previous = owner.putIfAbsent(p.index(), dir);
                if (previous != null) {
                    throw new ReportInputException("point " + p.index() + " is in both " + previous + " and " + dir
                            + " (the same shard given twice?)");
                }
                byIndex.put(p.index(), p);
            }
        }
        if (!byIndex.isEmpty()) {
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i <= byIndex.lastKey(); i++) {
                if (!byIndex.containsKey(i)) {
                    missing.add(i);
                }
            }
            if (!missing.isEmpty()) {
                throw new ReportInputException("points " + missing + " are in none of the shard directories "
                        + shardDirs + " (a shard missing or failed?)");
            }
        }
        ExperimentResult merged = withPoints(first, new ArrayList<>(byIndex.values()));
        writeAll(merged, outDir);
        return merged;
    }

    /**
     * Reads every shard directory and checks that they come from one run (the same checks as
     * {@link #merge}), before anything counts their points: a shard of another scenario is
     * "different runs", not "a shard is missing".
     *
     * @return the shards as read, in the given order
     * @throws ReportInputException naming the two shards and what differs
     */
    public static List<ExperimentResult> readShards(List<Path> shardDirs) {
        List<ExperimentResult> shards = new ArrayList<>();
        for (Path dir : shardDirs) {
            ExperimentResult shard = read(dir);
            if (!shards.isEmpty()) {
                requireSameRun(shardDirs.get(0), shards.get(0), dir, shard);
            }
            shards.add(shard);
        }
        return shards;
    }

    private static void requireSameRun(Path aDir, ExperimentResult a, Path bDir, ExperimentResult b) {
        check(aDir, bDir, "name", a.name(), b.name());
        check(aDir, bDir, "description", a.description(), b.description());
        check(aDir, bDir, "seed", a.seed(), b.seed());
        check(aDir, bDir, "replications", a.replications(), b.replications());
        check(aDir, bDir, "confidence", a.confidence(), b.confidence());
        check(aDir, bDir, "sweptKeys", a.sweptKeys(), b.sweptKeys());
        check(aDir, bDir, "healthCheckTimeoutSeconds", a.healthCheckTimeoutSeconds(), b.healthCheckTimeoutSeconds());
        check(aDir, bDir, "comparison", a.comparison(), b.comparison());
        check(aDir, bDir, "--set overrides", a.overrides(), b.overrides());
        check(aDir, bDir, "scenario", a.resolvedScenario(), b.resolvedScenario());
        check(aDir, bDir, "runDescription", a.run(), b.run());
    }

    private static void check(Path aDir, Path bDir, String what, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            throw new ReportInputException("shards " + aDir + " and " + bDir + " come from different runs: their "
                    + what + " differs (" + abbreviate(a) + " vs " + abbreviate(b) + ")");
        }
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static ExperimentResult withPoints(ExperimentResult r, List<PointResult> points) {
        return r.withPoints(points);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
