package io.mountsim.models.calibration;

/** The probe's cost of one full read of /proc/self/mountinfo with {@code mounts} lines. */
public record MeasuredMountinfoRead(int mounts, double readUs) {
}
