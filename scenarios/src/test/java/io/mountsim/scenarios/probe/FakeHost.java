package io.mountsim.scenarios.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** A host for ProbeRun tests: any OS name, uid and compiler; mount points from a supplier. */
final class FakeHost implements ProbeHost {
    static final HostFacts FACTS = new HostFacts("6.18.0-test", "Test CPU", "0-1",
            List.of(new CpuTopology(0, 0, 0, 0, "0-1", "0"), new CpuTopology(1, 1, 0, 0, "0-1", "1")));

    String os = "Linux";
    long uid = 0;
    Optional<Path> cc;
    Supplier<List<String>> mounts = List::of;
    final Path scratch;

    FakeHost(Path scratch, Optional<Path> cc) {
        this.scratch = scratch;
        this.cc = cc;
    }

    /**
     * A "compiler" that copies NAME.c to NAME and makes it executable, so a kit's sources can
     * be shell scripts; it fails like cc when the source says so on its first line, and like ld when a line
     * "# compile: needs -lfoo" finds no -lfoo among its words.
     */
    static Path scriptCompiler(Path dir) throws IOException {
        Path cc = dir.resolve("fake-cc");
        Files.writeString(cc, String.join("\n",
                "#!/bin/sh",
                "# usage: fake-cc -O2 -pthread -o NAME NAME.c [EXTRA...]",
                "out=$4; src=$5",
                "if grep -q '^# compile: needs -lfoo' \"$src\"; then",
                "  case \" $* \" in *' -lfoo '*) ;; *) echo \"/usr/bin/ld: cannot find -lfoo: No such file or directory\" >&2; exit 1 ;; esac",
                "fi",
                "case \"$(head -n1 \"$src\")\" in",
                "  '# compile: enospc') echo \"$src: fatal error: error writing to /tmp/ccX.s: No space left on device\" >&2; exit 1 ;;",
                "  '# compile: error') echo \"$src:3:10: fatal error: linux/mount.h: No such file or directory\" >&2; exit 1 ;;",
                "  '# compile: noexec') cp \"$src\" \"$out\"; chmod -x \"$out\"; exit 0 ;;",
                "  '# compile: syntax') echo \"$src:7:3: error: expected ';' before '}' token\" >&2; exit 1 ;;",
                "esac",
                "cp \"$src\" \"$out\" && chmod +x \"$out\"",
                ""));
        Files.setPosixFilePermissions(cc, PosixFilePermissions.fromString("rwxr-xr-x"));
        return cc;
    }

    @Override
    public String osName() {
        return os;
    }

    @Override
    public long effectiveUid() {
        return uid;
    }

    @Override
    public Optional<Path> compiler() {
        return cc;
    }

    @Override
    public HostFacts facts() {
        return FACTS;
    }

    @Override
    public List<String> mountPoints() {
        return new ArrayList<>(mounts.get());
    }

    @Override
    public Path scratchRoot() {
        return scratch;
    }

    @Override
    public String hostname() {
        return "testhost";
    }
}
