package io.mountsim.reports.html;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.reports.data.ScenarioFacts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "What was simulated", in plain words: one line per part of the scenario (machine,
 * kernel, runtime, watchers, workload, mitigations) read from the resolved scenario.
 * Known keys get a sentence ("100 container starts of 50-layer images, arriving in a
 * burst"); anything else is listed as key = value so nothing resolved is hidden.
 *
 * @param items (heading, plain text) pairs in page order
 */
record ScenarioSummary(List<Map.Entry<String, String>> items) {

    private static final List<String> SECTIONS = List.of("machine", "kernel", "runtime", "watchers", "workload", "mitigations");

    static ScenarioSummary of(ExperimentResult r) {
        ScenarioFacts facts = new ScenarioFacts(r.resolvedScenario());
        List<Map.Entry<String, String>> items = new ArrayList<>();
        for (String section : SECTIONS) {
            if (facts.at(section) == null) {
                continue;
            }
            String text = switch (section) {
                case "machine" -> machine(facts);
                case "runtime" -> runtime(facts);
                case "workload" -> workload(facts);
                case "mitigations" -> mitigations(facts);
                default -> rest(facts, section, Set.of());
            };
            items.add(Map.entry(capitalise(section), text));
        }
        if (!r.sweptKeys().isEmpty()) {
            items.add(Map.entry(r.comparison() ? "Compared" : "Swept", sweep(r)));
        }
        items.add(Map.entry("Statistics", r.replications() + " replications per point, seed " + r.seed()
                + ", " + Math.round(r.confidence() * 100) + "% confidence intervals (Student t)"));
        return new ScenarioSummary(items);
    }

    private static String machine(ScenarioFacts f) {
        String label = f.machineLabel();
        return f.at("machine") instanceof Map ? label + "; " + rest(f, "machine", Set.of("preset", "name")) : label;
    }

    private static String runtime(ScenarioFacts f) {
        List<String> parts = new ArrayList<>();
        if (f.text("runtime.idmap") != null) {
            parts.add("idmapped mounts: " + f.text("runtime.idmap"));
        }
        if (f.text("runtime.passes") != null) {
            parts.add(f.text("runtime.passes") + " rootfs assemblies per start");
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

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
