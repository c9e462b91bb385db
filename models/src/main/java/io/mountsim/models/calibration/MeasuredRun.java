package io.mountsim.models.calibration;

import io.mountsim.models.runtime.IdmapMode;
import java.util.Map;

/**
 * One run of the calibration probe (shared/calibration/mountbench.c): {@code threads}
 * threads starting {@code containers} containers of {@code layers} layers in one idmap
 * mode, with {@code readers} mountinfo watchers, and what it measured.
 *
 * @param syscallMeanUs per-syscall mean latency by the probe's names (open_tree,
 *                      mount_setattr, move_mount, overlay_mount, umount_detach)
 * @param latencyP50Ms  median start latency
 * @param latencyP95Ms  95th percentile start latency
 */
public record MeasuredRun(int threads, int layers, IdmapMode mode, int readers, int containers,
                          double startsPerSecond, double latencyMeanMs, double latencyP99Ms,
                          Map<String, Double> syscallMeanUs, double latencyP50Ms, double latencyP95Ms) {
}
