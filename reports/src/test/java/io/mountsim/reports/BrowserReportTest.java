package io.mountsim.reports;

import io.mountsim.reports.charts.ChartFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Opens report.html in a real headless Chromium from disk, with networking features off,
 * and reads back what the page's own self-check recorded: every chart image loaded with a
 * non-zero natural width, and no script or console errors. Skipped where Chromium is not
 * installed, except in CI (CI=true), where its absence is a failure.
 */
class BrowserReportTest {

    private static final List<String> CANDIDATES = List.of(
            "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path tmp;

    @Test
    void everyChartLoadsAndThePageHasNoErrors() throws Exception {
        Path browser = chromium();
        Path out = tmp.resolve("report");
        List<ChartFile> charts = ReportWriter.writeAll(Fixtures.sweep(), out);
        String dom = dumpDom(browser, out.resolve(ReportWriter.REPORT_HTML));
        assertTrue(dom.contains("data-report-checked=\"true\""), "the page's load handler did not run:\n" + head(dom));
        List<String> images = images(dom);
        assertEquals(charts.stream().filter(ChartFile::drawn).count(), images.size(), "one image per drawn chart");
        for (String img : images) {
            assertTrue(img.contains("data-loaded=\"ok\""), "chart did not load: " + img);
        }
        Matcher errors = Pattern.compile("id=\"report-errors\" data-count=\"(\\d+)\"[^>]*>([^<]*)<").matcher(dom);
        assertTrue(errors.find(), "no error box in the page");
        assertEquals("0", errors.group(1), "console or script errors: " + errors.group(2));
    }

    @Test
    void aMissingChartFileIsFlagged() throws Exception {
        Path browser = chromium();
        Path out = tmp.resolve("broken");
        List<ChartFile> charts = ReportWriter.writeAll(Fixtures.comparison(), out);
        Files.delete(out.resolve(charts.get(0).svgPath()));
        String dom = dumpDom(browser, out.resolve(ReportWriter.REPORT_HTML));
        long failed = images(dom).stream().filter(i -> i.contains("data-loaded=\"failed\"")).count();
        assertEquals(1, failed, "exactly the deleted chart fails");
        assertTrue(dom.contains("Chart file missing or unreadable: " + charts.get(0).svgPath()));
        assertTrue(dom.matches("(?s).*id=\"report-errors\" data-count=\"[1-9].*"), "the load error is recorded");
    }

    /**
     * The cap sweep, as a browser shows it: the headline and its table give the
     * recommended cap, and the p95 contention chart draws one curve per idmap mode through
     * all four caps, with "unlimited" as the last label of the x axis.
     */
    @Test
    void theCapSweepsReportShowsTheRecommendedCapAndOneCurvePerSeriesWithUnlimitedOnTheAxis() throws Exception {
        Path browser = chromium();
        Path out = tmp.resolve("caps");
        List<ChartFile> charts = ReportWriter.writeAll(Fixtures.capSweepTwoSeries(), out);
        String dom = dumpDom(browser, out.resolve(ReportWriter.REPORT_HTML));
        assertTrue(dom.contains("Recommended concurrency cap for runtime.idmap=per-layer: 64 (makespan 2.2 s"), head(dom));
        assertTrue(dom.contains("<td class=\"cap\">64</td>"), "the table's recommended cap for per-layer");
        assertTrue(dom.contains("<td class=\"cap\">unlimited</td>"), "common-parent is best without a cap");

        ChartFile p95 = charts.stream().filter(c -> c.baseName().equals("contention-startLatencyMsP95")).findFirst()
                .orElseThrow(() -> new AssertionError("no p95 contention chart: " + charts));
        String svg = dumpDom(browser, out.resolve(p95.svgPath()));
        List<String> ticks = new ArrayList<>();
        Matcher text = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(svg);
        while (text.find()) {
            ticks.add(text.group(1));
        }
        int one = ticks.indexOf("1");
        assertTrue(one >= 0 && ticks.subList(one, one + 4).equals(List.of("1", "8", "64", "unlimited")),
                "x axis labels in order, unlimited last: " + ticks);
        // a curve: a 2-px line of one series colour through more than two points (legend keys have two)
        Matcher line = Pattern.compile("<g style=[\"']stroke-width:2\\.0;stroke:(rgb\\([^)]*\\))[^>]*>\\s*<path d=[\"']([^\"']*)[\"']")
                .matcher(svg);
        List<String> curveColours = new ArrayList<>();
        while (line.find()) {
            long points = line.group(2).chars().filter(ch -> ch == 'L').count() + 1;
            if (points > 2) {
                assertEquals(4, points, "every cap on the curve, unlimited included");
                curveColours.add(line.group(1));
            }
        }
        assertEquals(2, curveColours.size(), "one curve per idmap mode: " + curveColours);
        assertEquals(2, curveColours.stream().distinct().count(), "in two colours");
    }

    private static List<String> images(String dom) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<img [^>]*>").matcher(dom);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private Path chromium() {
        for (String c : CANDIDATES) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String message = "no Chromium found at " + CANDIDATES + "; install it (apt-get install chromium) to run the browser test";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (required when CI=true)");
        }
        Assumptions.abort(message);
        return null;
    }

    private String dumpDom(Path browser, Path page) throws IOException, InterruptedException {
        Path stdout = tmp.resolve("dom-" + System.nanoTime() + ".html");
        Path stderr = tmp.resolve("chromium-" + System.nanoTime() + ".log");
        Path profile = Files.createTempDirectory(tmp, "profile");
        ProcessBuilder pb = new ProcessBuilder(browser.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile,
                "--dump-dom", "--virtual-time-budget=5000",
                page.toUri().toString())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Process process = pb.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // only the processes this test started: the browser and its own children
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s; log:\n" + tail(stderr));
        }
        String dom = Files.readString(stdout, StandardCharsets.UTF_8);
        assertTrue(!dom.isBlank(), "Chromium printed no DOM (exit " + process.exitValue() + "); log:\n" + tail(stderr));
        return dom;
    }

    private static String head(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "...";
    }

    private static String tail(Path log) throws IOException {
        String s = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return s.length() <= 3000 ? s : "..." + s.substring(s.length() - 3000);
    }
}
