package io.mountsim.models.calibration;

import io.mountsim.models.runtime.IdmapMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The output of the calibration probe (mountbench.c): "threads=..." result lines, each
 * followed by its "per-syscall mean_us:" line, and "mountinfo mounts=..." lines. Parsing
 * is strict: a line that is neither is an error naming its number.
 */
public record Measurements(List<MeasuredRun> runs, List<MeasuredMountinfoRead> mountinfoReads) {

    /** The project's calibration host (classpath resource, copied from shared/calibration). */
    public static Measurements epyc2core() {
        try (InputStream in = Measurements.class.getResourceAsStream("/calibration/epyc-2core/measurements.txt")) {
            if (in == null) {
                throw new IllegalStateException("calibration/epyc-2core/measurements.txt is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "epyc-2core/measurements.txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Measurements read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    public static Measurements parse(String text, String source) {
        List<MeasuredRun> runs = new ArrayList<>();
        List<MeasuredMountinfoRead> reads = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        Map<String, String> pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNo = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("threads=")) {
                if (pending != null) {
                    throw error(source, pendingLine, "result line without its per-syscall line");
                }
                pending = fields(line, source, lineNo);
                pendingLine = lineNo;
            } else if (line.startsWith("per-syscall mean_us:")) {
                if (pending == null) {
                    throw error(source, lineNo, "per-syscall line without a result line before it");
                }
                Map<String, String> calls = fields(line.substring("per-syscall mean_us:".length()), source, lineNo);
                runs.add(run(pending, calls, source, pendingLine));
                pending = null;
            } else if (line.startsWith("mountinfo ")) {
                Map<String, String> f = fields(line.substring("mountinfo ".length()), source, lineNo);
                reads.add(new MeasuredMountinfoRead((int) number(f, "mounts", source, lineNo),
                        number(f, "read_us", source, lineNo)));
            } else {
                throw error(source, lineNo, "expected a \"threads=...\", \"per-syscall mean_us:\" or \"mountinfo ...\" line");
            }
        }
        if (pending != null) {
            throw error(source, pendingLine, "result line without its per-syscall line");
        }
        return new Measurements(List.copyOf(runs), List.copyOf(reads));
    }

    /**
     * One run per shape (mode, threads, layers, readers) and one read per table size: the
     * probe kit's full mode measures each shape three times, and a shape's repeats are
     * averaged field by field (per-call means too), in the order each shape first appears.
     */
    public Measurements merged() {
        Map<List<Object>, List<MeasuredRun>> byShape = new LinkedHashMap<>();
        for (MeasuredRun r : runs) {
            byShape.computeIfAbsent(List.of(r.mode(), r.threads(), r.layers(), r.readers()), k -> new ArrayList<>()).add(r);
        }
        List<MeasuredRun> out = new ArrayList<>();
        for (List<MeasuredRun> same : byShape.values()) {
            MeasuredRun f = same.get(0);
            Map<String, Double> calls = new LinkedHashMap<>();
            for (String call : f.syscallMeanUs().keySet()) {
                calls.put(call, same.stream().mapToDouble(r -> r.syscallMeanUs().getOrDefault(call, Double.NaN)).average().orElseThrow());
            }
            out.add(new MeasuredRun(f.threads(), f.layers(), f.mode(), f.readers(), f.containers(),
                    same.stream().mapToDouble(MeasuredRun::startsPerSecond).average().orElseThrow(),
                    same.stream().mapToDouble(MeasuredRun::latencyMeanMs).average().orElseThrow(),
                    same.stream().mapToDouble(MeasuredRun::latencyP99Ms).average().orElseThrow(), calls,
                    same.stream().mapToDouble(MeasuredRun::latencyP50Ms).average().orElseThrow(),
                    same.stream().mapToDouble(MeasuredRun::latencyP95Ms).average().orElseThrow(),
                    same.stream().allMatch(r -> r.umountWaitUs().isPresent())
                            ? same.stream().mapToDouble(r -> r.umountWaitUs().getAsDouble()).average()
                            : java.util.OptionalDouble.empty()));
        }
        Map<Integer, List<MeasuredMountinfoRead>> bySize = new LinkedHashMap<>();
        for (MeasuredMountinfoRead r : mountinfoReads) {
            bySize.computeIfAbsent(r.mounts(), k -> new ArrayList<>()).add(r);
        }
        List<MeasuredMountinfoRead> reads = new ArrayList<>();
        bySize.forEach((mounts, same) -> reads.add(new MeasuredMountinfoRead(mounts,
                same.stream().mapToDouble(MeasuredMountinfoRead::readUs).average().orElseThrow())));
        return new Measurements(List.copyOf(out), List.copyOf(reads));
    }

    /** The run of a given shape, if measured. */
    public Optional<MeasuredRun> find(IdmapMode mode, int threads, int layers, int readers) {
        return runs.stream().filter(r -> r.mode() == mode && r.threads() == threads && r.layers() == layers
                && r.readers() == readers).findFirst();
    }

    private static MeasuredRun run(Map<String, String> f, Map<String, String> calls, String source, int line) {
        String mode = f.get("mode");
        IdmapMode idmap = "layer".equals(mode) ? IdmapMode.PER_LAYER
                : "parent".equals(mode) ? IdmapMode.COMMON_PARENT : null;
        if (idmap == null) {
            throw error(source, line, "mode must be layer or parent, not " + mode);
        }
        Map<String, Double> perCall = new LinkedHashMap<>();
        calls.forEach((k, v) -> perCall.put(k, parseNumber(v, k, source, line)));
        return new MeasuredRun((int) number(f, "threads", source, line), (int) number(f, "layers", source, line), idmap,
                (int) number(f, "readers", source, line), (int) number(f, "containers", source, line),
                number(f, "starts_per_s", source, line), number(f, "lat_mean_ms", source, line),
                number(f, "p99_ms", source, line), perCall, number(f, "p50_ms", source, line),
                number(f, "p95_ms", source, line),
                f.containsKey("umount_wait_us") ? java.util.OptionalDouble.of(number(f, "umount_wait_us", source, line))
                        : java.util.OptionalDouble.empty());
    }

    /** A line's {@code key=value} tokens in order; anything else is an error naming the line. */
    static Map<String, String> fields(String text, String source, int line) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String token : text.trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw error(source, line, "expected key=value, found \"" + token + "\"");
            }
            out.put(token.substring(0, eq), token.substring(eq + 1));
        }
        return out;
    }

    private static double number(Map<String, String> f, String key, String source, int line) {
        String v = f.get(key);
        if (v == null) {
            throw error(source, line, "missing " + key + "=");
        }
        return parseNumber(v, key, source, line);
    }

    private static double parseNumber(String v, String key, String source, int line) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw error(source, line, key + " is not a number: " + v);
        }
    }

    private static IllegalArgumentException error(String source, int line, String what) {
        return new IllegalArgumentException(source + ":" + line + ": " + what);
    }
}
