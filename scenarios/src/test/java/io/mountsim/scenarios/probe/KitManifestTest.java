package io.mountsim.scenarios.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped kit keeps the conventions of probes/FORMAT.md; kit.txt is parsed strictly. */
class KitManifestTest {
    private static final Kit KIT = Kit.shipped();
    private static final Pattern MOUNT_CALL = Pattern.compile("\\b(mount|umount2)\\s*\\(|\\bSYS_(open_tree|move_mount|mount_setattr)\\b");

    private static String source(String name) throws IOException {
        return new String(KIT.files().read(name), StandardCharsets.UTF_8);
    }

    @Test
    void theShippedKitListsEveryProbeOnceWithItsSourceInTheJar() throws IOException {
        assertEquals(1, KIT.manifest().version());
        List<String> names = KIT.manifest().probes().stream().map(KitProbe::name).toList();
        assertEquals(List.of("mountbench", "child-mounts", "mountinfo-overlay-lines", "wakeup-idle", "context-switch",
                "umount-gp", "pingpong", "smt-sibling", "lockbench", "child-walk-levels", "core-to-core", "mountinfo-parse",
                "wakeup-cross"),
                names);
        // libmount is the one library beyond libc: the kit runs without it
        for (KitProbe p : KIT.manifest().probes()) {
            boolean libmount = p.name().equals("mountinfo-parse");
            assertEquals(libmount, p.optional(), p.name());
            assertEquals(libmount ? Optional.of("mount") : Optional.empty(), p.build().pkgConfig(), p.name());
            assertEquals(libmount, source(p.sourceFile()).contains("#include <libmount.h>"), p.name());
        }
        for (KitProbe p : KIT.manifest().probes()) {
            String c = source(p.sourceFile());
            assertTrue(c.contains("#include \"probe.h\""), p.name() + " includes probe.h");
            assertTrue(c.startsWith("// mountsim probe kit: " + p.name()), p.name() + " opens with its header comment");
            for (String part : List.of("WHAT", "HOW", "ROWS")) {
                assertTrue(c.contains("// " + part + ":") || c.contains("// " + part + " "), p.name() + " header says " + part);
            }
            assertTrue(c.contains("probe_finish()"), p.name() + " reports a full disk through probe_finish()");
            assertTrue(p.fullArgs().isPresent() && p.quickArgs().isPresent(), p.name() + " runs in both modes");
        }
    }

    /** A probe that mounts enters its private namespace before its first mount call; one marked none never mounts. */
    @Test
    void onlyProbesMarkedPrivateMountAndTheyEnterTheirNamespaceFirst() throws IOException {
        for (KitProbe p : KIT.manifest().probes()) {
            String main = mainFunction(source(p.sourceFile()));
            Matcher mount = MOUNT_CALL.matcher(stripComments(source(p.sourceFile())));
            boolean mounts = mount.find();
            assertEquals(p.mounts(), mounts, p.name() + ": kit.txt says " + (p.mounts() ? "private" : "none"));
            if (p.mounts()) {
                String body = stripComments(main);
                int enter = body.indexOf("probe_private_mount_ns();");
                assertTrue(enter >= 0, p.name() + "'s main enters a private mount namespace");
                String beforeEnter = body.substring(0, enter);
                assertTrue(!MOUNT_CALL.matcher(beforeEnter).find() && !beforeEnter.contains("run_"),
                        p.name() + " mounts nothing before probe_private_mount_ns()");
            }
        }
    }

    /** probe.h's enum probe_exit and ProbeExit.java agree, code by code. */
    @Test
    void theExitCodesOfProbeHAreTheOnesTheJavaSideMaps() throws IOException {
        Matcher m = Pattern.compile("PROBE_([A-Z_]+) = (\\d+),").matcher(source("probe.h"));
        Map<String, Integer> inC = new TreeMap<>();
        while (m.find()) {
            inC.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        Map<String, Integer> inJava = new TreeMap<>();
        for (ProbeExit e : ProbeExit.values()) {
            inJava.put(e.name(), e.code());
        }
        assertEquals(inJava, inC);
    }

    @Test
    void parsesArgumentsCommentsAndSkippedModes() {
        KitManifest m = KitManifest.parse("# comment\nkit-version 3\nprobe a-1 private x y | z   # note\nprobe b none p | -\n", "k");
        assertEquals(3, m.version());
        assertEquals(new KitProbe("a-1", true, Optional.of(List.of("x", "y")), Optional.of(List.of("z"))), m.probes().get(0));
        assertEquals(Optional.empty(), m.probes().get(1).args(KitMode.QUICK));
        assertEquals(Optional.of(List.of("p")), m.probes().get(1).args(KitMode.FULL));
    }

    @Test
    void parsesTheBuildWordsBetweenTheMountNamespaceAndTheArguments() {
        KitManifest m = KitManifest.parse("kit-version 1\nprobe a none optional cc=-lrt,-DN=2 pkg-config=mount x optional | q\n"
                + "probe b private pkg-config=libfoo-2.0 - | q\n", "k");
        KitProbe a = m.probes().get(0);
        assertEquals(new KitProbe.Build(List.of("-lrt", "-DN=2"), Optional.of("mount"), true), a.build());
        assertEquals(Optional.of(List.of("x", "optional")), a.fullArgs(), "after the first argument, words are arguments");
        KitProbe b = m.probes().get(1);
        assertEquals(new KitProbe.Build(List.of(), Optional.of("libfoo-2.0"), false), b.build());
        assertEquals(Optional.empty(), b.fullArgs());
        assertEquals(KitProbe.Build.PLAIN, KitManifest.parse("kit-version 1\nprobe c none x | y\n", "k").probes().get(0).build());
    }

    @Test
    void rejectsMalformedBuildWords() {
        assertEquals("k:2: cc= takes comma-separated compiler options such as cc=-lrt,-DX=1, not \"$(rm\"",
                error("kit-version 1\nprobe a none cc=$(rm x | y\n"));
        assertEquals("k:2: cc= takes comma-separated compiler options such as cc=-lrt,-DX=1, not \"\"",
                error("kit-version 1\nprobe a none cc=-lrt, x | y\n"));
        assertEquals("k:2: pkg-config= takes one pkg-config package name such as pkg-config=mount, not \"a;b\"",
                error("kit-version 1\nprobe a none pkg-config=a;b x | y\n"));
        assertEquals("k:2: optional is given twice", error("kit-version 1\nprobe a none optional optional x | y\n"));
        assertEquals("k:2: cc= is given twice", error("kit-version 1\nprobe a none cc=-la cc=-lb x | y\n"));
        assertEquals("k:2: no full arguments before '|' (write - to skip the probe in the full run)",
                error("kit-version 1\nprobe a none optional pkg-config=m | y\n"));
    }

    @Test
    void rejectsAMalformedManifestNamingTheLine() {
        assertEquals("k:2: mount namespace must be private or none, not shared",
                error("kit-version 1\nprobe a shared x | y\n"));
        assertEquals("k:2: a probe line has one '|' between the full and the quick arguments", error("kit-version 1\nprobe a none x\n"));
        assertEquals("k:3: probe a is listed twice", error("kit-version 1\nprobe a none x | y\nprobe a none x | y\n"));
        assertEquals("k: no kit-version line", error("probe a none x | y\n"));
        assertEquals("k:2: no quick arguments after '|' (write - to skip the probe in --quick)", error("kit-version 1\nprobe a none x |\n"));
        assertEquals("k:2: probe name ../a must be lower-case letters, digits and '-'", error("kit-version 1\nprobe ../a none x | y\n"));
        assertTrue(error("kit-version 1\nprobes a none x | y\n").startsWith("k:2: expected"));
    }

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> KitManifest.parse(text, "k")).getMessage();
    }

    private static String mainFunction(String c) {
        int at = c.indexOf("int main(");
        assertTrue(at >= 0, "has main");
        return c.substring(at);
    }

    private static String stripComments(String c) {
        return c.replaceAll("(?m)//.*$", "").replaceAll("(?s)/\\*.*?\\*/", "");
    }
}
