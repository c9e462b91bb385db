package io.mountsim.reports.charts;

import io.mountsim.core.experiment.Replications;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One chart of a report, planned but not yet drawn ({@link ChartSet#plan}). Drawing it
 * builds the chart and writes its PNG and SVG, and gives its entry in the report, or nothing
 * when the data hold nothing to draw. A drawing writes only its own files, so several may
 * be drawn at once.
 */
@FunctionalInterface
public interface Drawing {

    Optional<ChartFile> draw() throws IOException;

    /** A chart left out, with the sentence the report prints in its place; writes nothing. */
    static Drawing notDrawn(String baseName, String title, String sentence) {
        ChartFile entry = ChartFile.notDrawn(baseName, title, sentence);
        return () -> Optional.of(entry);
    }

    /**
     * Draws {@code drawings} on up to {@code threads} threads.
     *
     * @return the entries, in the order of {@code drawings} whatever the threads
     */
    static List<ChartFile> drawAll(List<Drawing> drawings, int threads) throws IOException {
        List<Optional<ChartFile>> drawn;
        try {
            drawn = Replications.run(drawings.size(), i -> unchecked(drawings.get(i)), threads);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<ChartFile> entries = new ArrayList<>();
        drawn.forEach(entry -> entry.ifPresent(entries::add));
        return entries;
    }

    /** {@link #draw} with its I/O failure wrapped, for a task on a thread pool. */
    static Optional<ChartFile> unchecked(Drawing d) {
        try {
            return d.draw();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
