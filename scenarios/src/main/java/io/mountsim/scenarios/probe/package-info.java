/**
 * {@code mountsim probe}: the probe kit shipped in the jar ({@code models/src/main/resources/probes/},
 * whose FORMAT.md is the results-file contract), compiled with the host's C compiler and run
 * as root, each mounting probe in its own private mount namespace, into one results file.
 * Everything the run needs from the machine goes through {@link io.mountsim.scenarios.probe.ProbeHost},
 * so that each refusal (not Linux, not root, no compiler) and each probe failure can be tested.
 */
package io.mountsim.scenarios.probe;
