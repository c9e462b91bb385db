package io.mountsim.models.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One results file of the probe kit ({@code mountsim probe}, kit-version 1; the contract is
 * models/src/main/resources/probes/FORMAT.md), or the plain output of mountbench.c (the
 * format of shared/calibration/epyc-2core/measurements.txt), which has only the mountbench
 * rows. A kit file must end with {@code == end}: one without it was cut short.
 *
 * @param header   the kit header's keys (kit-version, date, kernel, cpu-model,
 *                 online-cpus, mode, skipped); empty for plain mountbench output
 * @param topology one row per online CPU (cpu, core, package, node, llc, siblings)
 * @param mountbench the mountbench rows
 * @param rows     the other probes' rows by section name, each row its kind and keys
 */
public record ProbeResults(String source, Map<String, String> header, List<Map<String, String>> topology,
                           Measurements mountbench, Map<String, List<Row>> rows) {

    public static final String TITLE = "# mountsim probe kit";
    public static final String END = "== end";
    private static final String SECTION = "== probe ";
    /** "# skipped: NAME (reason)", one line per optional probe that was not built (its library is missing). */
    private static final String SKIPPED = "skipped";
    private static final String SKIPPED_SEPARATOR = " | ";

    /** One micro-probe row: {@code kind key=value ...}. */
    public record Row(String kind, Map<String, String> values, int line) {
        public Optional<Double> number(String key) {
            String v = values.get(key);
            if (v == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** The optional probes the run skipped, each "NAME (reason)", from the "# skipped:" header lines. */
    public List<String> skipped() {
        String v = header.get(SKIPPED);
        return v == null ? List.of() : List.of(v.split(java.util.regex.Pattern.quote(SKIPPED_SEPARATOR)));
    }

    public boolean isPlainMountbench() {
        return header.isEmpty();
    }

    /** The rows of one section of the given kind, in file order (empty if absent). */
    public List<Row> rows(String section, String kind) {
        return rows.getOrDefault(section, List.of()).stream().filter(r -> r.kind().equals(kind)).toList();
    }

    /** Several results files of one host as one: the first kit file's header, every file's rows. */
    public static ProbeResults combine(List<ProbeResults> files) {
        if (files.size() == 1) {
            return files.get(0);
        }
        ProbeResults kit = files.stream().filter(f -> !f.isPlainMountbench()).findFirst().orElse(files.get(0));
        List<MeasuredRun> runs = new ArrayList<>();
        List<MeasuredMountinfoRead> reads = new ArrayList<>();
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        for (ProbeResults f : files) {
            runs.addAll(f.mountbench().runs());
            reads.addAll(f.mountbench().mountinfoReads());
            f.rows().forEach((k, v) -> rows.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        String source = String.join(" + ", files.stream().map(ProbeResults::source).toList());
        return new ProbeResults(source, kit.header(), kit.topology(), new Measurements(List.copyOf(runs), List.copyOf(reads)),
                rows);
    }

    public static ProbeResults parse(String text, String source) {
        String[] lines = text.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length) {
            throw error(source, 1, "empty file; expected the output of `mountsim probe` or of mountbench.c");
        }
        String head = lines[first].strip();
        if (head.startsWith("threads=")) {
            Measurements m = Measurements.parse(text, source);
            return new ProbeResults(source, Map.of(), List.of(), m, Map.of());
        }
        if (!head.equals(TITLE)) {
            throw error(source, first + 1, "not a probe results file: expected '" + TITLE
                    + "' (from `mountsim probe`) or mountbench.c's 'threads=...' rows, found '" + abbreviate(head) + "'");
        }
        Map<String, String> header = new LinkedHashMap<>();
        List<Map<String, String>> topology = new ArrayList<>();
        // mountbench's lines at their own line numbers, the rest blank, so errors name the file's line
        StringBuilder mountbenchText = new StringBuilder("\n".repeat(first + 1));
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        String section = null;
        boolean ended = false;
        for (int i = first + 1; i < lines.length; i++) {
            String raw = lines[i];
            String line = raw.strip();
            int no = i + 1;
            boolean inMountbench = "mountbench".equals(section) && !line.startsWith("== ");
            mountbenchText.append(inMountbench ? raw : "").append('\n');
            if (line.isEmpty()) {
                continue;
            }
            if (ended) {
                throw error(source, no, "text after '" + END + "'");
            }
            if (line.equals(END)) {
                ended = true;
            } else if (line.startsWith(SECTION)) {
                section = line.substring(SECTION.length()).strip();
                if (rows.containsKey(section)) {
                    throw error(source, no, "section '" + section + "' appears twice");
                }
                rows.put(section, new ArrayList<>());
            } else if (section == null && line.startsWith("# ")) {
                String body = line.substring(2);
                int colon = body.indexOf(':');
                if (colon <= 0) {
                    throw error(source, no, "header line without 'key: value'");
                }
                String key = body.substring(0, colon).strip();
                String value = body.substring(colon + 1).strip();
                if (key.equals("topology")) {
                    topology.add(Measurements.fields(value, source, no));
                } else if (key.equals(SKIPPED) && header.containsKey(SKIPPED)) {
                    header.put(key, header.get(key) + SKIPPED_SEPARATOR + value);
                } else {
                    header.put(key, value);
                }
            } else if (section == null) {
                throw error(source, no, "a row before the first '== probe NAME' section");
            } else if (!section.equals("mountbench")) {
                int space = line.indexOf(' ');
                String kind = space < 0 ? line : line.substring(0, space);
                Map<String, String> values = space < 0 ? Map.of() : lenientKeyValues(line.substring(space + 1));
                if (kind.contains("=")) { // rows of the older probes: key=value only
                    values = lenientKeyValues(line);
                    kind = section;
                }
                rows.get(section).add(new Row(kind, values, no));
            }
        }
        if (!ended) {
            throw error(source, lines.length, "truncated: the file does not end with '" + END
                    + "' (the probe run was cut short or the disk filled); run `mountsim probe` again");
        }
        String version = header.get("kit-version");
        if (version == null) {
            throw error(source, first + 1, "no '# kit-version:' header line");
        }
        if (!version.equals("1")) {
            throw error(source, first + 1, "kit-version " + version + " is not known to this mountsim (it reads 1)");
        }
        if (!rows.containsKey("mountbench")) {
            throw error(source, lines.length, "no '== probe mountbench' section: the mount-path rows are missing");
        }
        Measurements m = Measurements.parse(mountbenchText.toString(), source);
        return new ProbeResults(source, header, topology, m, rows);
    }

    /** Rows may gain keys; a token that is not key=value is ignored (FORMAT.md: readers ignore what they do not know). */
    private static Map<String, String> lenientKeyValues(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String token : text.trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                out.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private static IllegalArgumentException error(String source, int line, String what) {
        return new IllegalArgumentException(source + ":" + line + ": " + what);
    }
}
