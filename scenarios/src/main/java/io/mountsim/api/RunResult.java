package io.mountsim.api;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.scenarios.cli.CliContext;
import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.run.OutputDirectory;
import io.mountsim.scenarios.run.ResultTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What a run produced: one {@link Point} per sweep point with its metrics. Nothing has
 * been written; {@link #writeReport(Path)} writes the files {@code mountsim run} writes.
 */
public final class RunResult {
    private final ExperimentResult result;
    private final List<Path> inputs;
    private final List<Point> points;

    RunResult(ExperimentResult result, List<Path> inputs) {
        this.result = result;
        this.inputs = List.copyOf(inputs);
        this.points = Results.points(result);
    }

    /**
     * The run's title: the scenario's name, followed by its overrides when there are any.
     *
     * @return the title
     */
    public String title() {
        return result.name();
    }

    /**
     * What was simulated, in plain words.
     *
     * @return the description
     */
    public String description() {
        return result.description();
    }

    /**
     * The master seed the run used.
     *
     * @return the seed
     */
    public long seed() {
        return result.seed();
    }

    /**
     * Replications per point.
     *
     * @return the replications
     */
    public int replications() {
        return result.replications();
    }

    /**
     * The confidence level of every metric's interval.
     *
     * @return e.g. 0.95
     */
    public double confidence() {
        return result.confidence();
    }

    /**
     * The swept keys in sweep order (the first varies slowest).
     *
     * @return the keys; empty without a sweep
     */
    public List<String> sweptKeys() {
        return result.sweptKeys();
    }

    /**
     * Every point, in sweep order.
     *
     * @return the points
     */
    public List<Point> points() {
        return points;
    }

    /**
     * The point at {@code index} in the sweep.
     *
     * @param index the point's index
     * @return the point
     * @throws NoSuchElementException when the run has no such point
     */
    public Point point(int index) {
        return points.stream().filter(p -> p.index() == index).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no point " + index + "; the run has " + points.size()));
    }

    /**
     * The metric names present in any point, in results.csv's column order.
     *
     * @return the names
     */
    public List<String> metricNames() {
        return result.metricNames();
    }

    /**
     * The table {@code mountsim run} prints on stdout: one line per point with its main
     * metrics.
     *
     * @return the table, lines ending in a line break
     */
    public String table() {
        return ResultTable.render(result);
    }

    /**
     * Writes summary.json, results.csv, charts/ and report.html into {@code dir}, as
     * {@code mountsim run -o dir} does, under the same rules: {@code dir} must be new, empty,
     * or an earlier output of mountsim (which this refuses to replace; see
     * {@link #writeReport(Path, boolean)}). Files are written to a temporary directory and
     * moved into place when complete; nothing that mountsim did not write is ever deleted.
     *
     * @param dir the output directory
     * @return {@code dir}
     * @throws ScenarioException when {@code dir} may not be written (nothing is written)
     * @throws UncheckedIOException when writing fails (nothing is left half-written)
     */
    public Path writeReport(Path dir) {
        return writeReport(dir, false);
    }

    /**
     * {@link #writeReport(Path)}, optionally replacing an earlier output of mountsim in
     * {@code dir} (like {@code --force}: only the files that output's marker lists are
     * replaced).
     *
     * @param dir     the output directory
     * @param replace whether an earlier mountsim output there may be replaced
     * @return {@code dir}
     * @throws ScenarioException when {@code dir} may not be written (nothing is written)
     * @throws UncheckedIOException when writing fails (nothing is left half-written)
     */
    public Path writeReport(Path dir, boolean replace) {
        OutputDirectory.Request request = OutputDirectory.Request.of(dir, replace, inputs);
        try {
            OutputDirectory.check(request).ifPresent(p -> {
                throw new InvalidInputException(List.of(p));
            });
            // the command line's sink: the same files, the same chart settings
            OutputDirectory.write(request, d -> CliContext.production().sink().write(result, d));
        } catch (InvalidInputException e) {
            throw ScenarioException.of(e);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    /**
     * The result as the reports module reads it, for code that uses the report writers or
     * the chart data directly.
     *
     * @return the underlying result
     */
    public ExperimentResult experimentResult() {
        return result;
    }

    @Override
    public String toString() {
        return "RunResult[" + title() + ", " + points.size() + " point(s) x " + replications() + " replication(s)]";
    }
}
