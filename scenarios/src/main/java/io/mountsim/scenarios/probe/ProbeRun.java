package io.mountsim.scenarios.probe;

import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Problem;
import io.mountsim.scenarios.run.OutputDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code mountsim probe} run: check the host, check the destination (the rules of
 * {@link OutputDirectory}: a new or empty directory, or mountsim's own earlier output), unpack and compile
 * the kit in a new temporary directory, run each probe (stdout to a file, so a full disk
 * shows as the probe's exit code 14), and write the results directory. Every refusal
 * happens before the first probe runs. {@link #cancel()} (Ctrl-C) kills the running process
 * and its children; the run then removes its temporary directory and stops with exit code 2;
 * the results are written, atomically, only once every probe has finished. The probes' mounts live in their own mount namespaces and vanish with
 * them; after each mounting probe the run checks that none appeared in this namespace.
 */
public final class ProbeRun {
    /** The results file in the output directory. */
    public static final String RESULTS_FILE = "probe-results.txt";
    /** Where the kit's mounting probes mount (/tmp/mb, /tmp/mbc, /tmp/mbg, /tmp/mbs, /tmp/mbw, /tmp/mb-parse-mip; FORMAT.md). */
    static final String PROBE_MOUNT_PREFIX = "/tmp/mb";
    static final String INTERRUPTED = "interrupted: the probes were stopped and their temporary files removed; no "
            + "results file was written and nothing stays mounted; run it again";

    private final ProbeHost host;
    private final Kit kit;
    private final Clock clock;
    private final PrintStream progress;
    private volatile boolean cancelled;
    private volatile Process current;
    private volatile Path workDir;

    public ProbeRun(ProbeHost host, Kit kit, Clock clock, PrintStream progress) {
        this.host = host;
        this.kit = kit;
        this.clock = clock;
        this.progress = progress;
    }

    /** The default output directory: out/probe-HOST-YYYYMMDD-HHMMSS (UTC). */
    public static Path defaultOutput(String hostname, Instant now) {
        String stamp = now.toString().replaceAll("\\.\\d+", "").replace(":", "").replace("-", "").replace("T", "-")
                .replace("Z", "");
        String safeHost = hostname.replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of("out", "probe-" + safeHost + "-" + stamp);
    }

    /** Runs the kit into a new or empty directory; returns the results file. */
    public Path run(KitMode mode, Path outDir) throws ProbeException {
        return run(mode, outDir, false);
    }

    /** Runs the kit; {@code force} lets it replace an earlier probe output; returns the results file. */
    public Path run(KitMode mode, Path outDir, boolean force) throws ProbeException {
        checkHost();
        Path cc = host.compiler().orElseThrow(() -> ProbeException.hostProblem(
                "no C compiler found (cc on the PATH, or $CC): install one, e.g. apt-get install gcc or dnf install gcc"));
        HostFacts facts = facts();
        Instant start = clock.instant();
        OutputDirectory.Request destination = OutputDirectory.Request.of(outDir, force, List.of());
        Optional<Problem> unwritable = OutputDirectory.check(destination);
        if (unwritable.isPresent()) {
            throw ProbeException.hostProblem(unwritable.get().toString());
        }
        try {
            workDir = Files.createTempDirectory(host.scratchRoot(), "mountsim-probe-");
            List<KitProbe> probes = kit.manifest().probes().stream().filter(p -> p.args(mode).isPresent()).toList();
            unpack();
            progress.printf(Locale.ROOT, "mountsim probe: compiling %d probes with %s%n", probes.size(), cc);
            List<KitProbe> built = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (KitProbe p : probes) {
                Optional<String> missing = compile(cc, p);
                if (missing.isPresent()) {
                    String line = p.name() + " (" + missing.get() + ")";
                    progress.println("mountsim probe: warning: skipped optional probe " + line);
                    skipped.add(line);
                } else {
                    built.add(p);
                }
            }
            StringBuilder text = new StringBuilder(ResultsHeader.of(kit.manifest().version(), start, facts, mode, skipped));
            for (KitProbe p : built) {
                text.append(ResultsHeader.section(p.name())).append(runProbe(p, p.args(mode).orElseThrow()));
            }
            text.append(ResultsHeader.END).append('\n');
            String results = text.toString();
            stopIfCancelled();
            OutputDirectory.write(destination, d -> Files.writeString(d.resolve(RESULTS_FILE), results));
            progress.printf(Locale.ROOT, "mountsim probe: %s kit done in %.0f s%n", mode.word(), seconds(start));
            return outDir.toAbsolutePath().normalize().resolve(RESULTS_FILE);
        } catch (InvalidInputException e) {
            // the destination changed while the probes ran
            throw ProbeException.hostProblem(e.problems().get(0).toString());
        } catch (IOException e) {
            stopIfCancelled();
            if (isNoSpace(e)) {
                throw ProbeException.hostProblem("no space left on the device of " + outDir + " or of the temporary "
                        + "directory: free some, or choose another -o or -Djava.io.tmpdir");
            }
            throw new ProbeException("I/O error: " + reason(e), 1);
        } finally {
            cleanUp();
        }
    }

    private void checkHost() throws ProbeException {
        if (!host.osName().equals("Linux")) {
            throw ProbeException.hostProblem("measures the Linux kernel and runs only on Linux (this is "
                    + host.osName() + "): run it on the machine you want to model");
        }
        long uid;
        try {
            uid = host.effectiveUid();
        } catch (IOException e) {
            throw ProbeException.hostProblem("cannot tell whether this is root (" + reason(e)
                    + "): run it as root, e.g. with sudo");
        }
        if (uid != 0) {
            throw ProbeException.hostProblem("needs root (uid " + uid + "): the probes mount in a private mount namespace and "
                    + "create idmapped mounts; run it with sudo");
        }
    }

    private HostFacts facts() throws ProbeException {
        try {
            return host.facts();
        } catch (IOException | RuntimeException e) {
            throw ProbeException.hostProblem("cannot read the CPU topology from /proc and /sys (" + e.getMessage()
                    + "): mount /proc and /sys (mountsim probe reads them for the results header)");
        }
    }

    private void unpack() throws IOException {
        kit.unpack(workDir);
    }

    /**
     * Compiles one probe. An optional probe whose library is missing (pkg-config does not know
     * its package, or the compiler lacks a header or a library) is not built: the reason is
     * returned. Any other failure stops the run.
     */
    private Optional<String> compile(Path cc, KitProbe p) throws ProbeException, IOException {
        List<String> command = new ArrayList<>(List.of(cc.toString(), "-O2", "-pthread", "-o", p.name(), p.sourceFile()));
        command.addAll(p.build().ccFlags());
        if (p.build().pkgConfig().isPresent()) {
            String pkg = p.build().pkgConfig().get();
            Optional<List<String>> flags = pkgConfig(p, pkg);
            if (flags.isEmpty()) {
                String why = "pkg-config does not find the library '" + pkg + "': install its development package"
                        + " (e.g. Debian lib" + pkg + "-dev, Fedora lib" + pkg + "-devel) and pkg-config";
                if (p.optional()) {
                    return Optional.of(why);
                }
                throw ProbeException.hostProblem("cannot build " + p.sourceFile() + ": " + why);
            }
            command.addAll(flags.get());
        }
        Path log = workDir.resolve(p.name() + ".cc.log");
        int rc = execute(command, log, log);
        if (rc != 0) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            if (text.contains("No space left on device")) {
                throw ProbeException.hostProblem(ProbeExit.NO_SPACE.hostProblem().orElseThrow());
            }
            String first = text.lines().filter(l -> l.contains("error")).findFirst()
                    .orElse(text.lines().findFirst().orElse("exit code " + rc)).strip();
            if (p.optional() && isMissingLibrary(text)) {
                return Optional.of("its library is missing: " + first);
            }
            throw ProbeException.hostProblem("compiling " + p.sourceFile() + " with " + cc + " failed: " + first
                    + "; install the C library and Linux headers (Debian: apt-get install build-essential linux-libc-dev)");
        }
        return Optional.empty();
    }

    /** gcc's and clang's words for a missing header, and ld's for a missing library. */
    static boolean isMissingLibrary(String compilerOutput) {
        return compilerOutput.lines().anyMatch(l -> (l.contains("fatal error") && l.contains(".h"))
                && (l.contains("No such file or directory") || l.contains("file not found"))
                || l.contains("cannot find -l") || l.contains("library not found for -l"));
    }

    /** The package's compiler and linker words, or empty when pkg-config is absent or does not know it. */
    private Optional<List<String>> pkgConfig(KitProbe p, String pkg) throws ProbeException, IOException {
        Path out = workDir.resolve(p.name() + ".pkg-config");
        int rc;
        try {
            rc = execute(List.of("pkg-config", "--cflags", "--libs", pkg), out, out);
        } catch (IOException e) {
            return Optional.empty(); // no pkg-config on the PATH
        }
        String words = Files.readString(out, StandardCharsets.UTF_8).strip();
        if (rc != 0) {
            return Optional.empty();
        }
        return Optional.of(words.isEmpty() ? List.of() : List.of(words.split("\\s+")));
    }

    private String runProbe(KitProbe p, List<String> args) throws ProbeException, IOException {
        Set<String> before = probeMounts();
        Path out = workDir.resolve(p.name() + ".out");
        Path err = workDir.resolve(p.name() + ".err");
        List<String> command = new ArrayList<>();
        command.add(workDir.resolve(p.name()).toString());
        command.addAll(args);
        progress.printf(Locale.ROOT, "mountsim probe: %s %s%n", p.name(), String.join(" ", args));
        Instant t0 = clock.instant();
        if (!Files.isExecutable(workDir.resolve(p.name()))) {
            throw ProbeException.hostProblem("the compiled probe " + p.name() + " in " + workDir + " cannot be executed (a "
                    + "noexec mount?): point java.io.tmpdir at a directory that allows it (java -Djava.io.tmpdir=DIR -jar ...)");
        }
        int rc = execute(command, out, err);
        checkNoMountLeft(p, before);
        if (rc != 0) {
            throw failure(p, rc, err);
        }
        progress.printf(Locale.ROOT, "mountsim probe: %s done in %.1f s%n", p.name(), seconds(t0));
        String text = Files.readString(out, StandardCharsets.UTF_8);
        return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
    }

    private ProbeException failure(KitProbe p, int rc, Path err) throws IOException {
        Optional<ProbeExit> known = ProbeExit.of(rc);
        if (known.flatMap(ProbeExit::hostProblem).isPresent()) {
            return ProbeException.hostProblem("probe " + p.name() + ": " + known.get().hostProblem().get());
        }
        String last = Files.readString(err, StandardCharsets.UTF_8).lines().reduce((a, b) -> b).orElse("").strip();
        String why = rc > 128 ? "was killed by signal " + (rc - 128) : "failed with exit code " + rc;
        return new ProbeException("probe " + p.name() + " " + why + (last.isEmpty() ? "" : ": " + last)
                + " (its source is in the jar under probes/; please report this with the line above)", 1);
    }

    private Set<String> probeMounts() throws IOException {
        Set<String> mine = new HashSet<>();
        for (String m : host.mountPoints()) {
            if (m.startsWith(PROBE_MOUNT_PREFIX)) {
                mine.add(m);
            }
        }
        return mine;
    }

    private void checkNoMountLeft(KitProbe p, Set<String> before) throws ProbeException, IOException {
        Set<String> after = probeMounts();
        after.removeAll(before);
        if (!after.isEmpty()) {
            String where = after.iterator().next();
            throw new ProbeException("probe " + p.name() + " left a mount in this namespace at " + where
                    + " (a probe must mount only in its private namespace): umount -R " + where + " and report this", 1);
        }
    }

    /** Runs a command in the work directory; returns its exit code (128 + signal if killed). */
    private int execute(List<String> command, Path stdout, Path stderr) throws ProbeException, IOException {
        stopIfCancelled();
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(stdout.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (stdout.equals(stderr)) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(stderr.toFile());
        }
        Process process = pb.start();
        current = process;
        if (cancelled) {
            kill(process);
        }
        try {
            int rc = process.waitFor();
            current = null;
            if (cancelled || rc == 128 + 2 || rc == 128 + 15) {
                cancelled = true;
                stopIfCancelled();
            }
            return rc;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
            kill(process);
            throw ProbeException.hostProblem(INTERRUPTED);
        }
    }

    private void stopIfCancelled() throws ProbeException {
        if (cancelled) {
            throw ProbeException.hostProblem(INTERRUPTED);
        }
    }

    /**
     * Stops the run from another thread (a signal handler): kills the running probe and
     * every process it started. The run's own thread then cleans up and reports.
     */
    public void cancel() {
        cancelled = true;
        Process p = current;
        if (p != null) {
            kill(p);
        }
    }

    /** "No space left on device" and the like, from an I/O error, for a one-line message. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static boolean isNoSpace(IOException e) {
        return reason(e).contains("No space left on device");
    }

    /** For a shutdown hook: cancel, and remove the temporary files now (the JVM is exiting). */
    public void abortNow() {
        cancel();
        cleanUp();
    }

    /** Children first (a killed parent's children would be re-parented out of reach), then the process. */
    private static void kill(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void cleanUp() {
        Path w = workDir;
        if (w != null) {
            OutputDirectory.deleteQuietly(w); // best effort: a leftover temporary directory is harmless
        }
    }

    private double seconds(Instant since) {
        return Duration.between(since, clock.instant()).toMillis() / 1000.0;
    }

    /** The run's temporary directory, while it exists (tests check that it is removed). */
    Optional<Path> workDir() {
        return Optional.ofNullable(workDir);
    }
}
