package io.mountsim.reports.data;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.ScenarioDescription;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The questions scenarios/VALIDATION.md marks as not reproduced, read from the one list
 * {@code unreproduced-questions.csv} beside this class, and which of them a run asks: a
 * run asks about a key when it sweeps it, or when compared scenarios differ there.
 */
public final class UnreproducedQuestions {

    /** Where people read the verdicts, relative to the repository root. */
    public static final String VALIDATION_PATH = "scenarios/VALIDATION.md";

    /** The section of VALIDATION.md that explains every miss (GitHub's anchor for its heading). */
    public static final String VALIDATION_ANCHOR = "where-mountsim-misses-and-why";

    static final String RESOURCE = "/io/mountsim/reports/unreproduced-questions.csv";

    /**
     * Which node a miss applies to. VALIDATION.md's findings run on the study's busy node
     * (containers already running, so every start copies and re-reads a table of their
     * mounts); some misses are of that node only (finding 8 holds, 22-28x, on an idle one).
     * A run is busy when it (or one of its compared scenarios, or one of its swept values)
     * has {@code node.runningContainers} above 0.
     */
    public enum NodeCondition {
        ANY, BUSY, IDLE;

        static NodeCondition parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(RESOURCE + ": node must be any, busy or idle, got '" + text + "'");
            }
        }
    }

    /**
     * @param key      a scenario key path; matches itself and every key below it
     * @param findings the VALIDATION.md finding numbers ("5", "3,4")
     * @param node     the node the miss applies to
     * @param question the question in words
     * @param mountsim what mountsim gives instead, and why
     */
    public record Question(String key, String findings, NodeCondition node, String question, String mountsim) {
        boolean matches(String varied) {
            return varied.equals(key) || varied.startsWith(key + ".");
        }

        boolean appliesTo(Set<NodeCondition> nodes) {
            return node == NodeCondition.ANY || nodes.contains(node);
        }
    }

    /** The scenario key that makes a node busy ({@link NodeCondition}). */
    static final String RUNNING_CONTAINERS = "node.runningContainers";

    private static final List<Question> ALL = load();

    private UnreproducedQuestions() {
    }

    public static List<Question> all() {
        return ALL;
    }

    /** The questions {@code r} asks, once each (two keys naming the same findings count once). */
    public static List<Question> askedBy(ExperimentResult r) {
        Set<String> varied = variedKeys(r);
        Set<NodeCondition> nodes = nodeConditions(r);
        Map<String, Question> byFindings = new LinkedHashMap<>();
        for (Question q : ALL) {
            if (q.appliesTo(nodes) && varied.stream().anyMatch(q::matches)) {
                byFindings.putIfAbsent(q.findings(), q);
            }
        }
        return List.copyOf(byFindings.values());
    }

    /** Busy, idle or both: the nodes {@code r}'s scenario, compared scenarios and swept values run on. */
    static Set<NodeCondition> nodeConditions(ExperimentResult r) {
        Set<NodeCondition> out = java.util.EnumSet.noneOf(NodeCondition.class);
        for (ScenarioDescription s : r.run().scenarios()) {
            out.add(isBusy(s.setting(RUNNING_CONTAINERS).orElse(null)) ? NodeCondition.BUSY : NodeCondition.IDLE);
        }
        for (var p : r.points()) {
            Object swept = p.parameters().get(RUNNING_CONTAINERS);
            if (swept != null) {
                out.add(isBusy(String.valueOf(swept)) ? NodeCondition.BUSY : NodeCondition.IDLE);
            }
        }
        return out;
    }

    private static boolean isBusy(String runningContainers) {
        if (runningContainers == null) {
            return false;
        }
        try {
            return Double.parseDouble(runningContainers) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Swept keys, or for a comparison the keys whose values differ between the scenarios. */
    static Set<String> variedKeys(ExperimentResult r) {
        if (!r.comparison()) {
            return new LinkedHashSet<>(r.sweptKeys());
        }
        Set<String> varied = new LinkedHashSet<>();
        for (String k : Settings.differing(r.run().scenarios())) {
            if (!k.equals("name") && !k.equals("description") && !k.endsWith(".source")) {
                varied.add(k);
            }
        }
        return varied;
    }

    private static List<Question> load() {
        CSVFormat format = CSVFormat.RFC4180.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).get();
        try (InputStream in = UnreproducedQuestions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the jar");
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            List<Question> out = new ArrayList<>();
            for (CSVRecord rec : format.parse(reader)) {
                out.add(new Question(rec.get("key"), rec.get("findings"), NodeCondition.parse(rec.get("node")),
                        rec.get("question"), rec.get("mountsim")));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
