package io.mountsim.api;

import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.diag.Problem;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.scenario.Overrides;
import io.mountsim.scenarios.scenario.ScenarioLoader;
import io.mountsim.scenarios.schema.ScenarioSchema;
import io.mountsim.scenarios.yaml.YamlReader;
import io.mountsim.scenarios.yaml.YamlTrees;
import io.mountsim.scenarios.yaml.YamlValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A scenario written in code instead of YAML. Each setting is a key of the scenario format
 * (the README's key table) by its dotted path, and its value is what the YAML file would
 * hold there:
 *
 * <pre>{@code
 * Scenario s = MountSim.scenario("cap sweep")
 *         .set("machine", "r5.metal")
 *         .set("workload.containers", 200)
 *         .set("workload.layers", "{uniform: [20, 80]}")
 *         .sweep("workload.maxConcurrentStarts", 1, 8, 64)
 *         .replications(3)
 *         .build();
 * }</pre>
 *
 * <p>Values: numbers and booleans as such; a {@code String} is YAML text, exactly like the
 * value of {@code mountsim run --set KEY=VALUE} ({@code "per-layer"}, {@code "on"},
 * {@code "{burst: 5, perSeconds: 1}"}); a {@code List} or an array is a YAML list and a
 * {@code Map} a YAML mapping of such values; anything else (a {@code Path}) is its
 * {@code toString()} as YAML text.
 *
 * <p>An unknown key is refused at once, with the did-you-mean of the command line. Values
 * are checked by {@link #build()} by the same validator as a scenario file, which throws
 * one {@link ScenarioException} listing every problem (each naming its key). A setting
 * given twice keeps the last value.
 */
public final class ScenarioBuilder {
    private final String name;
    private final String source;
    private final List<Map.Entry<String, YamlValue>> settings = new ArrayList<>();
    private final Map<String, YamlValue> sweep = new LinkedHashMap<>();
    private Path baseDirectory = Path.of("");
    private String description;

    ScenarioBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = name + " (built in code)";
    }

    /**
     * Sets one key of the scenario format.
     *
     * @param key   a dotted path such as {@code workload.containers} or {@code machine}
     * @param value its value (see the class comment for how Java values map to YAML)
     * @return this builder
     * @throws ScenarioException when the key is unknown or the value is not valid YAML
     */
    public ScenarioBuilder set(String key, Object value) {
        checkKey(key, "set");
        if (key.equals("name") || key.equals("description")) {
            throw ScenarioException.of(source, key, "is given by MountSim.scenario(name) and description(text)");
        }
        settings.add(Map.entry(key, yaml(key, value)));
        return this;
    }

    /**
     * Sweeps one key over {@code values}: the scenario then has one point per combination
     * of the swept keys' values, the first swept key varying slowest.
     *
     * @param key    a sweepable key, e.g. {@code workload.maxConcurrentStarts}
     * @param values at least one value (see the class comment)
     * @return this builder
     * @throws ScenarioException when the key is unknown or a value is not valid YAML
     */
    public ScenarioBuilder sweep(String key, Object... values) {
        return sweep(key, Arrays.asList(values));
    }

    /**
     * {@link #sweep(String, Object...)} with the values in a list.
     *
     * @param key    a sweepable key
     * @param values at least one value
     * @return this builder
     * @throws ScenarioException when the key is unknown or a value is not valid YAML
     */
    public ScenarioBuilder sweep(String key, List<?> values) {
        checkKey(key, "sweep");
        sweep.remove(key);
        sweep.put(key, yaml("sweep." + key, values));
        return this;
    }

    /**
     * The scenario's description, shown in the report (by default a generated one-line
     * account of what is simulated).
     *
     * @param text the description
     * @return this builder
     */
    public ScenarioBuilder description(String text) {
        this.description = Objects.requireNonNull(text, "text");
        return this;
    }

    /**
     * {@code run.seed}: the master seed (default 42).
     *
     * @param seed the seed
     * @return this builder
     */
    public ScenarioBuilder seed(long seed) {
        return set("run.seed", seed);
    }

    /**
     * {@code run.replications}: replications per point (default 10).
     *
     * @param replications an integer in [1, 100000]
     * @return this builder
     */
    public ScenarioBuilder replications(int replications) {
        return set("run.replications", replications);
    }

    /**
     * {@code run.confidence}: the confidence level of every interval (default 0.95).
     *
     * @param confidence a level in (0, 1)
     * @return this builder
     */
    public ScenarioBuilder confidence(double confidence) {
        return set("run.confidence", confidence);
    }

    /**
     * Where relative paths of {@code workload.trace} and {@code measured} resolve (default:
     * the current directory), as they resolve beside a scenario file.
     *
     * @param dir the directory
     * @return this builder
     */
    public ScenarioBuilder baseDirectory(Path dir) {
        this.baseDirectory = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /**
     * The scenario as YAML text that {@code mountsim run} accepts (one line, flow style),
     * for saving it as a file.
     *
     * @return the scenario's YAML
     * @throws ScenarioException when two settings conflict (a key set below a single value)
     */
    public String toYaml() {
        Location at = Location.of(source);
        YamlValue.Mapping root = new YamlValue.Mapping(Map.of(), at)
                .with("name", at, new YamlValue.Scalar(name, false, true, at));
        if (description != null) {
            root = root.with("description", at, new YamlValue.Scalar(description, false, true, at));
        }
        Problems problems = new Problems();
        for (Map.Entry<String, YamlValue> s : settings) {
            // the same dotted-path semantics as --set: machine: r5.metal + machine.threadsPerCore
            root = YamlTrees.set(root, s.getKey(), s.getValue(), at, problems);
        }
        if (!problems.isEmpty()) {
            throw ScenarioException.of(new InvalidInputException(problems.list()));
        }
        if (!sweep.isEmpty()) {
            YamlValue.Mapping axes = new YamlValue.Mapping(Map.of(), at);
            for (Map.Entry<String, YamlValue> a : sweep.entrySet()) {
                axes = axes.with(a.getKey(), at, a.getValue());
            }
            root = root.with("sweep", at, axes);
        }
        return root.render();
    }

    /**
     * Validates the scenario (every key, every sweep point, the trace and measured files it
     * names) exactly as a scenario file is validated.
     *
     * @return the validated scenario
     * @throws ScenarioException listing every problem, each naming its key
     */
    public Scenario build() {
        String yaml = toYaml();
        // The loader reads the text as if from a file in the base directory (relative trace:
        // and measured: paths resolve there); its problems name the scenario, not that file,
        // and carry no line, as the text is generated.
        Path file = baseDirectory.resolve("built-in-code.yaml");
        String fileSource = file.toString();
        Scenario.Reloader reloader = (seed, replications) -> {
            try {
                return ScenarioLoader.parse(yaml, file, new Overrides(List.of(), seed, replications));
            } catch (InvalidInputException e) {
                throw ScenarioException.relocated(e, l -> l.source().equals(fileSource) ? Location.of(source) : l);
            }
        };
        return new Scenario(reloader, List.of(), Optional.empty(), source);
    }

    private void checkKey(String key, String method) {
        Objects.requireNonNull(key, "key");
        if (key.equals("sweep") || key.startsWith("sweep.")) {
            throw ScenarioException.of(source, key, "sweep a key with sweep(\"workload.maxConcurrentStarts\", 1, 8, 64)");
        }
        if (ScenarioSchema.find(key).isEmpty()) {
            throw ScenarioException.of(source, key, ScenarioSchema.unknownPathMessage(key)
                    + " (" + method + "() takes dotted paths such as workload.containers)");
        }
    }

    /** A Java value as the YAML tree a --set of its text would give. */
    private YamlValue yaml(String key, Object value) {
        try {
            return YamlReader.readValue(text(value), source);
        } catch (InvalidInputException e) {
            // readValue knows no key: name the one being set
            throw ScenarioException.mapped(e, p -> p.keyPath().isEmpty() ? new Problem(p.location(), key, p.message()) : p);
        }
    }

    /** YAML flow text of a Java value; strings are YAML text already. */
    static String text(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List<?> l) {
            return "[" + String.join(", ", l.stream().map(ScenarioBuilder::text).toList()) + "]";
        }
        if (value instanceof Object[] a) {
            return text(Arrays.asList(a));
        }
        if (value instanceof int[] a) {
            return text(Arrays.stream(a).boxed().toList());
        }
        if (value instanceof long[] a) {
            return text(Arrays.stream(a).boxed().toList());
        }
        if (value instanceof double[] a) {
            return text(Arrays.stream(a).boxed().toList());
        }
        if (value instanceof Map<?, ?> m) {
            List<String> entries = new ArrayList<>();
            m.forEach((k, v) -> entries.add(k + ": " + text(v)));
            return "{" + String.join(", ", entries) + "}";
        }
        return value.toString();
    }

    @Override
    public String toString() {
        return "ScenarioBuilder[" + name + ", " + settings.size() + " setting(s), " + sweep.size() + " swept key(s)]";
    }
}
