package io.mountsim.reports.html;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.RunDescription;
import io.mountsim.core.results.ScenarioDescription;
import io.mountsim.core.results.Setting;
import io.mountsim.reports.data.PointLabels;
import io.mountsim.reports.data.Settings;
import io.mountsim.reports.text.Words;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * "What was simulated", in plain words: one line per part of the scenario (machine,
 * kernel, runtime, watchers, workload, mitigations) read from the run's typed description.
 * Known keys get a sentence ("100 container starts of 50-layer images, arriving in a
 * burst"); anything else is listed as key = value so nothing resolved is hidden. For a
 * comparison, what differs between the scenarios comes first, then the baseline in full.
 *
 * @param items (heading, plain text) pairs in page order
 */
record ScenarioSummary(List<Map.Entry<String, String>> items) {

    /** Printed in place of a swept key's base value, which no point actually used. */
    static final String SWEPT = "(swept, see below)";

    private static final List<String> SECTIONS = List.of("machine", "kernel", "runtime", "watchers", "node", "workload", "mitigations");

    static ScenarioSummary of(ExperimentResult r) {
        RunDescription run = r.run();
        List<Map.Entry<String, String>> items = new ArrayList<>();
        if (run.comparison()) {
            // a what-if: say what changes between the scenarios, then describe the baseline in full
            items.add(Map.entry("What differs", differences(run.scenarios())));
            items.add(Map.entry("Baseline", run.baseline().name()));
        }
        ScenarioDescription described = run.baseline();
        for (String key : r.sweptKeys()) {
            described = withSwept(described, key);
        }
        for (String section : SECTIONS) {
            if (described.section(section).isEmpty()) {
                continue;
            }
            String text = switch (section) {
                case "machine" -> machine(described, r.sweptKeys());
                case "kernel" -> kernel(described);
                case "runtime" -> runtime(described);
                case "workload" -> workload(described);
                case "mitigations" -> mitigations(described);
                default -> rest(described, section, Set.of());
            };
            items.add(Map.entry(Words.capitalise(section), text));
        }
        if (!r.sweptKeys().isEmpty()) {
            items.add(Map.entry(r.comparison() ? "Compared" : "Swept", sweep(r)));
        }
        if (!r.overrides().isEmpty()) {
            items.add(Map.entry("Command-line overrides", "--set " + String.join(", --set ", r.overrides())
                    + " (not in the scenario file; the settings above include them)"));
        }
        items.add(Map.entry("Statistics", r.replications() + " replications per point, seed " + r.seed()
                + ", " + io.mountsim.reports.data.ConfidenceName.percent(r.confidence()) + " confidence intervals (Student t)"));
        return new ScenarioSummary(items);
    }

    /**
     * {@code s} with the setting at swept {@code key} (or the section it names, such as a
     * machine swept by preset) shown as {@link #SWEPT}: its base value is not what any point ran.
     */
    private static ScenarioDescription withSwept(ScenarioDescription s, String key) {
        List<Setting> out = new ArrayList<>();
        boolean marked = false;
        for (Setting x : s.settings()) {
            if (!ScenarioDescription.isUnder(x.key(), key)) {
                out.add(x);
            } else if (!marked) {
                out.add(new Setting(key, SWEPT));
                marked = true;
            }
        }
        return new ScenarioDescription(s.name(), s.machineLabel(), s.machineShape(), out);
    }

    /** "runtime.idmap: per-layer → common-parent; mitigations.smt: on → off" (names and sources left out). */
    private static String differences(List<ScenarioDescription> compared) {
        List<String> parts = new ArrayList<>();
        for (String key : Settings.differing(compared)) {
            if (key.equals("name") || key.endsWith(".source")) {
                continue;
            }
            parts.add(key + ": " + String.join(" → ", compared.stream()
                    .map(c -> c.setting(key).orElse("(unset)")).toList()));
        }
        return parts.isEmpty() ? "nothing but the name" : String.join("; ", parts);
    }

    private static String machine(ScenarioDescription f, List<String> sweptKeys) {
        if (sweptKeys.contains("machine")) {
            return SWEPT;
        }
        String label = f.machineLabel();
        String shape = f.machineShape();
        // a swept machine.* key changes the shape from point to point: the label alone
        if (shape.isEmpty() || sweptKeys.stream().anyMatch(k -> ScenarioDescription.isUnder(k, "machine"))) {
            return label;
        }
        return shape.startsWith(label) ? shape : label + " (" + shape + ")"; // an unnamed inline machine is its shape
    }

    /** "uncontended syscall costs (µs): openTree 4.3, overlayMount.base 38, ...". */
    private static String kernel(ScenarioDescription f) {
        String costs = rest(f, "kernel.syscallsUs", Set.of()).replace(" = ", " ");
        String others = rest(f, "kernel", Set.of("syscallsUs"));
        return join(costs.isEmpty() ? List.of() : List.of("uncontended syscall costs (µs): " + costs), others);
    }

    private static String runtime(ScenarioDescription f) {
        List<String> parts = new ArrayList<>();
        f.setting("runtime.idmap").ifPresent(idmap -> parts.add("idmapped mounts: " + idmap));
        f.setting("runtime.passes").ifPresent(passes ->
                parts.add(passes + (passes.equals("1") ? " rootfs assembly" : " rootfs assemblies") + " per start"));
        return join(parts, rest(f, "runtime", Set.of("idmap", "passes")));
    }

    private static String workload(ScenarioDescription f) {
        List<String> parts = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        Optional<String> kind = f.setting("workload.kind");
        Optional<String> containers = f.setting("workload.containers");
        if (kind.equals(Optional.of("container-starts")) && containers.isPresent()) {
            parts.add(containers.get() + " container starts"
                    + f.setting("workload.layers").map(layers -> " of " + layers + "-layer images").orElse(""));
            used.addAll(List.of("kind", "containers", "layers"));
        } else if (kind.isPresent()) {
            parts.add(kind.get());
            used.add("kind");
        }
        f.setting("workload.arrival").ifPresent(arrival -> {
            parts.add("arriving " + ("burst".equals(arrival) ? "all at once" : arrival));
            used.add("arrival");
        });
        f.setting("workload.maxConcurrentStarts").ifPresent(cap -> {
            parts.add("concurrent starts: " + cap);
            used.add("maxConcurrentStarts");
        });
        f.setting("workload.healthCheckTimeoutSeconds").ifPresent(timeout -> {
            parts.add("health check after " + timeout + " s");
            used.add("healthCheckTimeoutSeconds");
        });
        return join(parts, rest(f, "workload", used));
    }

    private static String mitigations(ScenarioDescription f) {
        List<String> parts = new ArrayList<>();
        f.setting("mitigations.smt").ifPresent(smt -> parts.add("SMT " + smt));
        f.setting("mitigations.cpuset").ifPresent(cpuset -> parts.add("cpuset " + cpuset));
        return join(parts, rest(f, "mitigations", Set.of("smt", "cpuset")));
    }

    /** Every resolved key under {@code section} not already put into words, as "key = value". */
    private static String rest(ScenarioDescription f, String section, Set<String> skip) {
        List<String> parts = new ArrayList<>();
        for (Setting e : f.settings()) {
            String key = e.key();
            if (!key.startsWith(section + ".") && !key.equals(section)) {
                continue;
            }
            String local = key.equals(section) ? key : key.substring(section.length() + 1);
            String top = local.split("[.\\[]", 2)[0];
            if (!skip.contains(top)) {
                parts.add(local + " = " + e.value());
            }
        }
        return String.join(", ", parts);
    }

    private static String sweep(ExperimentResult r) {
        if (r.comparison()) {
            return r.points().size() + " scenarios: " + String.join("; ", PointLabels.unique(r.points()));
        }
        List<String> parts = new ArrayList<>();
        for (String key : r.sweptKeys()) {
            LinkedHashSet<String> values = new LinkedHashSet<>();
            r.points().forEach(p -> values.add(p.parameters().getOrDefault(key, "?")));
            parts.add(key + " over " + String.join(", ", values));
        }
        return String.join("; ", parts) + " (" + r.points().size() + " points)";
    }

    private static String join(List<String> sentenceParts, String rest) {
        List<String> all = new ArrayList<>(sentenceParts);
        if (!rest.isEmpty()) {
            all.add(rest);
        }
        return String.join(", ", all);
    }
}
