package io.mountsim.scenarios.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.kernel.SyscallKind;
import io.mountsim.models.workload.WorkloadSpec.TraceCall;
import io.mountsim.models.workload.WorkloadSpec.TraceThread;
import io.mountsim.scenarios.diag.Problem;
import io.mountsim.scenarios.diag.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class StraceParserTest {
    private static final Path TRACES = Path.of("examples", "traces");

    private static ParsedTrace parse(String text, OptionalInt fallback, Problems problems) {
        return StraceParser.parse(text, "t.strace", fallback, problems);
    }

    private static Map<SyscallKind, Integer> counts(TraceThread t) {
        Map<SyscallKind, Integer> m = new EnumMap<>(SyscallKind.class);
        t.calls().forEach(c -> m.merge(c.kind(), 1, Integer::sum));
        return m;
    }

    @Test
    void perLayerTraceHasFourThreadsOfThreeTwentyLayerStarts() throws IOException {
        Problems problems = new Problems();
        ParsedTrace t = parse(Files.readString(TRACES.resolve("per-layer-4threads-20layers.strace")), OptionalInt.empty(), problems);
        assertTrue(problems.isEmpty(), problems.list().toString());
        assertEquals(List.of(5783, 5784, 5785, 5786), t.threads().stream().map(TraceThread::tid).toList());
        for (TraceThread thread : t.threads()) {
            assertEquals(Map.of(SyscallKind.OPEN_TREE, 60, SyscallKind.MOUNT_SETATTR, 60, SyscallKind.MOVE_MOUNT, 60,
                    SyscallKind.OVERLAY_MOUNT, 3, SyscallKind.UMOUNT_DETACH, 60), counts(thread));
            // the lowerdir is truncated by strace; 20 move_mounts before each overlay mount tell the layer count
            thread.calls().stream().filter(c -> c.kind() == SyscallKind.OVERLAY_MOUNT).forEach(c -> assertEquals(20, c.layers()));
            long previous = -1;
            for (TraceCall c : thread.calls()) {
                assertTrue(c.startOffsetNs() >= previous, "calls of a thread are in time order");
                previous = c.startOffsetNs();
            }
        }
        // the first mapped call (5783's open_tree at .323383) is the origin
        assertEquals(0, t.threads().get(0).calls().get(0).startOffsetNs());
        // 5784's first open_tree is at .323805: 422 us later
        assertEquals(422_000, t.threads().get(1).calls().get(0).startOffsetNs());
        // skipped: the tmpfs mount, one SIGCHLD and six exit lines
        assertEquals(8, t.skippedLines());
    }

    @Test
    void commonParentTraceNeedsTheLayerCountStraceCutOff() throws IOException {
        String text = Files.readString(TRACES.resolve("common-parent-4threads-20layers.strace"));
        Problems without = new Problems();
        assertNull(parse(text, OptionalInt.empty(), without));
        Problem p = without.list().get(0);
        assertEquals(11, p.location().line(), "the first truncated overlay mount");
        assertTrue(p.message().contains("strace -s 65536"), p.message());

        Problems problems = new Problems();
        ParsedTrace t = parse(text, OptionalInt.of(20), problems);
        assertTrue(problems.isEmpty(), problems.list().toString());
        assertEquals(4, t.threads().size());
        for (TraceThread thread : t.threads()) {
            assertEquals(Map.of(SyscallKind.OPEN_TREE, 3, SyscallKind.MOUNT_SETATTR, 3, SyscallKind.MOVE_MOUNT, 3,
                    SyscallKind.OVERLAY_MOUNT, 3, SyscallKind.UMOUNT_DETACH, 3), counts(thread));
            thread.calls().stream().filter(c -> c.kind() == SyscallKind.OVERLAY_MOUNT).forEach(c -> assertEquals(20, c.layers()));
        }
        assertEquals(8, t.skippedLines());
    }

    @Test
    void completeLowerdirsAreCountedAndOtherCallsMapped() {
        String text = String.join("\n",
                "[pid   10] 100.000000 unshare(CLONE_NEWNS) = 0 <0.000010>",
                "[pid   10] 100.000100 mount(\"overlay\", \"/r\", \"overlay\", 0, \"lowerdir=/l1:/l2:/l3,upperdir=/u,workdir=/w\") = 0 <0.0001>",
                "[pid   11] 100.000200 openat(AT_FDCWD, \"/proc/self/mountinfo\", O_RDONLY|O_CLOEXEC) = 3 <0.00001>",
                "[pid   11] 100.000300 read(3, \"...\", 4096) = 4096 <0.00001>",
                "[pid   10] 100.000400 umount2(\"/r\", 0) = 0 <0.00002>",
                "[pid   10] 100.000500 fsopen(\"overlay\", FSOPEN_CLOEXEC) = 4 <0.00001>",
                "[pid   10] 100.000600 fsconfig(4, FSCONFIG_SET_FD, \"lowerdir+\", NULL, 5) = 0 <0.00001>",
                "[pid   10] 100.000700 fsconfig(4, FSCONFIG_SET_FD, \"lowerdir+\", NULL, 6) = 0 <0.00001>",
                "[pid   10] 100.000800 fsmount(4, FSMOUNT_CLOEXEC, 0) = 7 <0.00001>",
                "[pid   10] 100.000900 unshare(CLONE_NEWUSER) = 0 <0.00001>",
                "strace: Process 12 attached",
                "");
        Problems problems = new Problems();
        ParsedTrace t = parse(text, OptionalInt.empty(), problems);
        assertTrue(problems.isEmpty(), problems.list().toString());
        List<TraceCall> main = t.threads().get(0).calls();
        assertEquals(List.of(SyscallKind.UNSHARE, SyscallKind.OVERLAY_MOUNT, SyscallKind.UMOUNT, SyscallKind.OVERLAY_MOUNT),
                main.stream().map(TraceCall::kind).toList());
        assertEquals(3, main.get(1).layers());
        assertEquals(2, main.get(3).layers(), "fd-lowerdirs: one lowerdir+ per layer");
        assertEquals(List.of(new TraceCall(SyscallKind.MOUNTINFO_READ, 0, 200_000)), t.threads().get(1).calls());
        // read, two fsconfig, fsopen, unshare(CLONE_NEWUSER), the strace message
        assertEquals(6, t.skippedLines());
    }

    @Test
    void malformedLinesAreReportedWithTheirLineNumbers() {
        String text = String.join("\n",
                "5783  1795790817.323383 open_tree(AT_FDCWD, \"/l0\", OPEN_TREE_CLONE) = 3 <0.000045>",
                "this is not strace output",
                "5783  1795790817.323538 mount_setattr(3, \"\", AT_EMPTY_PATH",
                "5783  open_tree(AT_FDCWD, \"/l0\", OPEN_TREE_CLONE) = 3 <0.000045>",
                "5783  1795790817.323647 --- SIGCHLD {si_signo=SIGCHLD}",
                "");
        Problems problems = new Problems();
        assertNull(parse(text, OptionalInt.empty(), problems));
        assertEquals(List.of(2, 3, 4, 5), problems.list().stream().map(p -> p.location().line()).toList());
        assertTrue(problems.list().get(0).toString().startsWith("t.strace:2: expected '<pid> <seconds.microseconds> <call>(...)"));
    }

    @Test
    void aResumedCallKeepsItsStartTimeAndAnUnmatchedResumeIsSkipped() {
        String text = String.join("\n",
                "7 5.000000 <... move_mount resumed>) = 0 <0.1>",
                "7 5.000010 open_tree(AT_FDCWD, \"/l\", OPEN_TREE_CLONE <unfinished ...>",
                "8 5.000020 umount2(\"/x\", MNT_DETACH) = 0 <0.1>",
                "7 5.000030 <... open_tree resumed>) = 3 <0.00002>",
                "");
        Problems problems = new Problems();
        ParsedTrace t = parse(text, OptionalInt.empty(), problems);
        assertNotNull(t, problems.list().toString());
        assertEquals(List.of(new TraceCall(SyscallKind.OPEN_TREE, 0, 0)), t.threads().get(0).calls());
        assertEquals(List.of(new TraceCall(SyscallKind.UMOUNT_DETACH, 0, 10_000)), t.threads().get(1).calls());
        assertEquals(1, t.skippedLines());
    }

    @Test
    void aLogWithoutMountCallsIsAnError() {
        Problems problems = new Problems();
        assertNull(parse("1 1.0 read(0, \"\", 1) = 0 <0.1>\n", OptionalInt.empty(), problems));
        assertTrue(problems.list().get(0).message().startsWith("no mount-path calls found"));
    }
}
