package io.mountsim.scenarios.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * kit.txt: "kit-version N" and one "probe NAME private|none [BUILD...] FULL-ARGS | QUICK-ARGS"
 * line per probe ("-" = not run in that mode; "#" starts a comment). BUILD words, right
 * after the mount namespace: {@code optional}, {@code cc=W,W} (extra compiler/linker words),
 * {@code pkg-config=NAME} (that package's --cflags --libs). Parsed strictly, since a
 * mistake here would silently drop a probe from every results file.
 */
public record KitManifest(int version, List<KitProbe> probes) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** A compiler word: an option or a path, nothing a shell would read (the words go to exec, never to a shell). */
    private static final Pattern CC_WORD = Pattern.compile("-[A-Za-z0-9_./=+-]+");
    private static final Pattern PKG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]*");
    private static final String OPTIONAL = "optional";
    private static final String CC = "cc=";
    private static final String PKG_CONFIG = "pkg-config=";

    public KitManifest {
        probes = List.copyOf(probes);
    }

    public static KitManifest parse(String text, String source) {
        Integer version = null;
        List<KitProbe> probes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceAll("#.*", "").strip();
            String where = source + ":" + (i + 1) + ": ";
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words[0].equals("kit-version") && words.length == 2 && words[1].matches("[1-9][0-9]{0,5}")) {
                version = Integer.parseInt(words[1]);
            } else if (words[0].equals("probe")) {
                KitProbe p = probe(line, where);
                if (!names.add(p.name())) {
                    throw new IllegalArgumentException(where + "probe " + p.name() + " is listed twice");
                }
                probes.add(p);
            } else {
                throw new IllegalArgumentException(where + "expected \"kit-version N\" or \"probe NAME private|none [optional] [cc=W,W] [pkg-config=NAME] FULL-ARGS | QUICK-ARGS\"");
            }
        }
        if (version == null) {
            throw new IllegalArgumentException(source + ": no kit-version line");
        }
        if (probes.isEmpty()) {
            throw new IllegalArgumentException(source + ": no probe line");
        }
        return new KitManifest(version, probes);
    }

    private static KitProbe probe(String line, String where) {
        int bar = line.indexOf('|');
        if (bar < 0 || line.indexOf('|', bar + 1) >= 0) {
            throw new IllegalArgumentException(where + "a probe line has one '|' between the full and the quick arguments");
        }
        String[] head = line.substring(0, bar).strip().split("\\s+");
        if (head.length < 4) {
            throw new IllegalArgumentException(where + "expected probe NAME private|none FULL-ARGS | QUICK-ARGS");
        }
        if (!NAME.matcher(head[1]).matches()) {
            throw new IllegalArgumentException(where + "probe name " + head[1] + " must be lower-case letters, digits and '-'");
        }
        if (!head[2].equals("private") && !head[2].equals("none")) {
            throw new IllegalArgumentException(where + "mount namespace must be private or none, not " + head[2]);
        }
        int at = 3;
        boolean optional = false;
        List<String> ccFlags = new ArrayList<>();
        Optional<String> pkg = Optional.empty();
        for (; at < head.length; at++) {
            String w = head[at];
            if (w.equals(OPTIONAL) && !optional) {
                optional = true;
            } else if (w.startsWith(CC) && ccFlags.isEmpty()) {
                for (String flag : w.substring(CC.length()).split(",", -1)) {
                    if (!CC_WORD.matcher(flag).matches()) {
                        throw new IllegalArgumentException(where + "cc= takes comma-separated compiler options such as "
                                + "cc=-lrt,-DX=1, not \"" + flag + "\"");
                    }
                    ccFlags.add(flag);
                }
            } else if (w.startsWith(PKG_CONFIG) && pkg.isEmpty()) {
                String name = w.substring(PKG_CONFIG.length());
                if (!PKG.matcher(name).matches()) {
                    throw new IllegalArgumentException(where + "pkg-config= takes one pkg-config package name such as "
                            + "pkg-config=mount, not \"" + name + "\"");
                }
                pkg = Optional.of(name);
            } else if (w.equals(OPTIONAL) || w.startsWith(CC) || w.startsWith(PKG_CONFIG)) {
                throw new IllegalArgumentException(where + w.replaceAll("=.*", "=") + " is given twice");
            } else {
                break;
            }
        }
        if (at == head.length) {
            throw new IllegalArgumentException(where + "no full arguments before '|' (write - to skip the probe in the full run)");
        }
        List<String> full = Arrays.asList(head).subList(at, head.length);
        String quickText = line.substring(bar + 1).strip();
        if (quickText.isEmpty()) {
            throw new IllegalArgumentException(where + "no quick arguments after '|' (write - to skip the probe in --quick)");
        }
        return new KitProbe(head[1], head[2].equals("private"), new KitProbe.Build(ccFlags, pkg, optional), args(full),
                args(List.of(quickText.split("\\s+"))));
    }

    private static Optional<List<String>> args(List<String> words) {
        return words.equals(List.of("-")) ? Optional.empty() : Optional.of(words);
    }
}
