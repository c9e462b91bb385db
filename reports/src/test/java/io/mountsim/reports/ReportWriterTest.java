package io.mountsim.reports;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.data.UnreproducedQuestions;
import io.mountsim.reports.charts.ChartFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {

    @TempDir
    Path tmp;

    @Test
    void sweepProducesContentionDistributionCpuTimelineAndMeasuredCharts() throws Exception {
        Path out = tmp.resolve("sweep");
        List<ChartFile> charts = ReportWriter.writeAll(Fixtures.sweep(), out);
        Set<String> names = charts.stream().map(ChartFile::baseName).collect(Collectors.toSet());
        assertEquals(Set.of("contention-startLatencyMsP95", "contention-startsPerSecond", "contention-makespanSeconds",
                "latency-cdf", "cpu-breakdown",
                // 8 points: the first and the one with the worst p99 (64 concurrent, per-layer = point 6)
                "timeline-point0", "timeline-point6",
                "measured-startsPerSecond"), names);
        for (ChartFile c : charts.stream().filter(ChartFile::drawn).toList()) {
            assertValidPng(out.resolve(c.pngPath()));
            assertWellFormedSvg(out.resolve(c.svgPath()));
        }
    }

    @Test
    void aKeySweptOverOneValueIsNotTheAxis() throws Exception {
        ExperimentResult sweep = Fixtures.sweep();
        List<PointResult> points = new ArrayList<>();
        for (PointResult p : sweep.points()) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("workload.containers", "100"); // numeric, but constant
            params.putAll(p.parameters());
            points.add(new PointResult(p.index(), params, p.metrics(), p.startLatenciesMs(), p.cpu(), p.timeline(),
                    p.measured()));
        }
        List<String> keys = new ArrayList<>(List.of("workload.containers"));
        keys.addAll(sweep.sweptKeys());
        ExperimentResult r = Fixtures.result(sweep.name(), sweep.description(), sweep.seed(), sweep.replications(),
                sweep.confidence(), keys, points, sweep.resolvedScenario(), sweep.healthCheckTimeoutSeconds(), false);
        Path out = tmp.resolve("constant");
        List<ChartFile> charts = ReportWriter.writeAll(r, out);
        assertTrue(charts.stream().anyMatch(c -> c.title().equals(
                "How p95 start latency changes with workload.maxConcurrentStarts")), charts.toString());
        assertTrue(Files.readString(out.resolve("report.html")).contains("Recommended concurrency cap for runtime.idmap="),
                "the constant key is no series: the cap sweep is split by idmap only");
    }

    @Test
    void comparisonProducesWhatIfBars() throws Exception {
        Path out = tmp.resolve("cmp");
        List<ChartFile> charts = ReportWriter.writeAll(Fixtures.comparison(), out);
        Set<String> names = charts.stream().map(ChartFile::baseName).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("comparison-latency", "comparison-failedStarts", "latency-cdf",
                "cpu-breakdown", "timeline-point0", "timeline-point1", "timeline-point2")), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.startsWith("contention-")), "a comparison has no numeric axis");
        for (ChartFile c : charts.stream().filter(ChartFile::drawn).toList()) {
            assertValidPng(out.resolve(c.pngPath()));
            assertWellFormedSvg(out.resolve(c.svgPath()));
        }
    }

    @Test
    void singlePointWithAwkwardNameStillWritesEverything() throws Exception {
        Path out = tmp.resolve("single");
        List<ChartFile> charts = ReportWriter.writeAll(Fixtures.single(), out);
        assertTrue(charts.stream().anyMatch(c -> c.baseName().equals("latency-cdf")));
        for (ChartFile c : charts.stream().filter(ChartFile::drawn).toList()) {
            assertValidPng(out.resolve(c.pngPath()));
            assertWellFormedSvg(out.resolve(c.svgPath()));
        }
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(html.contains("<b>\"quoted\""), "the scenario name must be escaped");
        assertFalse(html.contains("<script>alert(1)"), "the description must be escaped");
        assertTrue(html.contains("&lt;b&gt;&quot;quoted&quot;, &amp; comma&lt;/b&gt;"));
    }

    @Test
    void sameInputGivesIdenticalBytes() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        ReportWriter.writeAll(Fixtures.sweep(), a);
        ReportWriter.writeAll(Fixtures.sweep(), b);
        for (String f : textFiles(a)) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        // SVGs too: JFreeSVG's default id prefix embeds System.nanoTime(), ChartWriter fixes it
        try (Stream<Path> svgs = Files.list(a.resolve("charts"))) {
            for (Path svg : svgs.filter(p -> p.toString().endsWith(".svg")).toList()) {
                assertArrayEquals(Files.readAllBytes(svg), Files.readAllBytes(b.resolve("charts").resolve(svg.getFileName())),
                        svg.toString());
            }
        }
    }

    @Test
    void htmlReferencesEveryChartItWroteAndEveryReferenceExists() throws Exception {
        Path out = tmp.resolve("html");
        List<ChartFile> charts = ReportWriter.writeAll(Fixtures.sweep(), out);
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        List<String> refs = new ArrayList<>();
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            refs.add(m.group(1));
        }
        for (ChartFile c : charts.stream().filter(ChartFile::drawn).toList()) {
            assertTrue(refs.contains(c.svgPath()), c.svgPath());
            assertTrue(refs.contains(c.pngPath()), c.pngPath());
        }
        for (String ref : refs) {
            assertFalse(ref.contains("://"), "no network references: " + ref);
            if (ref.endsWith(UnreproducedQuestions.VALIDATION_PATH + "#" + UnreproducedQuestions.VALIDATION_ANCHOR)) {
                continue; // the verdicts page, relative to the repository (out/NAME/report.html), not to the output
            }
            assertTrue(Files.isRegularFile(out.resolve(ref)), "referenced but missing: " + ref);
        }
        assertFalse(html.contains("<link"), "no external stylesheets");
        assertFalse(html.contains("<script src"), "no external scripts");
    }

    @Test
    void headlineGivesTheAnswerBeforeTheCharts() throws Exception {
        Path out = tmp.resolve("headline");
        ReportWriter.writeAll(Fixtures.comparison(), out);
        String html = Files.readString(out.resolve("report.html"));
        int headline = html.indexOf("id=\"headline\"");
        int charts = html.indexOf("id=\"charts\"");
        assertTrue(headline > 0 && headline < charts, "headline first");
        String section = html.substring(headline, html.indexOf("</section>", headline));
        // the fixture's baseline has p99 41 s; common-parent 0.8 s is the best alternative, ranked by makespan
        assertTrue(section.contains("per-layer: makespan 21.6 min ± 38.4 s, p99 start 41 s on r5.metal"), section);
        assertTrue(section.contains("Best alternative: common-parent: makespan 2.89 s ± 90 ms, p99 start 800 ms (-100%), none miss."),
                section);
        // the miss share is counted from the baseline's own latencies, independently here
        double[] baseline = Fixtures.comparison().points().get(0).startLatenciesMs();
        long over = java.util.Arrays.stream(baseline).filter(ms -> ms > Fixtures.HEALTH_CHECK_SECONDS * 1000).count();
        assertTrue(over > 0, "fixture: some baseline starts must miss");
        String share = io.mountsim.reports.text.Numbers.percent((double) over / baseline.length);
        assertTrue(section.contains("; " + share + " of starts miss the 30 s health check."), section);
    }

    static List<String> textFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("charts/"))
                    .sorted()
                    .toList();
        }
    }

    static void assertValidPng(Path png) throws IOException {
        assertTrue(Files.size(png) > 0, png + " is empty");
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null && img.getWidth() > 0 && img.getHeight() > 0, png + " is not a readable PNG");
    }

    static void assertWellFormedSvg(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName(), svg.toString());
        assertTrue(doc.getDocumentElement().getElementsByTagName("*").getLength() > 10, svg + " has almost no content");
    }
}
