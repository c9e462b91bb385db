package io.mountsim.scenarios.run;

import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.diag.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Where a command writes its results, and the only code that deletes anything.
 *
 * <p>What mountsim may write to: a directory that does not exist yet, an empty directory
 * (written <em>into</em>, so that an empty volume mount point of a Kubernetes or Slurm job
 * works), or a directory mountsim wrote earlier, recognised by its {@link OutputMarker}.
 * Replacing a previous output needs {@code --force} (a rerun never replaces results silently),
 * deletes only the files its marker lists, and is refused when anything else is in there. An output of a mountsim from before the marker (its
 * summary.json and the files of that layout only) is replaced only with {@code --force}.
 * Everything else (a file, a directory holding other files, the current directory, the
 * file-system root, a directory holding one of the run's inputs) is refused by
 * {@link #check}, which the commands call before simulating.
 *
 * <p>How it writes: everything goes into a staging directory on the same file system (beside a
 * new destination, inside an existing one) and is renamed into place once complete, the
 * marker last. SIGINT or SIGTERM during the write waits for it to finish (a shutdown hook
 * takes the same lock), so an interrupted run leaves the previous complete output or the
 * new complete one, and no staging directory. Directories and files get the permissions
 * the umask gives (0755 and 0644 under the usual 022), like any other program's output.
 */
public final class OutputDirectory {
    private static final String STAGING = ".mountsim-tmp-";
    private static final String PREVIOUS = ".mountsim-old-";
    private static final int NAMES_SHOWN = 3;

    private OutputDirectory() {
    }

    /** Fills a directory with a command's results. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path dir) throws IOException;
    }

    /**
     * What the user asked for: the destination, how to name it in a message (for example
     * {@code -o out/x}), whether {@code --force} was given, and the run's input files and
     * directories (an output may not hold them).
     */
    public record Request(Path destination, String label, boolean force, List<Path> inputs) {
        public Request {
            inputs = List.copyOf(inputs);
        }

        public static Request of(Path destination, boolean force, Collection<Path> inputs) {
            return new Request(destination, destination.toString(), force, List.copyOf(inputs));
        }
    }

    /** How a checked destination is written. */
    private sealed interface Plan {
        Path dest();
    }

    /** The destination does not exist: stage beside it, then rename the staging directory. */
    private record CreateNew(Path dest, List<Path> missingAncestors) implements Plan {
    }

    /** An empty directory (maybe a mount point): stage inside, then move the entries up. */
    private record FillEmpty(Path dest) implements Plan {
    }

    /** mountsim's own earlier output: stage inside, move its listed entries aside, move the new ones up. */
    private record ReplaceOwn(Path dest, Set<String> owned) implements Plan {
    }

    /** The problem that stops writing {@code request}'s destination, if any. Writes nothing lasting. */
    public static Optional<Problem> check(Request request) {
        Object plan = plan(request);
        return plan instanceof Problem p ? Optional.of(p) : Optional.empty();
    }

    /** Checks all the requests; every problem, in order. */
    public static List<Problem> checkAll(Collection<Request> requests) {
        List<Problem> problems = new ArrayList<>();
        for (Request r : requests) {
            check(r).ifPresent(problems::add);
        }
        return problems;
    }

    /** {@link #write(Request, Filler)} without --force and without inputs to protect. */
    public static void write(Path destination, Filler filler) throws IOException {
        write(Request.of(destination, false, List.of()), filler);
    }

    /**
     * Checks the destination again (the file system may have changed while simulating) and
     * writes it.
     *
     * @throws InvalidInputException when the destination may not be written
     */
    public static void write(Request request, Filler filler) throws IOException {
        Object plan = plan(request);
        if (plan instanceof Problem p) {
            throw new InvalidInputException(List.of(p));
        }
        new Transaction((Plan) plan).run(filler);
    }

    // ---- checking ---------------------------------------------------------------------

    /** A {@link Plan} or the {@link Problem} that forbids writing. */
    private static Object plan(Request request) {
        Path dest;
        try {
            dest = request.destination().toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return problem(request, "not a usable path (" + e.getMessage() + "); choose another -o");
        }
        if (dest.getParent() == null) {
            return problem(request, "is the file-system root; mountsim writes a directory of its own: choose another -o, "
                    + "e.g. -o out/NAME");
        }
        Path real = realPath(dest);
        if (real.equals(realPath(Path.of("").toAbsolutePath()))) {
            request = new Request(dest, request.label() + " (the current directory)", request.force(), request.inputs());
        }
        for (Path input : request.inputs()) {
            Path in = realPath(input.toAbsolutePath().normalize());
            if (in.startsWith(real)) {
                return problem(request, "holds " + input + ", an input of this run; choose another -o");
            }
        }
        if (Files.isSymbolicLink(dest) && !Files.exists(dest)) {
            return problem(request, "is a symbolic link to a missing target; choose another -o");
        }
        if (Files.exists(dest) && !Files.isDirectory(dest)) {
            return problem(request, "is a file, not a directory; mountsim does not overwrite it: choose another -o");
        }
        if (!Files.exists(dest)) {
            return planNew(request, dest);
        }
        Optional<String> unwritable = probeWritable(dest);
        if (unwritable.isPresent()) {
            return problem(request, "cannot be written (" + unwritable.get() + "); choose a writable -o");
        }
        List<String> present;
        try {
            present = OutputMarker.entries(dest);
        } catch (IOException | UncheckedIOException e) {
            return problem(request, "cannot be read (" + e.getMessage() + "); choose another -o");
        }
        boolean hasMarker = Files.exists(dest.resolve(OutputMarker.NAME), LinkOption.NOFOLLOW_LINKS);
        if (present.isEmpty() && !hasMarker) {
            return new FillEmpty(dest);
        }
        Optional<Set<String>> listed = OutputMarker.read(dest);
        if (listed.isPresent()) {
            List<String> foreign = present.stream().filter(e -> !listed.get().contains(e)).toList();
            if (!foreign.isEmpty()) {
                return problem(request, "is a previous mountsim output but also holds files mountsim did not write ("
                        + names(foreign) + "); mountsim never deletes those, even with --force: move them out or choose "
                        + "another -o");
            }
            if (!request.force()) {
                // Replacing results is never silent (issue 12): a second run into the same -o says
                // what it would replace and asks for the flag.
                return problem(request, "holds an earlier mountsim output; add --force to replace it (only the files "
                        + "mountsim wrote there are deleted), or choose another -o");
            }
            return new ReplaceOwn(dest, withMarker(listed.get()));
        }
        if (looksLikeOutputBeforeMarker(dest, present)) {
            if (request.force()) {
                return new ReplaceOwn(dest, Set.copyOf(present));
            }
            return problem(request, "holds the output of an earlier mountsim (summary.json, no " + OutputMarker.NAME
                    + "); add --force to replace it, or choose another -o");
        }
        return problem(request, "holds files mountsim did not write ("
                + names(present) + "); mountsim never deletes them: choose a new or empty directory with -o"
                + (request.force() ? " (--force replaces only a previous mountsim output)" : ""));
    }

    private static Object planNew(Request request, Path dest) {
        List<Path> missing = new ArrayList<>();
        Path existing = dest;
        while (existing != null && !Files.exists(existing)) {
            if (Files.isSymbolicLink(existing)) {
                return problem(request, existing + " is a symbolic link to a missing target; choose another -o");
            }
            missing.add(0, existing);
            existing = existing.getParent();
        }
        if (existing == null) {
            return problem(request, "has no existing parent directory; choose another -o");
        }
        if (!Files.isDirectory(existing)) {
            return problem(request, existing + " is a file, not a directory; choose another -o");
        }
        Optional<String> unwritable = probeWritable(existing);
        if (unwritable.isPresent()) {
            return problem(request, "cannot be created: " + existing + " is not writable (" + unwritable.get()
                    + "); choose a writable -o");
        }
        return new CreateNew(dest, missing.subList(0, missing.size() - 1));
    }

    /**
     * Whether a directory can take new entries, by creating and removing one: access(2)
     * says yes to root on a read-only directory that mkdir(2) then refuses (procfs, an
     * immutable directory), so only trying tells.
     */
    private static Optional<String> probeWritable(Path dir) {
        Path probe = dir.resolve(".mountsim-probe-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectory(probe);
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(reason(e));
        }
    }

    private static String reason(IOException e) {
        String kind = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getClass().getSimpleName();
        return kind;
    }

    /**
     * The layout every mountsim wrote before the marker existed: summary.json (with its
     * mountsim-summary format), results.csv, report.html, points/N.json and
     * charts/NAME.png|svg. Frozen on purpose: it describes old directories, not the
     * current writer.
     */
    private static final Pattern LAYOUT_BEFORE_MARKER = Pattern.compile(
            "summary\\.json|results\\.csv|report\\.html|points/|points/\\d+\\.json|charts/|charts/[^/]+\\.(png|svg)");

    private static boolean looksLikeOutputBeforeMarker(Path dest, List<String> present) {
        if (!present.contains("summary.json") || !present.stream().allMatch(e -> LAYOUT_BEFORE_MARKER.matcher(e).matches())) {
            return false;
        }
        try (var in = Files.newInputStream(dest.resolve("summary.json"))) {
            String head = new String(in.readNBytes(256), StandardCharsets.UTF_8);
            return head.replace(" ", "").contains("\"format\":\"mountsim-summary/");
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<String> withMarker(Set<String> listed) {
        Set<String> all = new TreeSet<>(listed);
        all.add(OutputMarker.NAME);
        return all;
    }

    private static Set<String> topLevel(Collection<String> entries) {
        Set<String> top = new TreeSet<>();
        for (String e : entries) {
            int slash = e.indexOf('/');
            top.add(slash < 0 ? e : e.substring(0, slash));
        }
        return top;
    }

    private static String names(List<String> entries) {
        List<String> top = new ArrayList<>(topLevel(entries));
        String shown = String.join(", ", top.subList(0, Math.min(NAMES_SHOWN, top.size())));
        return top.size() > NAMES_SHOWN ? shown + " and " + (top.size() - NAMES_SHOWN) + " more" : shown;
    }

    private static Problem problem(Request request, String message) {
        return new Problem(Location.of(request.label()), "", message);
    }

    private static Path realPath(Path p) {
        // The deepest existing ancestor resolved (symbolic links, ..), the rest appended.
        Path existing = p;
        Path rest = p.getFileSystem().getPath("");
        while (existing != null) {
            try {
                return existing.toRealPath().resolve(rest);
            } catch (IOException e) {
                rest = existing.getFileName() == null ? rest : existing.getFileName().resolve(rest);
                existing = existing.getParent();
            }
        }
        return p;
    }

    // ---- writing ----------------------------------------------------------------------

    /**
     * One write, from creating the staging directory to the last rename. The lock is held
     * throughout; the shutdown hook takes it too, so a signal waits until the write has
     * finished or been undone, then removes whatever staging is left. A failure half-way
     * through the renames puts the previous output back.
     */
    private static final class Transaction {
        private final Plan plan;
        private final Object lock = new Object();
        private Path staging;
        private Path previous;
        private final List<Path> createdAncestors = new ArrayList<>();
        private final List<String> movedAside = new ArrayList<>();
        private final List<String> movedUp = new ArrayList<>();
        private boolean committed;
        private volatile boolean signalled;

        Transaction(Plan plan) {
            this.plan = plan;
        }

        void run(Filler filler) throws IOException {
            Thread hook = new Thread(this::cleanUpAfterSignal, "mountsim-output-cleanup");
            boolean exiting = false;
            synchronized (lock) {
                try {
                    Runtime.getRuntime().addShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    exiting = true; // a signal came before the write began: leave everything as it is
                }
                if (!exiting) {
                    try {
                        staging = createStaging();
                        filler.fill(staging);
                        OutputMarker.write(staging);
                        commit();
                        committed = true;
                    } catch (IOException | RuntimeException e) {
                        // A signal during the write can make the writer fail (a library that
                        // registers its own shutdown hook, such as ImageIO's cache): that is
                        // the signal's doing, not an error to report.
                        if (!signalled) {
                            throw e;
                        }
                        exiting = true;
                    } finally {
                        cleanUp();
                    }
                }
            }
            if (exiting) {
                awaitHalt(); // outside the lock, which the shutdown hook takes
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running; it finds nothing left to do
            }
        }

        /**
         * The JVM is exiting (SIGINT or SIGTERM): write nothing and print nothing (an error
         * here would read as an internal error); the halt after the shutdown hooks ends
         * this thread.
         */
        private static void awaitHalt() {
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the JVM exits", e);
                }
            }
        }

        private static String randomSuffix() {
            return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        }

        private Path createStaging() throws IOException {
            if (plan instanceof CreateNew n) {
                for (Path a : n.missingAncestors()) {
                    Files.createDirectory(a);
                    createdAncestors.add(0, a);
                }
                return Files.createDirectory(n.dest().resolveSibling("." + n.dest().getFileName() + STAGING + randomSuffix()));
            }
            return Files.createDirectory(plan.dest().resolve(STAGING + randomSuffix()));
        }

        private void commit() throws IOException {
            if (plan instanceof CreateNew n) {
                move(staging, n.dest());
                return;
            }
            if (plan instanceof ReplaceOwn r) {
                requireNothingForeignAppeared(r);
                previous = Files.createDirectory(r.dest().resolve(PREVIOUS + randomSuffix()));
                // The marker first: a directory caught half-way does not claim to be complete.
                List<String> order = new ArrayList<>(topLevel(r.owned()));
                order.remove(OutputMarker.NAME);
                order.add(0, OutputMarker.NAME);
                for (String name : order) {
                    Path p = r.dest().resolve(name);
                    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                        move(p, previous.resolve(name));
                        movedAside.add(name);
                    }
                }
            }
            moveEntriesUp(plan.dest());
        }

        /** Files a user put into the directory while the run was simulating stay, and stop the replacement. */
        private void requireNothingForeignAppeared(ReplaceOwn r) throws IOException {
            for (String e : OutputMarker.entries(r.dest())) {
                String top = e.contains("/") ? e.substring(0, e.indexOf('/')) : e;
                if (!r.owned().contains(e) && !top.equals(staging.getFileName().toString())) {
                    throw new IOException(r.dest() + ": " + e + " appeared while simulating; the previous output is kept");
                }
            }
        }

        /** Moves the staged entries into {@code dest}, the marker last. */
        private void moveEntriesUp(Path dest) throws IOException {
            List<Path> staged = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(staging)) {
                s.forEach(staged::add);
            }
            staged.sort(null);
            Path marker = staging.resolve(OutputMarker.NAME);
            staged.remove(marker);
            staged.add(marker);
            for (Path p : staged) {
                String name = p.getFileName().toString();
                move(p, dest.resolve(name));
                movedUp.add(name);
            }
        }

        private void cleanUpAfterSignal() {
            signalled = true;
            synchronized (lock) {
                cleanUp();
            }
        }

        /**
         * After success: removes the staging and previous directories. After a failure: also
         * removes the new entries already moved up, puts the previous output back and removes
         * the parents it created. Only ever deletes what this write created or what the
         * previous output's marker listed.
         */
        private void cleanUp() {
            if (!committed) {
                for (String name : movedUp) {
                    deleteQuietly(plan.dest().resolve(name));
                }
                for (String name : movedAside) {
                    try {
                        move(previous.resolve(name), plan.dest().resolve(name));
                    } catch (IOException e) {
                        // left in the hidden previous directory below, which is then kept
                        previous = null;
                    }
                }
            }
            movedUp.clear();
            movedAside.clear();
            if (staging != null && !(committed && plan instanceof CreateNew)) {
                deleteQuietly(staging);
            }
            staging = null;
            if (previous != null) {
                deleteQuietly(previous);
                previous = null;
            }
            if (!committed) {
                for (Path a : createdAncestors) {
                    try {
                        Files.deleteIfExists(a);
                    } catch (IOException notEmpty) {
                        break;
                    }
                }
                createdAncestors.clear();
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Deletes a directory tree that mountsim itself created (a staging directory, the probe
     * kit's temporary build directory), best effort; never follows symbolic links.
     */
    public static void deleteQuietly(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: what is left is a hidden directory of mountsim's own
        }
    }
}
