package io.mountsim.models.kernel;

/**
 * The kernel side of a scenario: call costs on the host and the parameters the model
 * needs to split them into lock-held and lock-free parts. Defaults and fitted values
 * come from the calibration profile (see {@code io.mountsim.models.calibration}).
 */
public record KernelProfile(SyscallCostsUs syscallsUs) {
}
