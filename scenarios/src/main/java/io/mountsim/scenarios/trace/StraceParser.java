package io.mountsim.scenarios.trace;

import io.mountsim.models.kernel.SyscallKind;
import io.mountsim.models.workload.WorkloadSpec.TraceCall;
import io.mountsim.models.workload.WorkloadSpec.TraceThread;
import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.diag.Problems;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    /**
     * The longest line read: {@code strace -s 65536} prints at most 64 KiB per string
     * argument (and mount(2) has five); a longer line is not strace output.
     */
    static final int MAX_LINE_BYTES = 1 << 20;
    /**
     * The most mount-path calls a trace may have: about 4 per layer per start, so 10,000
     * starts of 50 layers; replaying more is not a trace of one node's start storm.
     */
    static final int MAX_CALLS = 2_000_000;
    /**
     * The largest step between consecutive timestamps: a runtime's mount path takes
     * seconds to minutes (the shipped traces span under a second), so a day between two
     * lines means a corrupted or mixed timestamp (issue 14: one 12-digit timestamp gave
     * startsPerSecond 1.92e-09).
     */
    static final long MAX_STEP_NS = 86_400L * 1_000_000_000L;

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
        try {
            return parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), source, fallbackLayers, problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on an array
        }
    }

    /**
     * Parses a log as a stream: memory grows with the mount-path calls kept (at most
     * {@value #MAX_CALLS}), not with the log's size, so a 2 GB log of a whole node's
     * syscalls validates in a small heap. Other calls are classified and dropped as soon
     * as they complete.
     */
    public static ParsedTrace parse(InputStream log, String source, OptionalInt fallbackLayers, Problems problems)
            throws IOException {
        return new Run(source, fallbackLayers, problems).parse(new BoundedLines(log, MAX_LINE_BYTES));
    }

    /** A call seen starting, finished when its result line arrives (or the log ends). */
    private static final class Pending {
        final int tid;
        final String name;
        final StringBuilder args;
        final long startNs;
        final int line;
        int lines = 1;

        Pending(int tid, String name, String args, long startNs, int line) {
            this.tid = tid;
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
        private final Map<Integer, List<Mapped>> mappedByTid = new TreeMap<>();
        private final Map<Integer, Map<String, Integer>> newApiLayersByTid = new HashMap<>();
        private final Map<Integer, Deque<Pending>> unfinishedByTid = new HashMap<>();
        private int skipped;
        private int malformed;
        private int mappedCalls;
        private long previousNs = -1;
        private int previousLine;
        private long first = Long.MAX_VALUE;
        private long earliestNs;
        private long latestNs;
        private boolean wallClock;
        private long dayOffsetNs;

        Run(String source, OptionalInt fallbackLayers, Problems problems) {
            this.source = source;
            this.fallbackLayers = fallbackLayers;
            this.problems = problems;
        }

        ParsedTrace parse(BoundedLines lines) throws IOException {
            int lineNo = 0;
            for (BoundedLines.Line l = lines.next(); l != null; l = lines.next()) {
                lineNo++;
                if (l.tooLong()) {
                    malformed(lineNo, "a line longer than " + MAX_LINE_BYTES + " bytes; strace output has at most "
                            + "64 KiB per string argument (-s 65536)");
                    continue;
                }
                parseLine(l.text(), lineNo);
                if (mappedCalls > MAX_CALLS) {
                    problems.add(new Location(source, lineNo, 1), "", "more than " + MAX_CALLS + " mount-path calls; "
                            + "cut the log to the start storm to replay");
                    return null;
                }
            }
            for (Deque<Pending> open : unfinishedByTid.values()) {
                for (Pending p : open) {
                    complete(p); // never resumed (the process was killed, or strace detached)
                }
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
                malformed(lineNo, tid < 0 ? "the thread id " + (m.group(1) != null ? m.group(1) : m.group(2)) + " is out of range"
                        : "the timestamp " + m.group(3) + " is out of range (expected epoch seconds such as 1795790817.269646)");
                return;
            }
            ts = checkedTime(m.group(3), ts, lineNo);
            if (ts < 0) {
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
                Pending p = new Pending(tid, name, after.substring(0, after.length() - UNFINISHED.length()), ts, lineNo);
                unfinishedByTid.computeIfAbsent(tid, k -> new ArrayDeque<>()).push(p);
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
            complete(new Pending(tid, name, after.substring(0, close), ts, lineNo));
        }

        /**
         * Classifies a finished call at once and keeps it only if it is on the mount path.
         * A thread's calls finish in the order they started (a thread makes one syscall at a
         * time), so the per-thread state of the new mount API sees them in order.
         */
        private void complete(Pending p) {
            Mapped c = classify(p, newApiLayersByTid.computeIfAbsent(p.tid, k -> new HashMap<>()));
            if (c == null) {
                skipped += p.lines;
                return;
            }
            mappedByTid.computeIfAbsent(p.tid, k -> new ArrayList<>()).add(c);
            mappedCalls++;
            first = Math.min(first, c.startNs());
        }

        /**
         * The timestamp, or -1 after reporting it: a step of more than a day from the
         * previous line (forwards, or backwards beyond the log's span so far plus a
         * second), which no strace of a start storm has. A -tt wall clock passing midnight
         * continues on the next day.
         */
        private long checkedTime(String written, long ts, int lineNo) {
            if (written.contains(":")) {
                wallClock = true;
                if (previousNs >= 0 && ts + dayOffsetNs < previousNs - MAX_STEP_NS / 2) {
                    dayOffsetNs += MAX_STEP_NS;
                }
                ts += dayOffsetNs;
            } else if (wallClock) {
                malformed(lineNo, "an epoch timestamp (-ttt) in a log of wall-clock ones (-tt); record with one format");
                return -1;
            }
            if (previousNs >= 0) {
                long span = latestNs - earliestNs;
                if (ts - previousNs > MAX_STEP_NS) {
                    malformed(lineNo, String.format(java.util.Locale.ROOT, "timestamp %s is %.3g s after line %d's; "
                            + "a corrupted timestamp (a start storm's log spans seconds to minutes)", written,
                            (ts - previousNs) / 1e9, previousLine));
                    return -1;
                }
                if (previousNs - ts > Math.min(MAX_STEP_NS, span + 1_000_000_000L)) {
                    malformed(lineNo, String.format(java.util.Locale.ROOT, "timestamp %s is %.3g s before line %d's, more "
                            + "than the log's span so far; a corrupted timestamp or two logs joined", written,
                            (previousNs - ts) / 1e9, previousLine));
                    return -1;
                }
            }
            earliestNs = previousNs < 0 ? ts : Math.min(earliestNs, ts);
            latestNs = previousNs < 0 ? ts : Math.max(latestNs, ts);
            previousNs = ts;
            previousLine = lineNo;
            return ts;
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
            complete(match);
        }

        private void malformed(int lineNo, String expected) {
            malformed++;
            if (malformed <= MAX_REPORTED) {
                problems.add(new Location(source, lineNo, 1), "", expected);
            }
        }

        private ParsedTrace finish() {
            // never-resumed calls were completed last; put every thread's calls back in line order
            mappedByTid.values().forEach(l -> l.sort(java.util.Comparator.comparingInt(Mapped::line)));
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
                    if (seconds > Long.MAX_VALUE / 1_000_000_000L) {
                        return -1; // past the year 2262 in nanoseconds: not a clock reading
                    }
                }
                return seconds * 1_000_000_000L + fracNs;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
