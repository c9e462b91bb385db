package io.mountsim.reports.html;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.core.results.ScenarioDescription;
import io.mountsim.core.results.Setting;
import io.mountsim.reports.charts.ChartFile;
import io.mountsim.core.results.MetricNames;
import io.mountsim.reports.data.ConfidenceName;
import io.mountsim.reports.data.MetricOrder;
import io.mountsim.reports.data.PointLabels;
import io.mountsim.reports.data.ReportData;
import io.mountsim.reports.data.Settings;
import io.mountsim.reports.data.UnreproducedQuestions;
import io.mountsim.reports.data.UserCost;
import io.mountsim.reports.text.DisplayUnit;
import io.mountsim.reports.text.MetricLabels;
import io.mountsim.reports.text.Numbers;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * report.html: one page for people that opens from disk with no network. Order: the
 * headline answer, what was simulated, the charts (SVG, each linked to its PNG), then
 * full tables with every metric and its confidence interval. All text is escaped; the
 * only script is an inline self-check that flags charts that failed to load.
 */
public final class HtmlReport {

    /** Marks each image loaded or failed and collects script errors, for people and for the browser test. */
    static final String SELF_CHECK_SCRIPT = """
            (function () {
              var errors = [];
              function note(msg) { errors.push(String(msg)); }
              window.addEventListener('error', function (e) { note(e.message || ('failed to load ' + (e.target && e.target.src))); }, true);
              var original = console.error;
              console.error = function () { note(Array.prototype.join.call(arguments, ' ')); return original.apply(console, arguments); };
              window.addEventListener('load', function () {
                var imgs = document.querySelectorAll('img');
                for (var i = 0; i < imgs.length; i++) {
                  var ok = imgs[i].complete && imgs[i].naturalWidth > 0;
                  imgs[i].setAttribute('data-loaded', ok ? 'ok' : 'failed');
                  if (!ok) {
                    var warn = document.createElement('p');
                    warn.className = 'missing';
                    warn.textContent = 'Chart file missing or unreadable: ' + imgs[i].getAttribute('src');
                    imgs[i].parentNode.insertBefore(warn, imgs[i]);
                  }
                }
                var box = document.getElementById('report-errors');
                box.textContent = errors.join('\\n');
                box.setAttribute('data-count', String(errors.length));
                document.body.setAttribute('data-report-checked', 'true');
              });
            })();
            """;

    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #111;
                   background: #fff; max-width: 1040px; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; }
            h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; }
            .headline { background: #eef5fb; border-left: 5px solid #0072B2; padding: 0.8em 1em; font-size: 1.15em; }
            .headline p { margin: 0.3em 0; }
            .description { color: #333; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.3em 1em; }
            dl.facts dt { font-weight: bold; }
            dl.facts dd { margin: 0; }
            figure { margin: 1.5em 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
            figcaption { font-size: 0.92em; color: #333; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; font-size: 0.88em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: right; vertical-align: top; }
            th { background: #f3f3f3; }
            td.name, th.name { text-align: left; }
            .range { display: block; color: #666; font-size: 0.85em; }
            .missing { color: #a00; font-weight: bold; }
            .caveat { border-top: 1px solid #c9d9e8; padding-top: 0.4em; font-size: 0.9em; }
            caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
            #report-errors { display: none; }
            footer { margin-top: 3em; font-size: 0.85em; color: #555; }
            """;

    private HtmlReport() {
    }

    /**
     * The page for {@code result} showing {@code charts}; numbers come from its
     * {@link ReportData#reduce reduced} form, so a merged run's page matches an unsharded one.
     */
    public static String write(ExperimentResult result, List<ChartFile> charts) {
        ExperimentResult r = ReportData.reduce(result);
        StringBuilder h = new StringBuilder();
        String machine = r.run().commonMachine().orElse(null);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.esc(r.name())).append(" · mountsim report</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n")
                .append("<script>\n").append(SELF_CHECK_SCRIPT).append("</script>\n")
                .append("</head>\n<body>\n");
        h.append("<h1>").append(Html.esc(r.name())).append("</h1>\n");
        if (machine != null) {
            h.append("<p class=\"description\">Simulated on <strong>").append(Html.esc(machine)).append("</strong>.</p>\n");
        }
        h.append("<section class=\"headline\" id=\"headline\">\n");
        Headline headline = Headline.of(r);
        for (String sentence : headline.sentences()) {
            h.append("<p>").append(Html.esc(sentence)).append("</p>\n");
        }
        for (UnreproducedQuestions.Question q : headline.caveats()) {
            h.append("<p class=\"caveat\" data-findings=\"").append(Html.esc(q.findings())).append("\">")
                    .append("<strong>Not validated.</strong> This run asks ").append(Html.esc(q.question()))
                    .append(", which mountsim does not reproduce (").append(Html.esc(findings(q.findings())))
                    .append(" of <a href=\"").append(Html.esc(validationHref())).append("\">")
                    .append(Html.esc(UnreproducedQuestions.VALIDATION_PATH)).append("</a>: ")
                    .append(Html.esc(q.mountsim())).append("). Read its numbers as the model's, not the kernel's.</p>\n");
        }
        h.append("</section>\n");
        recommendationTable(h, r, headline);

        h.append("<h2 id=\"simulated\">What was simulated</h2>\n");
        if (r.description() != null && !r.description().isBlank()) {
            h.append("<p class=\"description\">").append(Html.esc(r.description())).append("</p>\n");
        }
        h.append("<dl class=\"facts\">\n");
        for (Map.Entry<String, String> item : ScenarioSummary.of(r).items()) {
            h.append("<dt>").append(Html.esc(item.getKey())).append("</dt><dd>")
                    .append(Html.esc(item.getValue())).append("</dd>\n");
        }
        h.append("</dl>\n");

        if (!charts.isEmpty()) {
            h.append("<h2 id=\"charts\">Charts</h2>\n");
            for (ChartFile c : charts) {
                if (!c.drawn()) {
                    h.append("<p class=\"chart-note\" id=\"chart-").append(Html.esc(c.baseName())).append("\"><strong>")
                            .append(Html.esc(c.title())).append(".</strong> ").append(Html.esc(c.caption())).append("</p>\n");
                    continue;
                }
                h.append("<figure id=\"chart-").append(Html.esc(c.baseName())).append("\">\n")
                        .append("<img src=\"").append(Html.esc(c.svgPath())).append("\" alt=\"")
                        .append(Html.esc(c.title())).append("\" width=\"960\">\n")
                        .append("<figcaption><strong>").append(Html.esc(c.title())).append(".</strong> ")
                        .append(Html.esc(c.caption())).append(" <a href=\"").append(Html.esc(c.pngPath()))
                        .append("\">PNG</a> · <a href=\"").append(Html.esc(c.svgPath())).append("\">SVG</a></figcaption>\n")
                        .append("</figure>\n");
            }
        }

        h.append("<h2 id=\"tables\">Every metric</h2>\n")
                .append("<p>Mean across ").append(r.replications()).append(" replications ± the half-width of its ")
                .append(ConfidenceName.percent(r.confidence()))
                .append(" confidence interval; below, the smallest and largest replication.</p>\n");
        metricsTable(h, r);
        measuredTable(h, r);
        resolvedScenarioTable(h, r);

        h.append("<footer>Written by mountsim. Data: <a href=\"summary.json\">summary.json</a>, ")
                .append("<a href=\"results.csv\">results.csv</a>. Seed ").append(r.seed()).append(".</footer>\n")
                .append("<div id=\"report-errors\" data-count=\"0\"></div>\n")
                .append("</body>\n</html>\n");
        return h.toString();
    }

    /**
     * VALIDATION.md as seen from the default output directory {@code out/<slug>/} of a run
     * started at the repository root (the README's commands); the text names the path too.
     */
    static String validationHref() {
        return "../../" + UnreproducedQuestions.VALIDATION_PATH + "#" + UnreproducedQuestions.VALIDATION_ANCHOR;
    }

    private static String findings(String numbers) {
        return (numbers.contains(",") ? "findings " : "finding ") + numbers.replace(",", ", ");
    }

    /** For a cap sweep: the recommended cap of every series, with its runner-up and whether it is resolved. */
    private static void recommendationTable(StringBuilder h, ExperimentResult r, Headline headline) {
        if (headline.recommendations().isEmpty()) {
            return;
        }
        Optional<UserCost> cost = UserCost.of(r);
        String level = ConfidenceName.percent(r.confidence());
        String costName = cost.map(UserCost::metric).orElse("cost");
        String unit = cost.map(UserCost::unit).orElse("");
        h.append("<div class=\"scroll\"><table id=\"recommendations\">\n<caption>Recommended concurrency cap")
                .append(headline.recommendations().size() > 1 ? " per series" : "")
                .append(": fewest health-check misses, then least ").append(Html.esc(costName))
                .append("; ± the ").append(level).append(" confidence half-width</caption>\n<thead><tr>")
                .append("<th class=\"name\">series</th><th>recommended cap</th><th>").append(Html.esc(costName))
                .append(" (").append(Html.esc(unit)).append(")</th><th>p99 start (ms)</th><th>failed starts</th>")
                .append("<th>next best</th><th>").append(Html.esc(costName)).append(" (").append(Html.esc(unit))
                .append(")</th><th>resolved</th></tr></thead>\n<tbody>\n");
        for (Headline.Recommendation rec : headline.recommendations()) {
            PointResult b = rec.best();
            h.append("<tr><td class=\"name\">").append(Html.esc(rec.series().isEmpty() ? "all points" : rec.series()))
                    .append("</td><td class=\"cap\">").append(Html.esc(b.parameters().get(Headline.CAP_KEY)))
                    .append("</td><td>").append(Html.esc(estimate(cost.map(c -> c.at(b)).orElse(null))))
                    .append("</td><td>").append(Html.esc(summary(b.metric(MetricNames.START_LATENCY_MS_P99))))
                    .append("</td><td>").append(Html.esc(summary(b.metric(MetricNames.FAILED_STARTS))))
                    .append("</td><td>");
            PointResult u = rec.runnerUp();
            if (u != null) {
                h.append(Html.esc(u.parameters().get(Headline.CAP_KEY))).append("</td><td>")
                        .append(Html.esc(estimate(cost.map(c -> c.at(u)).orElse(null))))
                        .append("</td><td>").append(rec.resolved() ? "yes" : "no: the intervals overlap");
            } else {
                h.append("</td><td></td><td>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody></table></div>\n");
    }

    private static String estimate(UserCost.Estimate e) {
        if (e == null) {
            return "";
        }
        return Numbers.human(e.mean()) + (Double.isNaN(e.halfWidth()) ? "" : " ± " + Numbers.human(e.halfWidth()));
    }

    private static String summary(MetricSummary m) {
        return m == null ? "" : estimate(new UserCost.Estimate(m.mean(), m.ci95()));
    }

    private static void metricsTable(StringBuilder h, ExperimentResult r) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        r.points().forEach(p -> names.addAll(p.metrics().keySet()));
        List<String> labels = PointLabels.unique(r.points());
        h.append("<div class=\"scroll\"><table id=\"metrics\">\n<thead><tr><th class=\"name\">metric</th><th class=\"name\">unit</th>");
        for (String label : labels) {
            h.append("<th>").append(Html.esc(label)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (String name : MetricOrder.sort(names)) {
            MetricLabels.Label label = MetricLabels.of(name);
            double maxAbs = r.points().stream().map(p -> p.metric(name)).filter(m -> m != null && Double.isFinite(m.mean()))
                    .mapToDouble(m -> Math.abs(m.mean())).max().orElse(0);
            DisplayUnit unit = MetricLabels.displayUnit(name, maxAbs);
            h.append("<tr><td class=\"name\" title=\"").append(Html.esc(name)).append("\">")
                    .append(Html.esc(label.description())).append("<span class=\"range\">").append(Html.esc(name))
                    .append("</span></td><td class=\"name\">").append(Html.esc(unit.label())).append("</td>");
            for (PointResult p : r.points()) {
                MetricSummary m = p.metric(name);
                h.append("<td>");
                if (m != null) {
                    h.append(Html.esc(Numbers.human(unit.apply(m.mean()))));
                    if (!Double.isNaN(m.ci95())) {
                        h.append(" ± ").append(Html.esc(Numbers.human(unit.apply(m.ci95()))));
                    }
                    h.append("<span class=\"range\">").append(Html.esc(Numbers.human(unit.apply(m.min())))).append(" – ")
                            .append(Html.esc(Numbers.human(unit.apply(m.max())))).append("</span>");
                }
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table></div>\n");
    }

    private static void measuredTable(StringBuilder h, ExperimentResult r) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        r.points().forEach(p -> names.addAll(p.measured().keySet()));
        if (names.isEmpty()) {
            return;
        }
        h.append("<h2 id=\"measured\">Simulated against measured</h2>\n<div class=\"scroll\"><table id=\"measured-table\">\n")
                .append("<thead><tr><th class=\"name\">point</th><th class=\"name\">metric</th><th>simulated</th>")
                .append("<th>measured</th><th>simulated vs measured</th></tr></thead>\n<tbody>\n");
        List<String> labels = PointLabels.unique(r.points());
        for (int i = 0; i < r.points().size(); i++) {
            PointResult p = r.points().get(i);
            for (String name : MetricOrder.sort(names)) {
                Double measured = p.measured().get(name);
                if (measured == null) {
                    continue;
                }
                MetricSummary sim = p.metric(name);
                double simMean = sim == null ? Double.NaN : sim.mean();
                h.append("<tr><td class=\"name\">").append(Html.esc(labels.get(i))).append("</td><td class=\"name\">")
                        .append(Html.esc(name)).append("</td><td>").append(Html.esc(Numbers.human(simMean)))
                        .append(sim == null || Double.isNaN(sim.ci95()) ? "" : " ± " + Html.esc(Numbers.human(sim.ci95())))
                        .append("</td><td>").append(Html.esc(Numbers.human(measured))).append("</td><td>")
                        .append(Html.esc(Numbers.change(simMean, measured))).append("</td></tr>\n");
            }
        }
        h.append("</tbody></table></div>\n");
    }

    private static void resolvedScenarioTable(StringBuilder h, ExperimentResult r) {
        h.append("<h2 id=\"scenario\">The scenario as resolved</h2>\n<details><summary>Every setting, defaults filled in (")
                .append("also in summary.json)</summary>\n<table id=\"resolved\">\n<tbody>\n");
        for (Setting e : resolvedSettings(r)) {
            h.append("<tr><td class=\"name\">").append(Html.esc(e.key())).append("</td><td class=\"name\">")
                    .append(Html.esc(e.value())).append("</td></tr>\n");
        }
        h.append("</tbody></table></details>\n");
    }

    /** Every setting of the run: a comparison's as {@code compare[i].key}, after its name (as summary.json nests them). */
    private static List<Setting> resolvedSettings(ExperimentResult r) {
        if (!r.comparison()) {
            return r.run().baseline().settings();
        }
        List<Setting> all = new java.util.ArrayList<>(List.of(new Setting("name", r.name())));
        List<ScenarioDescription> compared = r.run().scenarios();
        for (int i = 0; i < compared.size(); i++) {
            all.addAll(Settings.prefixed("compare[" + i + "].", compared.get(i)));
        }
        return all;
    }
}
