package io.mountsim.scenarios.validation;

import static io.mountsim.scenarios.validation.Points.number;
import static io.mountsim.scenarios.validation.Points.withCi;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.reports.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the generated part of scenarios/VALIDATION.md: the findings table, every check
 * with its numbers, finding 9's optimum table and the real-kernel comparison, plus the
 * calibration charts in scenarios/validation/. Only the text between the two markers is
 * replaced, so the hand-written reading of the misses around it survives a regeneration.
 */
final class ValidationReport {
    static final String BEGIN = "<!-- generated:begin - RegenerateValidation rewrites everything down to generated:end -->";
    static final String END = "<!-- generated:end -->";
    static final String JAR = "java -jar scenarios/target/mountsim.jar";
    /** The calibration charts worth keeping, from the reports module's chart names. */
    static final Map<String, String> CALIBRATION_CHARTS = Map.of(
            "measured-startsPerSecond.png", "calibration-starts-per-second.png",
            "measured-startLatencyMsMean.png", "calibration-start-latency-mean.png");

    private ValidationReport() {
    }

    /** Runs every finding and the calibration, writes the charts and the generated section. */
    static void regenerate(Path moduleDir) throws IOException {
        ValidationRuns runs = new ValidationRuns();
        Map<NetflixFinding, Evaluation> evaluations = new LinkedHashMap<>();
        for (NetflixFinding f : NetflixFinding.values()) {
            evaluations.put(f, f.evaluate(runs));
        }
        ExperimentResult calibrationRun = runs.run(CalibrationComparison.FILE.substring("scenarios/".length()));
        CalibrationComparison calibration = CalibrationComparison.of(calibrationRun);
        copyCalibrationCharts(calibrationRun, moduleDir.resolve("validation"));
        List<CapOptimum> optima = CapOptimum.all(runs.run(NetflixFinding.CONCURRENCY_CAP_OPTIMUM.file()));
        Path doc = moduleDir.resolve("VALIDATION.md");
        String old = Files.exists(doc) ? Files.readString(doc) : BEGIN + "\n" + END + "\n";
        Files.writeString(doc, splice(old, render(evaluations, optima, calibration)));
        evaluations.forEach((f, e) -> System.out.println("finding " + f.id() + ": " + e.verdict().label() + " - " + e.simulatedFigure()));
        System.out.println("calibration: " + calibration.evaluate().verdict().label() + " - " + calibration.evaluate().simulatedFigure());
        System.out.println("written: " + doc + " and " + CALIBRATION_CHARTS.values() + " in " + moduleDir.resolve("validation"));
    }

    private static void copyCalibrationCharts(ExperimentResult result, Path target) throws IOException {
        Path tmp = Files.createTempDirectory("mountsim-calibration");
        ReportWriter.writeAll(result, tmp);
        Files.createDirectories(target);
        for (Map.Entry<String, String> e : CALIBRATION_CHARTS.entrySet()) {
            Files.copy(tmp.resolve("charts").resolve(e.getKey()), target.resolve(e.getValue()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** {@code document} with the text between the markers replaced by {@code generated}. */
    static String splice(String document, String generated) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("VALIDATION.md lacks the generated-section markers " + BEGIN + " ... " + END);
        }
        return document.substring(0, begin) + BEGIN + "\n" + generated + END + document.substring(end + END.length());
    }

    static String render(Map<NetflixFinding, Evaluation> evaluations, List<CapOptimum> optima, CalibrationComparison calibration) {
        StringBuilder md = new StringBuilder();
        md.append("_Generated ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'",
                Locale.ROOT))).append(" from the installed model; the numbers are means of the scenario's replications ± the 95% "
                + "confidence half-width (Student t)._\n\n");
        md.append("## The findings\n\n");
        md.append("| # | claim (issue 6) | scenario | mountsim (95% CI) | published | verdict |\n");
        md.append("|---|---|---|---|---|---|\n");
        evaluations.forEach((f, e) -> md.append("| ").append(f.id()).append(" | ").append(f.claim()).append(" | `")
                .append(f.scenarioFile()).append("` | ").append(e.simulatedFigure()).append(" | ").append(f.publishedFigure())
                .append(" | **").append(e.verdict().label()).append("** |\n"));
        md.append("| C | Calibration: simulated vs measured on the real kernel (below) | `").append(CalibrationComparison.FILE)
                .append("` | ").append(calibration.evaluate().simulatedFigure()).append(" | measurements.txt | **")
                .append(calibration.evaluate().verdict().label()).append("** |\n\n");

        md.append("### Every check, with the command that regenerates its figure\n\n");
        evaluations.forEach((f, e) -> {
            md.append("**Finding ").append(f.id()).append("** (").append(e.verdict().label()).append(") - `")
                    .append(JAR).append(" run ").append(f.scenarioFile()).append(" -o out/finding-").append(f.id()).append("`\n\n");
            appendChecks(md, e);
        });
        md.append("**Calibration** (").append(calibration.evaluate().verdict().label()).append(") - `").append(JAR)
                .append(" run ").append(CalibrationComparison.FILE).append(" -o out/calibration`\n\n");
        appendChecks(md, calibration.evaluate());

        md.append("## Finding 9: the concurrency cap that minimises the makespan of 200 starts\n\n");
        md.append("Caps swept: 1, 2, 4, 8, 16, 32, 64, unlimited; systemd watching; makespan = first arrival to last "
                + "completion. \"Resolved\" = the best cap's CI does not overlap the uncapped run's.\n\n");
        md.append("| machine | idmap | layers | best cap | makespan at best (s) | uncapped (s) | best beats uncapped, resolved |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (CapOptimum o : optima) {
            md.append("| ").append(o.machine()).append(" | ").append(o.idmap()).append(" | ").append(o.layers()).append(" | ")
                    .append(o.bestCap()).append(" | ").append(withCi(o.best())).append(" | ")
                    .append(o.uncapped() == null ? "-" : withCi(o.uncapped())).append(" | ")
                    .append(o.beatsUncappedResolved() ? "yes" : "no").append(" |\n");
        }
        md.append("\nWhat the mitigations buy at each machine's best cap (makespan of 200 starts, per-layer 50 layers = 1):\n\n");
        md.append("| machine | fd-lowerdirs, 50 layers | per-layer, 10 layers | fd-lowerdirs, 10 layers |\n|---|---|---|---|\n");
        for (String machine : NetflixFinding.PRESETS) {
            CapOptimum base = find(optima, machine, "per-layer", "50");
            if (base == null) {
                continue;
            }
            md.append("| ").append(machine);
            for (String[] v : new String[][] {{"fd-lowerdirs", "50"}, {"per-layer", "10"}, {"fd-lowerdirs", "10"}}) {
                CapOptimum o = find(optima, machine, v[0], v[1]);
                md.append(" | ").append(o == null ? "-" : number(o.best().mean() / base.best().mean()) + "x (cap " + o.bestCap() + ")");
            }
            md.append(" |\n");
        }

        md.append("\n## The real kernel: simulated against measured (calibration host)\n\n");
        md.append("shared/calibration/epyc-2core/measurements.txt (mountbench.c, kernel 6.18, AMD EPYC Zen 4 KVM guest, "
                + "2 vCPUs; 256 starts x 50 layers, no mountinfo reader) against `").append(CalibrationComparison.FILE)
                .append("`. Threads = `workload.maxConcurrentStarts`. Measured runs of one point differed by up to 20%.\n\n");
        md.append("| threads | idmap | simulated starts/s | measured starts/s | sim / measured | simulated mean latency (ms) "
                + "| measured (ms) | sim / measured |\n|---|---|---|---|---|---|---|---|\n");
        for (CalibrationComparison.Row r : calibration.rows()) {
            md.append("| ").append(r.threads()).append(" | ").append(r.idmap()).append(" | ").append(withCi(r.simulatedStartsPerSecond()))
                    .append(" | ").append(number(r.measuredStartsPerSecond())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", r.throughputRatio())).append(" | ")
                    .append(withCi(r.simulatedLatencyMs())).append(" | ").append(number(r.measuredLatencyMs())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", r.latencyRatio())).append(" |\n");
        }
        md.append("\n![simulated vs measured starts/s](validation/calibration-starts-per-second.png)\n\n");
        md.append("![simulated vs measured mean start latency](validation/calibration-start-latency-mean.png)\n\n");
        md.append("The charts are the reports module's `charts/measured-startsPerSecond.png` and "
                + "`charts/measured-startLatencyMsMean.png` of `").append(JAR).append(" run ").append(CalibrationComparison.FILE)
                .append(" -o out/calibration`.\n\n");
        return md.toString();
    }

    private static void appendChecks(StringBuilder md, Evaluation e) {
        List<String> lines = new ArrayList<>();
        e.checks().forEach(c -> lines.add("- " + (c.holds() ? "holds" : "**fails**") + ": " + c.claim() + " - " + c.numbers()));
        e.notes().forEach(n -> lines.add("- note: " + n));
        md.append(String.join("\n", lines)).append("\n\n");
    }

    private static CapOptimum find(List<CapOptimum> optima, String machine, String idmap, String layers) {
        return optima.stream().filter(o -> o.machine().equals(machine) && o.idmap().equals(idmap) && o.layers().equals(layers))
                .findFirst().orElse(null);
    }
}
