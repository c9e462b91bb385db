package io.mountsim.scenarios.scenario;

import io.mountsim.models.calibration.HostProfile;
import io.mountsim.models.calibration.ProfileFields;
import io.mountsim.models.calibration.Provenance;
import io.mountsim.models.kernel.KernelProfile;
import io.mountsim.models.topology.MachineSpec;
import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.schema.Range;
import io.mountsim.scenarios.yaml.YamlReader;
import io.mountsim.scenarios.yaml.YamlValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Profile files: a host's machine and every kernel cost, grouped as {@link KernelProfile}
 * groups them, each number a mapping {@code {value, method, source}} saying where it comes
 * from ({@link Provenance}). {@code mountsim calibrate} writes them; a scenario names one
 * with {@code kernel.profile}. The first line marks a file mountsim wrote, so that
 * calibrate never overwrites anything else.
 */
public final class ProfileYaml {
    /** The first line of every profile file mountsim writes. */
    public static final String HEADER = "# mountsim profile (written by mountsim; `mountsim calibrate -o` may overwrite it)";
    static final String VERSION_KEY = "mountsimProfile";

    private ProfileYaml() {
    }

    /** The file's text: header, version, name, machine, kernel groups. Deterministic. */
    public static String write(HostProfile p, List<String> comments) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (String c : comments) {
            out.append("# ").append(c.replace("\n", " ")).append('\n');
        }
        out.append(VERSION_KEY).append(": 1\n");
        out.append("name: ").append(quote(p.name())).append('\n');
        out.append("machine:\n");
        String preset = presetOf(p.machine());
        // a preset is named, not copied: its numbers and their sources stay in MachinePresets
        writeMapping(out, preset != null ? Map.of("preset", preset) : MachineBinder.resolved(p.machine(), null), 1);
        out.append("kernel:\n");
        Map<String, Object> tree = new LinkedHashMap<>();
        for (ProfileFields.Field f : ProfileFields.ALL) {
            String key = f.key();
            Object value = f.get().apply(p.kernel());
            if (ProfileFields.leftOut(f, value)) {
                continue; // an optional field at its not-measured value: files without it read the same
            }
            Provenance pr = p.provenance().get(key);
            if (pr == null) {
                throw new IllegalArgumentException("no provenance for " + key);
            }
            put(tree, key, new Numbered(value, pr));
        }
        writeMapping(out, tree, 1);
        return out.toString();
    }

    /** A preset machine is written as its name, so the file follows the preset's own source. */
    private static String presetOf(MachineSpec m) {
        return io.mountsim.models.topology.MachinePresets.find(m.name()).filter(m::equals).map(MachineSpec::name).orElse(null);
    }

    private record Numbered(Object value, Provenance provenance) {
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String dotted, Object leaf) {
        String[] parts = dotted.split("\\.");
        Map<String, Object> at = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            at = (Map<String, Object>) at.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        at.put(parts[parts.length - 1], leaf);
    }

    @SuppressWarnings("unchecked")
    private static void writeMapping(StringBuilder out, Map<String, Object> map, int depth) {
        String indent = "  ".repeat(depth);
        for (Map.Entry<String, Object> e : map.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> sub) {
                out.append(indent).append(e.getKey()).append(":\n");
                writeMapping(out, (Map<String, Object>) sub, depth + 1);
            } else if (v instanceof Numbered n) {
                out.append(indent).append(e.getKey()).append(": {value: ").append(scalar(n.value()))
                        .append(", method: ").append(n.provenance().method().yamlName())
                        .append(", source: ").append(quote(n.provenance().source())).append("}\n");
            } else {
                out.append(indent).append(e.getKey()).append(": ").append(scalar(v)).append('\n');
            }
        }
    }

    private static String scalar(Object v) {
        if (v instanceof Double d) {
            // enough digits that reading the file back gives the same double
            return Double.toString(d);
        }
        if (v instanceof String s) {
            return quote(s);
        }
        return String.valueOf(v);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** A machine given on the command line: a preset name or an inline YAML mapping, as in a scenario. */
    public static MachineSpec machineArgument(String text, String option) {
        Problems problems = new Problems();
        YamlValue v = YamlReader.read(text, option);
        Optional<MachineSpec> m = new MachineBinder(new Values(problems)).bind(v).map(MachineBinder.Bound::machine);
        problems.throwIfAny();
        return m.orElseThrow(() -> InvalidInputException.of(io.mountsim.scenarios.diag.Location.of(option), "machine",
                "expected a preset name or a mapping"));
    }

    /** Whether a file's first line says mountsim wrote it (calibrate may then replace it). */
    public static boolean writtenByMountsim(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.findFirst().map(HEADER::equals).orElse(false);
        } catch (java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** Reads a profile file; every problem names the file, line and key. */
    public static HostProfile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InvalidInputException.of(io.mountsim.scenarios.diag.Location.of(file.toString()), "",
                    "cannot read profile file: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses a profile file's text. */
    public static HostProfile parse(String text, String source) {
        Problems problems = new Problems();
        Optional<HostProfile> p = bind(YamlReader.read(text, source), source, problems);
        problems.throwIfAny();
        return p.orElseThrow();
    }

    static Optional<HostProfile> bind(YamlValue root, String source, Problems problems) {
        Values values = new Values(problems);
        Optional<YamlValue.Mapping> m = values.mapping(root, "", "a profile file (a mapping with mountsimProfile, name,"
                + " machine, kernel)");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        YamlValue.Mapping top = m.get();
        YamlValue version = top.get(VERSION_KEY);
        if (version == null) {
            problems.add(top.location(), VERSION_KEY, "missing: not a mountsim profile file (write one with"
                    + " `mountsim calibrate`)");
            return Optional.empty();
        }
        if (!(version instanceof YamlValue.Scalar s && "1".equals(s.text()))) {
            problems.add(version.location(), VERSION_KEY, "this mountsim reads profile version 1");
            return Optional.empty();
        }
        String name = top.get("name") == null ? source : values.text(top.get("name"), "name").orElse(source);
        MachineSpec machine = null;
        if (top.get("machine") == null) {
            problems.add(top.location(), "machine", "missing; a profile names the machine its costs were measured on");
        } else {
            machine = new MachineBinder(values).bind(top.get("machine")).map(MachineBinder.Bound::machine).orElse(null);
        }
        YamlValue kernelValue = top.get("kernel");
        if (kernelValue == null) {
            problems.add(top.location(), "kernel", "missing; expected the kernel cost groups");
            return Optional.empty();
        }
        Map<String, Object> numbers = new LinkedHashMap<>();
        Map<String, Provenance> provenance = new LinkedHashMap<>();
        int before = problems.size();
        for (ProfileFields.Field f : ProfileFields.ALL) {
            String path = "kernel." + f.key();
            YamlValue v = lookup(kernelValue, f.key());
            if (v == null && f.optional()) {
                numbers.put(f.key(), f.absent());
                provenance.put(f.key(), ProfileFields.NOT_MEASURED);
                continue;
            }
            if (v == null) {
                problems.add(kernelValue.location(), path, "missing; every profile number is required (write the"
                        + " file with `mountsim calibrate`)");
                continue;
            }
            Optional<YamlValue.Mapping> entry = values.mapping(v, path, "a mapping {value, method, source}");
            if (entry.isEmpty()) {
                continue;
            }
            YamlValue value = entry.get().get("value");
            if (value == null) {
                problems.add(v.location(), path + ".value", "missing");
                continue;
            }
            switch (f.kind()) {
                case BOOLEAN -> values.choice(value, path + ".value", List.of("true", "false"))
                        .ifPresent(b -> numbers.put(f.key(), Boolean.parseBoolean(b)));
                case INTEGER -> numbers.put(f.key(), values.intOr(value, path + ".value", 0, 100_000_000,
                        "an integer >= 0", 0));
                case NUMBER -> numbers.put(f.key(), values.numberOr(value, path + ".value", Range.nonNegative(), 0));
            }
            YamlValue method = entry.get().get("method");
            Optional<Provenance.Method> pm = method == null ? Optional.empty()
                    : values.choice(method, path + ".method", List.of("measured", "derived", "fitted", "default", "cited"))
                    .flatMap(Provenance.Method::fromYaml);
            if (method == null) {
                problems.add(v.location(), path + ".method", "missing; one of measured, derived, fitted, default, cited");
            }
            YamlValue src = entry.get().get("source");
            String sourceText = src == null ? "" : values.text(src, path + ".source").orElse("");
            if (src == null || sourceText.isBlank()) {
                problems.add(v.location(), path + ".source", "missing; say where the number comes from");
            }
            pm.ifPresent(x -> provenance.put(f.key(), new Provenance(x, sourceText)));
        }
        if (problems.size() > before || machine == null) {
            return Optional.empty();
        }
        return Optional.of(new HostProfile(name, machine, ProfileFields.build(numbers), provenance));
    }

    private static YamlValue lookup(YamlValue root, String dotted) {
        YamlValue at = root;
        for (String part : dotted.split("\\.")) {
            if (!(at instanceof YamlValue.Mapping mm)) {
                return null;
            }
            at = mm.get(part);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
