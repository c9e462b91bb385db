package io.mountsim.scenarios.scenario;

import io.mountsim.models.SimulationSpec;
import io.mountsim.models.mitigation.Mitigations;
import io.mountsim.models.workload.LayerCount;
import io.mountsim.models.workload.WorkloadSpec;
import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.schema.Resolved;
import io.mountsim.scenarios.schema.ScenarioKey;
import io.mountsim.scenarios.schema.ScenarioSchema;
import io.mountsim.scenarios.yaml.YamlReader;
import io.mountsim.scenarios.yaml.YamlTrees;
import io.mountsim.scenarios.yaml.YamlValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.mountsim.scenarios.schema.ScenarioKeys.*;

/**
 * Reads, overrides, validates and expands one scenario file. Every problem of the file
 * (and of the command line's overrides) is collected and thrown together as one
 * {@link InvalidInputException}; nothing is simulated before the whole file is valid.
 */
public final class ScenarioLoader {
    /** A sweep larger than this is almost certainly a mistake (and would not finish). */
    static final int MAX_POINTS = 100_000;
    /**
     * The largest scenario file read: the shipped ones are under 4 KB; data belongs in a
     * trace or measured: file. Beyond this a file is a mistake, and SnakeYAML's composer
     * took 44 s on 10 MB (issue 14), so it is refused before parsing.
     */
    public static final long MAX_FILE_BYTES = 1L << 20;

    private ScenarioLoader() {
    }

    public static Scenario load(Path file, Overrides overrides) {
        String text;
        try {
            if (!Files.exists(file)) {
                throw InvalidInputException.of(Location.of(file.toString()), "", "file not found");
            }
            if (Files.isDirectory(file)) {
                throw InvalidInputException.of(Location.of(file.toString()), "", "is a directory; expected a scenario YAML file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw InvalidInputException.of(Location.of(file.toString()), "", tooBig(size));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw InvalidInputException.of(Location.of(file.toString()), "", "cannot read the file (" + e.getMessage() + "); is it UTF-8 text?");
        } catch (java.nio.file.InvalidPathException e) {
            throw InvalidInputException.of(Location.of(file.toString()), "", "not a valid path");
        }
        return parse(text, file, overrides);
    }

    /** Parses scenario text as if read from {@code file} (relative paths resolve beside it). */
    public static Scenario parse(String text, Path file, Overrides overrides) {
        String source = file.toString();
        if (text.length() > MAX_FILE_BYTES) {
            throw InvalidInputException.of(Location.of(source), "", tooBig(text.length()));
        }
        YamlValue tree = YamlReader.read(text, source);
        Problems problems = new Problems();
        if (!(tree instanceof YamlValue.Mapping root)) {
            throw InvalidInputException.of(tree.location(), "", "expected a scenario mapping (name:, machine:, workload:, ...), got "
                    + Values.describe(tree));
        }
        root = applySets(root, overrides.sets(), problems);
        Values values = new Values(problems);
        Section top = Section.of(root, "", problems);

        String name = top.has(NAME.name()) ? values.read(top, NAME).orElse("") : defaultName(file);
        Optional<String> description = values.read(top, DESCRIPTION);
        RunSettings run = run(top, values, overrides);
        List<Axis> axes = sweepAxes(top, values);
        long count = 1;
        for (Axis a : axes) {
            count *= a.values().size();
            if (count > MAX_POINTS) {
                problems.add(top.get(SWEEP_KEYS.name()).location(), SWEEP_KEYS.path(), "expands to more than " + MAX_POINTS + " points; split the sweep");
                axes = List.of();
                break;
            }
        }

        Path baseDir = file.toAbsolutePath().getParent();
        PointBinder binder = new PointBinder(problems, new TraceFiles(baseDir));
        YamlValue.Mapping base = root.without(SWEEP_KEYS.name());
        List<ScenarioPoint> points = new ArrayList<>();
        for (int index = 0; index < count && (index == 0 || !axes.isEmpty()); index++) {
            LinkedHashMap<String, String> parameters = new LinkedHashMap<>();
            YamlValue.Mapping tree1 = base;
            int rest = index;
            // first key varies slowest: decompose the index in mixed radix, last axis fastest
            int[] choice = new int[axes.size()];
            for (int a = axes.size() - 1; a >= 0; a--) {
                choice[a] = rest % axes.get(a).values().size();
                rest /= axes.get(a).values().size();
            }
            for (int a = 0; a < axes.size(); a++) {
                YamlValue v = axes.get(a).values().get(choice[a]);
                parameters.put(axes.get(a).key(), v.render());
                tree1 = YamlTrees.set(tree1, axes.get(a).key(), v, v.location(), problems);
            }
            Optional<PointBinder.Bound> bound = binder.bind(tree1);
            if (bound.isPresent()) {
                points.add(new ScenarioPoint(index, parameters, bound.get().spec(), bound.get().resolved()));
            }
        }
        List<String> sweptKeys = axes.stream().map(Axis::key).toList();
        List<String> warnings = axes.isEmpty() ? List.of()
                : duplicatePoints(points, top.get(SWEEP_KEYS.name()) != null ? top.get(SWEEP_KEYS.name()).location() : Location.of(source),
                problems);
        Map<Integer, Map<String, Double>> measured = Map.of();
        if (top.has(MEASURED.name())) {
            // Checked even when the rest has problems, so one run reports them all; rows are
            // matched to points only when every point is valid (else each would be "no point").
            boolean everyPoint = points.size() == count;
            Optional<String> m = values.read(top, MEASURED);
            if (m.isPresent()) {
                Location at = top.get(MEASURED.name()).location();
                try {
                    Path csv = baseDir.resolve(m.get()).normalize();
                    measured = MeasuredCsv.load(csv, csv.toString(), at, sweptKeys, everyPoint ? points : null, problems);
                } catch (java.nio.file.InvalidPathException e) {
                    problems.add(at, MEASURED.path(), "not a valid path: " + m.get());
                }
            }
        }
        problems.throwIfAny();

        Resolved resolved = new Resolved().put(NAME, name);
        description.ifPresent(d -> resolved.put(DESCRIPTION, d));
        LinkedHashMap<String, Object> all = new LinkedHashMap<>(resolved.tree());
        all.putAll(points.get(0).resolved());
        Resolved rest = new Resolved().put(RUN_SEED, run.seed()).put(RUN_REPLICATIONS, run.replications())
                .put(RUN_CONFIDENCE, run.confidence());
        if (!axes.isEmpty()) {
            LinkedHashMap<String, Object> sweep = new LinkedHashMap<>();
            axes.forEach(a -> sweep.put(a.key(), a.values().stream().map(YamlTrees::toJava).toList()));
            rest.put(SWEEP_KEYS, sweep);
        }
        if (top.has(MEASURED.name())) {
            rest.put(MEASURED, YamlTrees.toJava(top.get(MEASURED.name())));
        }
        all.putAll(rest.tree());
        @SuppressWarnings("unchecked")
        Map<String, Object> normalized = (Map<String, Object>) integralNumbers(all);
        return new Scenario(file, name, description.orElseGet(() -> describe(points.get(0).spec(), sweptKeys)),
                run, sweptKeys, points, normalized, measured,
                overrides.sets().stream().map(ScenarioLoader::normalizedSet).toList(), warnings);
    }

    private static String tooBig(long size) {
        return "is " + size + " bytes; a scenario file may have at most " + MAX_FILE_BYTES + " bytes (1 MiB): "
                + "put measurements in a measured: CSV and syscalls in a trace: file";
    }

    /**
     * Whole-number doubles as longs (30.0 -> 30), recursively: a resolved scenario then reads
     * the same after a JSON round trip (summary.json of shards), and looks as a user writes it.
     */
    static Object integralNumbers(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Map<?, ?> m) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, integralNumbers(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(ScenarioLoader::integralNumbers).toList();
        }
        return value;
    }

    /** Beyond a few, more of the same message helps nobody. */
    private static final int MAX_DUPLICATES_REPORTED = 3;

    /**
     * Two points that simulate the same thing are a sweep mistake that would read as a
     * finding ("SMT off: no change"); the classic one is {@code mitigations.smt: [on, off]}
     * on a machine without SMT, where off changes nothing. When every point has such a twin
     * the swept value is useless and the scenario is refused, naming the points. In a cross
     * product where only some combinations collapse (machines with and without SMT, times
     * smt on/off) the points stay, being the same simulation they give the same numbers, and
     * the returned warnings say which.
     */
    private static List<String> duplicatePoints(List<ScenarioPoint> points, Location at, Problems problems) {
        Map<SimulationSpec, ScenarioPoint> seen = new LinkedHashMap<>();
        List<String> messages = new ArrayList<>();
        int twins = 0;
        for (ScenarioPoint p : points) {
            ScenarioPoint first = seen.putIfAbsent(simulated(p.spec()), p);
            if (first == null) {
                continue;
            }
            twins += 2;
            boolean smt = p.spec().mitigations().smt() != first.spec().mitigations().smt();
            String why = smt && p.spec().machine().threadsPerCore() == 1
                    ? p.spec().machine().name() + " has no SMT (threadsPerCore: 1), so mitigations.smt: off changes nothing"
                    : "the swept values make no difference there";
            messages.add("points " + p.parameters() + " and " + first.parameters() + " simulate the same thing; " + why);
        }
        if (messages.isEmpty()) {
            return List.of();
        }
        if (twins >= points.size()) {
            for (String m : messages.subList(0, Math.min(MAX_DUPLICATES_REPORTED, messages.size()))) {
                problems.add(at, SWEEP_KEYS.path(), m + ": drop the value"
                        + (m.contains("no SMT") ? ", or sweep machine.threadsPerCore: [1, 2] instead" : ""));
            }
            return List.of();
        }
        String more = messages.size() == 1 ? "" : "; " + (messages.size() - 1) + " more pairs alike";
        return List.of(messages.get(0) + more + " (all are kept; twins give the same simulation's numbers)");
    }

    /** What a spec simulates: SMT off on a machine without SMT is SMT on (see PointBinder). */
    private static SimulationSpec simulated(SimulationSpec s) {
        if (s.machine().threadsPerCore() == 1 && !s.mitigations().smt()) {
            return new SimulationSpec(s.machine(), s.kernel(), s.runtime(), s.watchers(), s.workload(),
                    new Mitigations(true, s.mitigations().cpuset()));
        }
        return s;
    }

    /** "workload.containers = 200" as "workload.containers=200": one spelling in titles and summary.json. */
    static String normalizedSet(String set) {
        int eq = set.indexOf('=');
        return eq < 0 ? set.strip() : set.substring(0, eq).strip() + "=" + set.substring(eq + 1).strip();
    }

    private record Axis(String key, List<YamlValue> values) {
    }

    private static YamlValue.Mapping applySets(YamlValue.Mapping root, List<String> sets, Problems problems) {
        YamlValue.Mapping out = root;
        for (String set : sets) {
            String source = "--set " + set;
            int eq = set.indexOf('=');
            if (eq <= 0) {
                problems.add(Location.of(source), "", "expected KEY=VALUE, e.g. --set workload.containers=200");
                continue;
            }
            String key = set.substring(0, eq).trim();
            if (key.length() > 200) {
                problems.add(Location.of("--set " + set.substring(0, 40) + "..."), "", "a key of " + key.length()
                        + " characters; keys are dotted names such as workload.containers");
                continue;
            }
            String sweepPrefix = SWEEP_KEYS.path() + ".";
            boolean sweepKey = key.startsWith(sweepPrefix) && key.length() > sweepPrefix.length();
            if (!sweepKey && ScenarioSchema.find(key).isEmpty()) {
                problems.add(Location.of(source), key, ScenarioSchema.unknownPathMessage(key));
                continue;
            }
            YamlValue value;
            try {
                value = YamlReader.readValue(set.substring(eq + 1), source);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
                continue;
            }
            if (sweepKey) {
                YamlValue sweep = out.get(SWEEP_KEYS.name());
                YamlValue.Mapping sweepMap = sweep instanceof YamlValue.Mapping m ? m : new YamlValue.Mapping(Map.of(), Location.of(source));
                out = out.with(SWEEP_KEYS.name(), Location.of(source), sweepMap.with(key.substring(sweepPrefix.length()),
                        Location.of(source), value));
            } else {
                out = YamlTrees.set(out, key, value, Location.of(source), problems);
            }
        }
        return out;
    }

    private static RunSettings run(Section top, Values values, Overrides overrides) {
        Section run = Section.empty(RUN.path(), top.mapping());
        if (top.has(RUN.name())) {
            Optional<YamlValue.Mapping> m = values.mapping(top.get(RUN.name()), RUN.path(), "a mapping {seed, replications, confidence}");
            if (m.isPresent()) {
                run = Section.of(m.get(), RUN.path(), values.problems());
            }
        }
        long seed = values.readLong(run, RUN_SEED, RUN_SEED.requireDefault());
        int replications = values.read(run, RUN_REPLICATIONS);
        double confidence = values.read(run, RUN_CONFIDENCE);
        if (overrides.seed().isPresent()) {
            seed = overrides.seed().getAsLong();
        }
        if (overrides.replications().isPresent()) {
            int r = overrides.replications().getAsInt();
            if (r < RUN_REPLICATIONS.min() || r > RUN_REPLICATIONS.max()) {
                values.problems().add(Location.of("--replications " + r), RUN_REPLICATIONS.path(), "expected " + RUN_REPLICATIONS.expected());
            } else {
                replications = r;
            }
        }
        return new RunSettings(seed, replications, confidence);
    }

    private static List<Axis> sweepAxes(Section top, Values values) {
        YamlValue sweep = top.get(SWEEP_KEYS.name());
        if (sweep == null || sweep instanceof YamlValue.Scalar s && s.isNull()) {
            return List.of();
        }
        Optional<YamlValue.Mapping> m = values.mapping(sweep, SWEEP_KEYS.path(), "a mapping of key path -> list of values");
        if (m.isEmpty()) {
            return List.of();
        }
        List<Axis> axes = new ArrayList<>();
        for (YamlValue.Entry e : m.get().entries().values()) {
            String path = SWEEP_KEYS.path() + "." + e.key();
            Optional<ScenarioKey> doc = ScenarioSchema.find(e.key());
            if (doc.isEmpty()) {
                values.problems().add(e.keyLocation(), path, ScenarioSchema.unknownPathMessage(e.key())
                        + " (sweep keys are dotted paths such as workload.maxConcurrentStarts)");
                continue;
            }
            if (!doc.get().sweepable()) {
                values.problems().add(e.keyLocation(), path, "cannot be swept; sweep its leaf keys instead"
                        + (e.key().startsWith(RUN.name()) || e.key().equals(NAME.name()) ? " (run settings and names are fixed per scenario)" : ""));
                continue;
            }
            if (!(e.value() instanceof YamlValue.Sequence q) || q.items().isEmpty()) {
                values.error(e.value(), path, "expected a non-empty list of values, e.g. [1, 2, 4], got " + Values.describe(e.value()));
                continue;
            }
            axes.add(new Axis(e.key(), q.items()));
        }
        return axes;
    }

    private static String defaultName(Path file) {
        Path f = file.getFileName();
        String n = f == null ? "scenario" : f.toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** A one-line account of what is simulated, for the report when no description is given. */
    static String describe(SimulationSpec spec, List<String> sweptKeys) {
        StringBuilder sb = new StringBuilder();
        WorkloadSpec w = spec.workload();
        if (w instanceof WorkloadSpec.ContainerStarts c) {
            String layers = c.layers() instanceof LayerCount.Fixed f ? f.layers() + "-layer"
                    : "uniform " + ((LayerCount.Uniform) c.layers()).min() + "-" + ((LayerCount.Uniform) c.layers()).max() + "-layer";
            sb.append(c.containers()).append(" container starts of ").append(layers).append(" images, idmap ")
                    .append(spec.runtime().idmap().yamlName());
        } else if (w instanceof WorkloadSpec.LockBench l) {
            sb.append("lock microbenchmark, ").append(l.threads()).append(" threads");
        } else if (w instanceof WorkloadSpec.Trace t) {
            sb.append("replay of ").append(t.source()).append(" (").append(t.threads().size()).append(" threads)");
        }
        sb.append(" on ").append(spec.machine().name());
        if (spec.watchers().mountinfoReaders() > 0) {
            sb.append(", ").append(spec.watchers().mountinfoReaders()).append(" mountinfo reader(s)");
        }
        if (spec.node().runningContainers() > 0) {
            sb.append(", ").append(spec.node().runningContainers()).append(" containers already running");
        }
        if (spec.watchers().systemd().isPresent()) {
            sb.append(", systemd as PID 1");
        }
        if (!sweptKeys.isEmpty()) {
            sb.append("; sweeping ").append(String.join(" x ", sweptKeys));
        }
        return sb.toString();
    }
}
