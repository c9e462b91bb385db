package io.mountsim.scenarios.run;

import io.mountsim.core.results.RunDescription;
import io.mountsim.core.results.ScenarioDescription;
import io.mountsim.core.results.Setting;
import io.mountsim.core.results.SweepAxis;
import io.mountsim.reports.text.Numbers;
import io.mountsim.scenarios.scenario.Scenario;
import io.mountsim.scenarios.scenario.ScenarioPoint;
import io.mountsim.scenarios.schema.Resolved;
import io.mountsim.scenarios.schema.ScenarioKeys;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The typed {@link RunDescription} of a validated scenario (or of a comparison), built once
 * when the result is assembled. This is the one place that reads the binders' resolved
 * trees for the reports (by their key of the table, {@link Resolved#at}): the machine's
 * label and shape, every setting as text, and each point's swept values as the validated
 * value's canonical text.
 */
public final class RunDescriptions {

    private RunDescriptions() {
    }

    /** A scenario run (all its points, whatever a shard runs). */
    public static RunDescription of(Scenario scenario) {
        List<SweepAxis> axes = new ArrayList<>();
        for (String key : scenario.sweptKeys()) {
            LinkedHashSet<String> values = new LinkedHashSet<>();
            scenario.points().forEach(p -> values.add(parameters(p).get(key)));
            axes.add(new SweepAxis(key, List.copyOf(values)));
        }
        return new RunDescription(List.of(describe(scenario)), axes, scenario.points().size(), false,
                scenario.overrides());
    }

    /** Whole scenarios side by side, the baseline first: one point each, swept by name. */
    public static RunDescription compared(List<Scenario> scenarios) {
        List<ScenarioDescription> described = scenarios.stream().map(RunDescriptions::describe).toList();
        SweepAxis byName = new SweepAxis("scenario", scenarios.stream().map(Scenario::name).toList());
        return new RunDescription(described, List.of(byName), scenarios.size(), true,
                scenarios.isEmpty() ? List.of() : scenarios.get(0).overrides());
    }

    /**
     * The point's swept keys with the validated value each had, as canonical text
     * ({@code 100} for {@code 1e2}, {@code "100"} or {@code 0100}; {@code 30.5} for
     * {@code 30.50}; {@code true}): the value the point simulated, not its spelling. A swept
     * key whose resolved value is a section (a machine preset by name) keeps the name as
     * written, which validation matched exactly.
     */
    public static Map<String, String> parameters(ScenarioPoint point) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        point.parameters().forEach((key, asWritten) -> {
            Object resolved = ScenarioKeys.find(key).map(k -> Resolved.at(point.resolved(), k)).orElse(null);
            boolean scalar = resolved instanceof Number || resolved instanceof Boolean || resolved instanceof String;
            out.put(key, scalar ? canonical(resolved) : asWritten);
        });
        return out;
    }

    /**
     * A validated scalar as text: whole numbers without a fraction or exponent ({@code 100}),
     * other numbers as the shortest plain decimal that is the same double ({@code 30.5},
     * {@code 0.0000001}), booleans and words as they are.
     */
    public static String canonical(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.toString(d);
            }
            String plain = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            return plain.equals("-0") ? "0" : plain;
        }
        return String.valueOf(value);
    }

    static ScenarioDescription describe(Scenario scenario) {
        Map<String, Object> resolved = scenario.resolved();
        Object machine = Resolved.at(resolved, ScenarioKeys.MACHINE);
        return new ScenarioDescription(scenario.name(), machineLabel(machine), machineShape(machine), settings(resolved));
    }

    /** The preset's name, an inline machine's own name, or its shape ("1 socket × 16 cores × 2 threads"). */
    private static String machineLabel(Object machine) {
        if (machine == null) {
            return "";
        }
        if (!(machine instanceof Map<?, ?> map)) {
            return String.valueOf(machine);
        }
        for (String nameKey : List.of("preset", "name")) {
            if (map.get(nameKey) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        List<String> shape = shape(map);
        return shape.isEmpty() ? "custom machine" : String.join(" × ", shape);
    }

    /** "2 sockets × 24 cores × 2 threads, mesh"; empty when the machine has no shape. */
    private static String machineShape(Object machine) {
        if (!(machine instanceof Map<?, ?> map)) {
            return "";
        }
        List<String> shape = shape(map);
        if (shape.isEmpty()) {
            return "";
        }
        String text = String.join(" × ", shape);
        return map.get("interconnect") == null ? text : text + ", " + map.get("interconnect");
    }

    private static List<String> shape(Map<?, ?> machine) {
        List<String> shape = new ArrayList<>();
        count(machine.get("sockets"), "socket", shape);
        count(machine.get("coresPerSocket"), "core", shape);
        count(machine.get("threadsPerCore"), "thread", shape);
        return shape;
    }

    private static void count(Object v, String noun, List<String> out) {
        if (v != null) {
            out.add(v + " " + noun + ("1".equals(String.valueOf(v)) ? "" : "s"));
        }
    }

    /** Every scalar of a resolved tree as dotted path = text, in document order. */
    static List<Setting> settings(Map<String, Object> resolved) {
        List<Setting> out = new ArrayList<>();
        flatten("", resolved, out);
        return out;
    }

    private static void flatten(String prefix, Object v, List<Setting> out) {
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                out.add(new Setting(prefix, "{}"));
            }
            m.forEach((k, x) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, x, out));
        } else if (v instanceof List<?> l) {
            boolean scalars = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
            if (scalars) {
                out.add(new Setting(prefix, "[" + String.join(", ", l.stream().map(RunDescriptions::display).toList()) + "]"));
            } else {
                for (int i = 0; i < l.size(); i++) {
                    flatten(prefix + "[" + i + "]", l.get(i), out);
                }
            }
        } else {
            out.add(new Setting(prefix, display(v)));
        }
    }

    /** A value for people: doubles without binary noise (3.1164, not 3.1164000000000005). */
    private static String display(Object v) {
        return v instanceof Double d ? Numbers.plain(d) : String.valueOf(v);
    }
}
