package io.mountsim.scenarios;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * mountsim as a separate process ({@code java -cp <the test class path>}), for what only a
 * process shows: its working directory, its exit code, and what a signal leaves behind.
 */
public final class ChildMountsim {
    private ChildMountsim() {
    }

    /** The exit code and both streams of a finished child. */
    public record Outcome(int exitCode, String stdout, String stderr) {
    }

    /** Starts {@code mountsim args} in {@code workingDir}; streams go to files in {@code logs}. */
    public static Process start(Path workingDir, Path logs, List<String> args, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.mountsim.scenarios.cli.MountsimCommand");
        command.addAll(args);
        Files.createDirectories(logs);
        return new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectOutput(logs.resolve("stdout").toFile()).redirectError(logs.resolve("stderr").toFile()).start();
    }

    /** Runs {@code mountsim args} in {@code workingDir} to the end (at most a minute). */
    public static Outcome run(Path workingDir, Path logs, String... args) throws IOException, InterruptedException {
        Process p = start(workingDir, logs, List.of(args));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mountsim " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Outcome(p.exitValue(), Files.readString(logs.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(logs.resolve("stderr"), StandardCharsets.UTF_8));
    }

    /** Whether the class path can start a child (it names real files, not a surefire manifest jar only). */
    public static boolean available() {
        String cp = System.getProperty("java.class.path", "");
        return !cp.isEmpty() && cp.split(File.pathSeparator).length > 1;
    }
}
