package io.mountsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use it as a library" example, pasted into jshell line by line as a user
 * would: every snippet must compile and run, and it must print one p99 per swept cap. So
 * the example cannot rot when the API changes.
 */
class ReadmeExampleTest {
    private static final Path README = Path.of("..", "README.md");
    private static final String MARKER = "<!-- library-example:";
    private static final Pattern LINE = Pattern.compile("cap (\\d+): p99 ([0-9.]+) ms \\+- ([0-9.]+)");

    @Test
    void theReadmeExampleRunsInJshellAndPrintsOneP99PerCap() throws IOException {
        String output = runInJshell(exampleBlock());
        List<Double> p99ByCap = new ArrayList<>();
        List<String> caps = new ArrayList<>();
        for (String line : output.lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                caps.add(m.group(1));
                p99ByCap.add(Double.parseDouble(m.group(2)));
            }
        }
        assertEquals(List.of("1", "4", "16"), caps, "one line per swept cap, in sweep order; printed:\n" + output);
        // a start alone never waits for another start's mount locks: letting 16 start at once
        // can only add lock waits (and CPU sharing) to the tail
        assertTrue(p99ByCap.get(2) > p99ByCap.get(0), "p99 with 16 concurrent starts above one at a time: " + p99ByCap);
    }

    /** The java block after the marker comment. */
    static String exampleBlock() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int marker = readme.indexOf(MARKER);
        assertTrue(marker >= 0, "README.md has no " + MARKER + " comment");
        int open = readme.indexOf("```java\n", marker);
        int close = readme.indexOf("\n```", open + 1);
        assertTrue(open >= 0 && close > open, "no ```java block after the marker");
        return readme.substring(open + "```java\n".length(), close + 1);
    }

    /**
     * Feeds {@code code} to jshell the way the jshell tool reads pasted input: line by
     * line, running the buffer as soon as it is a complete snippet (or complete with a
     * semicolon added). Returns what the snippets printed; fails on any rejected snippet
     * or exception.
     */
    static String runInJshell(String code) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        // the local engine runs snippets in this JVM, where they print to System.out
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (JShell shell = JShell.builder().executionEngine("local").out(capture).err(capture).build()) {
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            for (String entry : classPath.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    shell.addToClasspath(entry);
                }
            }
            System.setOut(capture);
            StringBuilder buffer = new StringBuilder();
            for (String line : code.lines().toList()) {
                buffer.append(line).append('\n');
                SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(buffer.toString());
                if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                    buffer.setLength(0);
                } else if (info.completeness().isComplete()) {
                    eval(shell, buffer.toString());
                    buffer.setLength(0);
                }
            }
            if (!buffer.toString().isBlank()) {
                fail("the example ends inside an unfinished snippet:\n" + buffer);
            }
        } finally {
            System.setOut(originalOut);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static void eval(JShell shell, String source) {
        for (SnippetEvent e : shell.eval(source)) {
            if (e.exception() != null) {
                fail("the README example threw at:\n" + source + "\n" + e.exception());
            }
            if (e.status() == Snippet.Status.REJECTED) {
                StringBuilder why = new StringBuilder();
                shell.diagnostics(e.snippet()).forEach(d -> why.append(d.getMessage(null)).append('\n'));
                fail("jshell rejected:\n" + source + why);
            }
        }
    }
}
