package io.mountsim.models.lockbench;

/**
 * What one lock microbenchmark run measured.
 *
 * @param totalSeconds          simulated time until the last critical section ended
 * @param nsPerCriticalSection  totalSeconds over all critical sections (what global-lock-bench reports)
 * @param criticalSections      critical sections run (threads x iterations)
 * @param handoffs              grants where the lock's line moved to another CPU
 * @param crossSocketHandoffs   ... to a CPU on another socket
 * @param crossLlcHandoffs      ... to a CPU in another LLC domain (includes cross-socket ones)
 * @param meanHandoffNs         mean time from granting the lock to the new holder owning its line
 *                              (release to acquire; 0 when a thread re-takes a line it still holds)
 * @param cpuUtilization        busy CPU time over allowed CPUs x totalSeconds
 * @param spinFraction          share of the threads' time spent waiting for the lock
 * @param acquisitionsPerSecondAllRunning critical sections per second until the first thread
 *                              finished: the steady rate with all T threads in play, free of the
 *                              tail where fewer threads remain (what a rate model predicts)
 * @param maxHolders            most threads ever inside the critical section at once (1 = mutual exclusion held)
 * @param events                engine events processed
 * @param fingerprint           engine fingerprint of the event sequence
 * @param timeline              the first hold and wait spans of the lock, if asked for
 */
public record LockBenchResult(double totalSeconds,
                              double nsPerCriticalSection,
                              long criticalSections,
                              long handoffs,
                              long crossSocketHandoffs,
                              long crossLlcHandoffs,
                              double meanHandoffNs,
                              double cpuUtilization,
                              double spinFraction,
                              double acquisitionsPerSecondAllRunning,
                              int maxHolders,
                              long events,
                              long fingerprint,
                              io.mountsim.core.results.Timeline timeline) {

    /** Critical sections per second over the whole run. */
    public double acquisitionsPerSecond() {
        return criticalSections / totalSeconds;
    }
}
