package io.mountsim.scenarios.trace;

import io.mountsim.models.kernel.SyscallKind;
import io.mountsim.models.workload.WorkloadSpec.TraceCall;
import io.mountsim.models.workload.WorkloadSpec.TraceThread;
import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.diag.Problems;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code strace -f -ttt -T} output of a container runtime's mount path into a
 * replayable trace. Understands {@code PID} and {@code [pid N]} prefixes, {@code -ttt}
 * (epoch seconds) and {@code -tt} (wall clock) timestamps, {@code <unfinished ...>} /
 * {@code <... NAME resumed>} pairs, signals, exits and strace's own messages.
 *
 * <p>Mapping (SyscallKind): open_tree, mount_setattr, move_mount; {@code mount(..., "overlay", ...)}
 * and the new API's {@code fsopen("overlay")} ... {@code fsmount} become OVERLAY_MOUNT;
 * {@code umount2(..., MNT_DETACH)} UMOUNT_DETACH, other umounts UMOUNT; {@code unshare(CLONE_NEWNS)}
 * UNSHARE; opening a {@code mountinfo} file MOUNTINFO_READ (libmount and systemd read the
 * whole file after each open). Every other line is skipped and counted. Timings inside the
 * trace are inflated by ptrace, so only the structure and the start offsets are kept.
 */
public final class StraceParser {
    private static final Pattern LINE = Pattern.compile(
            "^(?:\\[pid\\s+(\\d+)\\]|(\\d+))?\\s*(\\d+\\.\\d+|\\d{1,2}:\\d{2}:\\d{2}(?:\\.\\d+)?)\\s+(.*)$");
    private static final Pattern START = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\((.*)$");
    private static final Pattern RESUMED = Pattern.compile("^<\\.\\.\\. ([A-Za-z_][A-Za-z0-9_]*) resumed>(.*)$");
    private static final Pattern RESULT = Pattern.compile("^=\\s+\\S.*$");
    private static final String UNFINISHED = "<unfinished ...>";
    /** Beyond this many malformed lines, the rest are summarised in one count. */
    private static final int MAX_REPORTED = 20;

    private StraceParser() {
    }

    /**
     * @param text           the log
     * @param source         the file as the user named it (for messages)
     * @param fallbackLayers layer count to use for overlay mounts whose {@code lowerdir=}
     *                       strace truncated (its default {@code -s 32}), when the per-layer
     *                       move_mount count before the mount cannot tell it
     * @param problems       receives every malformed line, with its line number
     * @return the trace, or null when problems were found
     */
    public static ParsedTrace parse(String text, String source, OptionalInt fallbackLayers, Problems problems) {
        return new Run(source, fallbackLayers, problems).parse(text);
    }

    /** A call seen starting, finished when its result line arrives (or the log ends). */
    private static final class Pending {
        final String name;
        final StringBuilder args;
        final long startNs;
        final int line;
        int lines = 1;

        Pending(String name, String args, long startNs, int line) {
            this.name = name;
            this.args = new StringBuilder(args);
            this.startNs = startNs;
            this.line = line;
        }
    }

    /** A mapped call; {@code layers} is -1 until a truncated lowerdir is resolved. */
    private record Mapped(SyscallKind kind, int layers, long startNs, int line) {
    }

    private static final class Run {
        private final String source;
        private final OptionalInt fallbackLayers;
        private final Problems problems;
        private final Map<Integer, List<Pending>> callsByTid = new TreeMap<>();
        private final Map<Integer, Deque<Pending>> unfinishedByTid = new HashMap<>();
        private int skipped;
        private int malformed;

        Run(String source, OptionalInt fallbackLayers, Problems problems) {
            this.source = source;
            this.fallbackLayers = fallbackLayers;
            this.problems = problems;
        }

        ParsedTrace parse(String text) {
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                parseLine(lines[i], i + 1);
            }
            if (malformed > MAX_REPORTED) {
                problems.add(Location.of(source), "", (malformed - MAX_REPORTED) + " more malformed lines not shown");
            }
            if (malformed > 0) {
                return null;
            }
            return finish();
        }

        private void parseLine(String raw, int lineNo) {
            String line = raw.strip();
            if (line.isEmpty()) {
                return;
            }
            if (line.startsWith("strace: ")) {
                skipped++; // "strace: Process 123 attached" and the like
                return;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                malformed(lineNo, "expected '<pid> <seconds.microseconds> <call>(...) = <result> <duration>' "
                        + "(strace -f -ttt -T output)");
                return;
            }
            int tid = m.group(1) != null ? parseTid(m.group(1)) : m.group(2) != null ? parseTid(m.group(2)) : 0;
            long ts = timestampNs(m.group(3));
            String rest = m.group(4);
            if (tid < 0 || ts < 0) {
                malformed(lineNo, "the thread id or timestamp is out of range");
                return;
            }
            if (rest.startsWith("--- ") || rest.startsWith("+++ ")) {
                if (!(rest.endsWith(" ---") || rest.endsWith(" +++"))) {
                    malformed(lineNo, "a signal or exit line must end with '---' or '+++'");
                    return;
                }
                skipped++;
                return;
            }
            Matcher resumed = RESUMED.matcher(rest);
            if (resumed.matches()) {
                resume(tid, resumed.group(1), resumed.group(2), lineNo);
                return;
            }
            Matcher start = START.matcher(rest);
            if (!start.matches()) {
                malformed(lineNo, "expected a call such as 'open_tree(...) = 3 <0.000045>', a signal (--- ... ---) or an exit (+++ ... +++)");
                return;
            }
            String name = start.group(1);
            String after = start.group(2);
            if (after.endsWith(UNFINISHED)) {
                Pending p = new Pending(name, after.substring(0, after.length() - UNFINISHED.length()), ts, lineNo);
                unfinishedByTid.computeIfAbsent(tid, k -> new ArrayDeque<>()).push(p);
                callsByTid.computeIfAbsent(tid, k -> new ArrayList<>()).add(p);
                return;
            }
            int close = after.lastIndexOf(") = ");
            if (close < 0 && after.endsWith("= ?")) {
                close = after.lastIndexOf(") = ?");
            }
            if (close < 0 || !RESULT.matcher(after.substring(close + 2)).matches()) {
                malformed(lineNo, "the call has no ') = <result>' and is not '<unfinished ...>'");
                return;
            }
            callsByTid.computeIfAbsent(tid, k -> new ArrayList<>()).add(new Pending(name, after.substring(0, close), ts, lineNo));
        }

        private void resume(int tid, String name, String rest, int lineNo) {
            Deque<Pending> open = unfinishedByTid.get(tid);
            Pending match = null;
            if (open != null) {
                for (Pending p : open) {
                    if (p.name.equals(name)) {
                        match = p;
                        break;
                    }
                }
            }
            if (rest.lastIndexOf(") = ") < 0 && !rest.contains("= ?")) {
                malformed(lineNo, "a resumed call must end with ') = <result>'");
                return;
            }
            if (match == null) {
                skipped++; // began before strace attached
                return;
            }
            open.remove(match);
            match.lines++;
            int close = rest.lastIndexOf(") = ");
            match.args.append(close >= 0 ? rest.substring(0, close) : rest);
        }

        private void malformed(int lineNo, String expected) {
            malformed++;
            if (malformed <= MAX_REPORTED) {
                problems.add(new Location(source, lineNo, 1), "", expected);
            }
        }

        private ParsedTrace finish() {
            long first = Long.MAX_VALUE;
            Map<Integer, List<Mapped>> mappedByTid = new TreeMap<>();
            for (Map.Entry<Integer, List<Pending>> e : callsByTid.entrySet()) {
                List<Mapped> mapped = new ArrayList<>();
                Map<String, Integer> newApiLayers = new HashMap<>();
                for (Pending p : e.getValue()) {
                    Mapped c = classify(p, newApiLayers);
                    if (c == null) {
                        skipped += p.lines;
                        continue;
                    }
                    mapped.add(c);
                    first = Math.min(first, c.startNs());
                }
                if (!mapped.isEmpty()) {
                    mappedByTid.put(e.getKey(), mapped);
                }
            }
            List<TraceThread> threads = new ArrayList<>();
            int truncatedUnresolved = 0;
            int firstUnresolvedLine = 0;
            for (Map.Entry<Integer, List<Mapped>> e : mappedByTid.entrySet()) {
                List<TraceCall> calls = new ArrayList<>();
                int moveMountsSinceOverlay = 0;
                for (Mapped c : e.getValue()) {
                    int layers = c.layers();
                    if (c.kind() == SyscallKind.MOVE_MOUNT) {
                        moveMountsSinceOverlay++;
                    }
                    if (c.kind() == SyscallKind.OVERLAY_MOUNT) {
                        if (layers < 0) {
                            layers = resolveTruncated(moveMountsSinceOverlay);
                            if (layers < 0) {
                                truncatedUnresolved++;
                                firstUnresolvedLine = firstUnresolvedLine == 0 ? c.line() : firstUnresolvedLine;
                                layers = 1;
                            }
                        }
                        moveMountsSinceOverlay = 0;
                    }
                    calls.add(new TraceCall(c.kind(), Math.max(0, layers), c.startNs() - first));
                }
                threads.add(new TraceThread(e.getKey(), calls));
            }
            if (truncatedUnresolved > 0) {
                problems.add(new Location(source, firstUnresolvedLine, 1), "",
                        "the overlay mount's lowerdir= is cut short by strace (default -s 32) so its layers cannot be counted"
                                + (truncatedUnresolved > 1 ? " (" + truncatedUnresolved + " mounts)" : "")
                                + "; record with 'strace -s 65536' or set workload.layers in the scenario");
                return null;
            }
            if (threads.isEmpty()) {
                problems.add(Location.of(source), "", "no mount-path calls found (open_tree, mount_setattr, move_mount, "
                        + "overlay mount, umount2, unshare(CLONE_NEWNS), mountinfo reads); is this an 'strace -f -ttt -T' log of a container runtime?");
                return null;
            }
            return new ParsedTrace(source, threads, skipped);
        }

        /**
         * Per-layer idmapping leaves one move_mount per layer before the overlay mount
         * (containerd before 2.2); one move_mount is ambiguous (a common parent, or one layer).
         */
        private int resolveTruncated(int moveMountsSinceOverlay) {
            if (fallbackLayers.isPresent()) {
                return fallbackLayers.getAsInt();
            }
            return moveMountsSinceOverlay >= 2 ? moveMountsSinceOverlay : -1;
        }

        private Mapped classify(Pending p, Map<String, Integer> newApiLayers) {
            String args = p.args.toString();
            switch (p.name) {
                case "open_tree":
                    return new Mapped(SyscallKind.OPEN_TREE, 0, p.startNs, p.line);
                case "mount_setattr":
                    return new Mapped(SyscallKind.MOUNT_SETATTR, 0, p.startNs, p.line);
                case "move_mount":
                    return new Mapped(SyscallKind.MOVE_MOUNT, 0, p.startNs, p.line);
                case "umount2":
                    return new Mapped(args.contains("MNT_DETACH") ? SyscallKind.UMOUNT_DETACH : SyscallKind.UMOUNT, 0, p.startNs, p.line);
                case "umount":
                    return new Mapped(SyscallKind.UMOUNT, 0, p.startNs, p.line);
                case "unshare":
                    return args.contains("CLONE_NEWNS") ? new Mapped(SyscallKind.UNSHARE, 0, p.startNs, p.line) : null;
                case "open", "openat", "openat2":
                    return args.contains("mountinfo\"") ? new Mapped(SyscallKind.MOUNTINFO_READ, 0, p.startNs, p.line) : null;
                case "mount":
                    return overlayMount(p, StraceArgs.split(args));
                case "fsopen":
                    if (args.startsWith("\"overlay\"")) {
                        newApiLayers.put("overlay", 0);
                    }
                    return null;
                case "fsconfig":
                    if (newApiLayers.containsKey("overlay") && args.contains("\"lowerdir+\"")) {
                        newApiLayers.merge("overlay", 1, Integer::sum);
                    }
                    return null;
                case "fsmount":
                    Integer layers = newApiLayers.remove("overlay");
                    return layers == null ? null : new Mapped(SyscallKind.OVERLAY_MOUNT, Math.max(1, layers), p.startNs, p.line);
                default:
                    return null;
            }
        }

        private Mapped overlayMount(Pending p, List<String> args) {
            if (args.size() < 3) {
                return null;
            }
            StraceArgs.QuotedString fstype = StraceArgs.quoted(args.get(2));
            if (fstype == null || !fstype.content().equals("overlay")) {
                return null;
            }
            StraceArgs.QuotedString data = args.size() >= 5 ? StraceArgs.quoted(args.get(4)) : null;
            return new Mapped(SyscallKind.OVERLAY_MOUNT, data == null ? -1 : lowerdirCount(data), p.startNs, p.line);
        }

        /** Layers = ':'-separated lowerdir entries; -1 when strace cut the lowerdir short. */
        private static int lowerdirCount(StraceArgs.QuotedString data) {
            String[] options = data.content().split(",", -1);
            for (int i = 0; i < options.length; i++) {
                if (options[i].startsWith("lowerdir=")) {
                    boolean cut = data.truncated() && i == options.length - 1;
                    if (cut) {
                        return -1;
                    }
                    String dirs = options[i].substring("lowerdir=".length());
                    int n = 0;
                    for (String d : dirs.split("(?<!\\\\):", -1)) {
                        if (!d.isEmpty()) {
                            n++;
                        }
                    }
                    return Math.max(1, n);
                }
            }
            return -1;
        }

        private static int parseTid(String s) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        /** -ttt "1795790817.269646" or -tt "14:03:07.123456", as nanoseconds. */
        private static long timestampNs(String ts) {
            try {
                int dot = ts.indexOf('.');
                String whole = dot < 0 ? ts : ts.substring(0, dot);
                String frac = dot < 0 ? "" : ts.substring(dot + 1);
                if (frac.length() > 9) {
                    frac = frac.substring(0, 9);
                }
                long fracNs = frac.isEmpty() ? 0 : Long.parseLong((frac + "000000000").substring(0, 9));
                long seconds;
                if (whole.contains(":")) {
                    String[] hms = whole.split(":");
                    seconds = Long.parseLong(hms[0]) * 3600 + Long.parseLong(hms[1]) * 60 + Long.parseLong(hms[2]);
                } else {
                    if (whole.length() > 12) {
                        return -1;
                    }
                    seconds = Long.parseLong(whole);
                }
                return seconds * 1_000_000_000L + fracNs;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
