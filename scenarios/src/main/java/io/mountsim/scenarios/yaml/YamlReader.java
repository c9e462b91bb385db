package io.mountsim.scenarios.yaml;

import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.diag.Problem;
import io.mountsim.scenarios.diag.Problems;
import java.io.StringReader;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.DumperOptions;

/**
 * Reads YAML text into a {@link YamlValue} tree with SnakeYAML's node API (compose, not
 * construct), so every value keeps its line and column. Malformed YAML, duplicate keys,
 * non-string keys and alias cycles become {@link Problem}s, never exceptions.
 */
public final class YamlReader {
    /** Deeper than any scenario needs; guards against alias cycles ({@code &a [*a]}). */
    private static final int MAX_DEPTH = 64;
    /**
     * The longest value (a description, a name, a path): far beyond any real one, small
     * enough that the value costs nothing to carry into summary.json and the report.
     */
    public static final int MAX_VALUE_CHARS = 64 * 1024;
    /** The longest key: the longest schema key is under 40; did-you-mean costs length squared. */
    static final int MAX_KEY_CHARS = 200;

    private YamlReader() {
    }

    /** Parses one YAML document; throws {@link InvalidInputException} listing every problem. */
    public static YamlValue read(String text, String source) {
        Problems problems = new Problems();
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported by us with both lines, below
            options.setMaxAliasesForCollections(50);
            options.setAllowRecursiveKeys(false);
            options.setCodePointLimit(2 * 1024 * 1024); // above the 1 MiB file limit the loader enforces
            Yaml yaml = new Yaml(options);
            Iterable<Node> documents = yaml.composeAll(new StringReader(text));
            java.util.Iterator<Node> it = documents.iterator();
            root = it.hasNext() ? it.next() : null;
            if (root != null && it.hasNext()) {
                Node second = it.next();
                throw InvalidInputException.of(locate(source, second == null ? null : second.getStartMark()), "",
                        "a scenario file holds one YAML document; remove the second '---' document");
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location at = mark == null ? Location.of(source)
                    : new Location(source, mark.getLine() + 1, mark.getColumn() + 1);
            String what = e.getProblem() != null ? e.getProblem() : "syntax error";
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            throw InvalidInputException.of(new Location(at.source(), at.line(), at.column()), "",
                    "malformed YAML at column " + at.column() + ": " + what + context);
        } catch (YAMLException e) {
            throw InvalidInputException.of(Location.of(source), "", "malformed YAML: " + firstLine(e.getMessage()));
        }
        if (root == null) {
            throw InvalidInputException.of(new Location(source, 1, 1), "", "the file is empty; expected a scenario mapping");
        }
        YamlValue value = convert(root, source, "", problems, new IdentityHashMap<>(), 0);
        problems.throwIfAny();
        return value;
    }

    /** Parses a {@code --set} value as a YAML scalar or flow collection. */
    public static YamlValue readValue(String text, String source) {
        try {
            YamlValue v = read(text.isEmpty() ? "''" : text, source);
            return relocate(v, Location.of(source));
        } catch (InvalidInputException e) {
            throw InvalidInputException.of(Location.of(source), "",
                    "the value is not valid YAML (" + stripLocation(e.problems().get(0)) + ")");
        }
    }

    private static String stripLocation(Problem p) {
        return p.message();
    }

    /** Command-line values have no line of their own: point every part at the argument. */
    private static YamlValue relocate(YamlValue v, Location at) {
        if (v instanceof YamlValue.Scalar s) {
            return new YamlValue.Scalar(s.text(), s.isNull(), s.quoted(), at);
        }
        if (v instanceof YamlValue.Sequence q) {
            return new YamlValue.Sequence(q.items().stream().map(i -> relocate(i, at)).toList(), at);
        }
        YamlValue.Mapping m = (YamlValue.Mapping) v;
        LinkedHashMap<String, YamlValue.Entry> entries = new LinkedHashMap<>();
        m.entries().forEach((k, e) -> entries.put(k, new YamlValue.Entry(k, at, relocate(e.value(), at))));
        return new YamlValue.Mapping(entries, at);
    }

    private static YamlValue convert(Node node, String source, String path, Problems problems,
                                     IdentityHashMap<Node, Boolean> onPath, int depth) {
        Location at = locate(source, node.getStartMark());
        if (depth > MAX_DEPTH || onPath.containsKey(node)) {
            problems.add(at, path, "the structure refers to itself (an alias cycle) or nests too deeply");
            return new YamlValue.Scalar("", true, false, at);
        }
        if (node instanceof ScalarNode s) {
            boolean isNull = Tag.NULL.equals(s.getTag());
            boolean quoted = s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN;
            if (s.getValue().length() > MAX_VALUE_CHARS) {
                problems.add(at, path, "a value of " + s.getValue().length() + " characters; values may have at most "
                        + MAX_VALUE_CHARS + " (64 KiB)");
                return new YamlValue.Scalar("", true, false, at);
            }
            return new YamlValue.Scalar(isNull ? "" : s.getValue(), isNull, quoted, at);
        }
        onPath.put(node, Boolean.TRUE);
        try {
            if (node instanceof SequenceNode q) {
                List<YamlValue> items = new java.util.ArrayList<>();
                int i = 0;
                for (Node item : q.getValue()) {
                    items.add(convert(item, source, path + "[" + i++ + "]", problems, onPath, depth + 1));
                }
                return new YamlValue.Sequence(items, at);
            }
            MappingNode m = (MappingNode) node;
            LinkedHashMap<String, YamlValue.Entry> entries = new LinkedHashMap<>();
            LinkedHashMap<String, YamlValue.Entry> merged = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                Node keyNode = t.getKeyNode();
                Location keyAt = locate(source, keyNode.getStartMark());
                if (keyNode instanceof ScalarNode ks && Tag.MERGE.equals(ks.getTag())) {
                    mergeInto(merged, convert(t.getValueNode(), source, path, problems, onPath, depth + 1), path, problems);
                    continue;
                }
                if (!(keyNode instanceof ScalarNode ks) || Tag.NULL.equals(ks.getTag())) {
                    problems.add(keyAt, path, "a key must be a plain name, not a list, mapping or null");
                    continue;
                }
                String key = ks.getValue();
                if (key.length() > MAX_KEY_CHARS) {
                    problems.add(keyAt, path, "a key of " + key.length() + " characters; keys are names of at most "
                            + MAX_KEY_CHARS + " characters");
                    continue;
                }
                String childPath = path.isEmpty() ? key : path + "." + key;
                YamlValue value = convert(t.getValueNode(), source, childPath, problems, onPath, depth + 1);
                YamlValue.Entry previous = entries.get(key);
                if (previous != null) {
                    problems.add(keyAt, childPath, "duplicate key (first written at line "
                            + previous.keyLocation().line() + ")");
                    continue;
                }
                entries.put(key, new YamlValue.Entry(key, keyAt, value));
            }
            // YAML merge keys: explicit keys win over merged ones
            merged.forEach(entries::putIfAbsent);
            return new YamlValue.Mapping(entries, at);
        } finally {
            onPath.remove(node);
        }
    }

    private static void mergeInto(Map<String, YamlValue.Entry> merged, YamlValue source, String path, Problems problems) {
        if (source instanceof YamlValue.Mapping m) {
            m.entries().forEach(merged::putIfAbsent);
        } else if (source instanceof YamlValue.Sequence q) {
            q.items().forEach(i -> mergeInto(merged, i, path, problems));
        } else {
            problems.add(source.location(), path, "a merge key (<<) needs a mapping or a list of mappings");
        }
    }

    private static Location locate(String source, Mark mark) {
        return mark == null ? Location.of(source) : new Location(source, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable input";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
