/**
 * mountsim as a library: load or build a scenario, run it, read typed results.
 *
 * <pre>{@code
 * import io.mountsim.api.*;
 *
 * RunResult result = MountSim.scenario("cap sweep")
 *         .set("machine", "r5.metal")
 *         .set("workload.containers", 50)
 *         .sweep("workload.maxConcurrentStarts", 1, 8, 64)
 *         .replications(3)
 *         .build()
 *         .run();
 * for (Point p : result.points()) {
 *     System.out.println(p.value("workload.maxConcurrentStarts") + " " + p.metric("startLatencyMsP99").mean());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.mountsim.api.MountSim} loads a scenario file or starts a
 *       {@link io.mountsim.api.ScenarioBuilder}; both give a validated
 *       {@link io.mountsim.api.Scenario} or throw a {@link io.mountsim.api.ScenarioException}
 *       carrying every problem the command line would print.</li>
 *   <li>{@link io.mountsim.api.Scenario#run(RunOptions)} simulates it (seed and replication
 *       overrides, threads, a progress callback) and returns a {@link io.mountsim.api.RunResult}:
 *       {@link io.mountsim.api.Point}s with their swept values and {@link io.mountsim.api.Metric}s
 *       (mean and confidence interval) by the column names of results.csv.</li>
 *   <li>Nothing is written unless {@link io.mountsim.api.RunResult#writeReport} is called, which
 *       follows the command line's output rules (new, empty or an earlier mountsim output only).</li>
 * </ul>
 *
 * <p>The numbers equal {@code mountsim run}'s for the same scenario, seed and replications.
 * From jshell: {@code jshell --class-path scenarios/target/mountsim.jar}.
 */
package io.mountsim.api;
