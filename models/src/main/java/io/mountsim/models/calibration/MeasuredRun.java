package io.mountsim.models.calibration;

import io.mountsim.models.runtime.IdmapMode;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One run of the calibration probe (shared/calibration/mountbench.c): {@code threads}
 * threads starting {@code containers} containers of {@code layers} layers in one idmap
 * mode, with {@code readers} mountinfo watchers, and what it measured.
 *
 * @param syscallMeanUs per-syscall mean latency by the probe's names (open_tree,
 *                      mount_setattr, move_mount, overlay_mount, umount_detach)
 * @param latencyP50Ms  median start latency
 * @param latencyP95Ms  95th percentile start latency
 * @param umountWaitUs  the unmount's mean wall time less the unmounting thread's CPU time
 *                      (the kit's mountbench since 2026-11-30, key umount_wait_us; empty in
 *                      older files): about two context switches when the expedited grace
 *                      period's kthread worker ran on the caller's CPU, an idle vCPU's wakeup
 *                      each way when it ran on another (scenarios/validation/umount-state/)
 */
public record MeasuredRun(int threads, int layers, IdmapMode mode, int readers, int containers,
                          double startsPerSecond, double latencyMeanMs, double latencyP99Ms,
                          Map<String, Double> syscallMeanUs, double latencyP50Ms, double latencyP95Ms,
                          OptionalDouble umountWaitUs) {
}
