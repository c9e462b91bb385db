package io.mountsim.reports.html;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.reports.data.PointLabels;
import io.mountsim.reports.data.ScenarioFacts;
import io.mountsim.reports.text.Words;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "What was simulated", in plain words: one line per part of the scenario (machine,
 * kernel, runtime, watchers, workload, mitigations) read from the resolved scenario.
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
        ScenarioFacts root = new ScenarioFacts(r.resolvedScenario());
        List<ScenarioFacts> compared = root.compared();
        List<Map.Entry<String, String>> items = new ArrayList<>();
        ScenarioFacts described = root;
        if (!compared.isEmpty()) {
            // a what-if: say what changes between the scenarios, then describe the baseline in full
            items.add(Map.entry("What differs", differences(compared)));
            described = compared.get(0);
            String baseline = described.text("name");
            items.add(Map.entry("Baseline", baseline == null ? "the first scenario" : baseline));
        }
        for (String key : r.sweptKeys()) {
            described = described.with(key, SWEPT);
        }
        for (String section : SECTIONS) {
            if (described.at(section) == null) {
                continue;
            }
            String text = switch (section) {
                case "machine" -> machine(described);
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

    /** "runtime.idmap: per-layer → common-parent; mitigations.smt: on → off" (names and sources left out). */
    private static String differences(List<ScenarioFacts> compared) {
        List<Map<String, String>> flat = new ArrayList<>();
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (ScenarioFacts f : compared) {
            Map<String, String> m = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : f.flatten()) {
                m.put(e.getKey(), e.getValue());
            }
            flat.add(m);
            keys.addAll(m.keySet());
        }
        List<String> parts = new ArrayList<>();
        for (String key : keys) {
            if (key.equals("name") || key.endsWith(".source")) {
                continue;
            }
            List<String> values = flat.stream().map(m -> m.getOrDefault(key, "(unset)")).toList();
            if (values.stream().distinct().count() > 1) {
                parts.add(key + ": " + String.join(" → ", values));
            }
        }
        return parts.isEmpty() ? "nothing but the name" : String.join("; ", parts);
    }

    private static String machine(ScenarioFacts f) {
        String label = f.machineLabel();
        String shape = f.machineShape();
        if (shape == null) {
            return label;
        }
        return shape.startsWith(label) ? shape : label + " (" + shape + ")"; // an unnamed inline machine is its shape
    }

    /** "uncontended syscall costs (µs): openTree 4.3, overlayMount.base 38, ...". */
    private static String kernel(ScenarioFacts f) {
        String costs = rest(f, "kernel.syscallsUs", Set.of()).replace(" = ", " ");
        String others = rest(f, "kernel", Set.of("syscallsUs"));
        return join(costs.isEmpty() ? List.of() : List.of("uncontended syscall costs (µs): " + costs), others);
    }

    private static String runtime(ScenarioFacts f) {
        List<String> parts = new ArrayList<>();
        if (f.text("runtime.idmap") != null) {
            parts.add("idmapped mounts: " + f.text("runtime.idmap"));
        }
        if (f.text("runtime.passes") != null) {
            String passes = f.text("runtime.passes");
            parts.add(passes + (passes.equals("1") ? " rootfs assembly" : " rootfs assemblies") + " per start");
        }
        return join(parts, rest(f, "runtime", Set.of("idmap", "passes")));
    }

    private static String workload(ScenarioFacts f) {
        List<String> parts = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        if ("container-starts".equals(f.text("workload.kind")) && f.text("workload.containers") != null) {
            String layers = f.text("workload.layers");
            parts.add(f.text("workload.containers") + " container starts"
                    + (layers != null ? " of " + layers + "-layer images" : ""));
            used.addAll(List.of("kind", "containers", "layers"));
        } else if (f.text("workload.kind") != null) {
            parts.add(f.text("workload.kind"));
            used.add("kind");
        }
        if (f.text("workload.arrival") != null) {
            parts.add("arriving " + ("burst".equals(f.text("workload.arrival")) ? "all at once" : f.text("workload.arrival")));
            used.add("arrival");
        }
        if (f.text("workload.maxConcurrentStarts") != null) {
            parts.add("concurrent starts: " + f.text("workload.maxConcurrentStarts"));
            used.add("maxConcurrentStarts");
        }
        if (f.text("workload.healthCheckTimeoutSeconds") != null) {
            parts.add("health check after " + f.text("workload.healthCheckTimeoutSeconds") + " s");
            used.add("healthCheckTimeoutSeconds");
        }
        return join(parts, rest(f, "workload", used));
    }

    private static String mitigations(ScenarioFacts f) {
        List<String> parts = new ArrayList<>();
        if (f.text("mitigations.smt") != null) {
            parts.add("SMT " + f.text("mitigations.smt"));
        }
        if (f.text("mitigations.cpuset") != null) {
            parts.add("cpuset " + f.text("mitigations.cpuset"));
        }
        return join(parts, rest(f, "mitigations", Set.of("smt", "cpuset")));
    }

    /** Every resolved key under {@code section} not already put into words, as "key = value". */
    private static String rest(ScenarioFacts f, String section, Set<String> skip) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> e : f.flatten()) {
            String key = e.getKey();
            if (!key.startsWith(section + ".") && !key.equals(section)) {
                continue;
            }
            String local = key.equals(section) ? key : key.substring(section.length() + 1);
            String top = local.split("[.\\[]", 2)[0];
            if (!skip.contains(top)) {
                parts.add(local + " = " + e.getValue());
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
