package io.mountsim.scenarios.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe kit: its manifest and a way to read its files (the jar's {@code /probes/}
 * resources, or a test's own kit). {@link #unpack} writes the shared header and every
 * listed probe's source into a directory for the compiler.
 */
public record Kit(KitManifest manifest, KitFiles files) {
    /** The header every probe includes (probes/probe.h). */
    public static final String SHARED_HEADER = "probe.h";
    private static final String RESOURCE_DIR = "/probes/";

    /** Reads one kit file by name. */
    @FunctionalInterface
    public interface KitFiles {
        byte[] read(String name) throws IOException;
    }

    /** The kit shipped in the jar (models/src/main/resources/probes/). */
    public static Kit shipped() {
        KitFiles files = Kit::resource;
        try {
            return new Kit(KitManifest.parse(new String(files.read("kit.txt"), StandardCharsets.UTF_8), "probes/kit.txt"), files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Kit.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IOException("probes/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    /** Writes probe.h and each probe's source into {@code dir}; returns the sources in kit order. */
    public List<Path> unpack(Path dir) throws IOException {
        Files.write(dir.resolve(SHARED_HEADER), files.read(SHARED_HEADER));
        List<Path> sources = new ArrayList<>();
        for (KitProbe p : manifest.probes()) {
            Path source = dir.resolve(p.sourceFile());
            Files.write(source, files.read(p.sourceFile()));
            sources.add(source);
        }
        return sources;
    }
}
