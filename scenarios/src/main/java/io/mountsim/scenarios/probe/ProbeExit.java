package io.mountsim.scenarios.probe;

import java.util.Arrays;
import java.util.Optional;

/**
 * The probes' exit codes (probes/probe.h, enum probe_exit; probes/FORMAT.md) and the one
 * line that tells the user what to do about each.
 */
public enum ProbeExit {
    OK(0, null),
    FAILED(1, null),
    USAGE(2, null),
    NOT_PRIVILEGED(10, "the kernel refused a private mount namespace or a mount (EPERM): run as root with "
            + "CAP_SYS_ADMIN, not inside a container that drops it (docker run --privileged, or on the host)"),
    NO_MOUNT_API(11, "this kernel has no open_tree/move_mount/mount_setattr (ENOSYS): the kit needs Linux 5.12 or "
            + "later, as containerd's idmapped mounts do"),
    NO_IDMAP(12, "this kernel refuses idmapped mounts of tmpfs (mount_setattr MOUNT_ATTR_IDMAP): the kit needs "
            + "Linux 6.3 or later"),
    NO_USERNS(13, "user namespaces are unavailable (unshare(CLONE_NEWUSER) refused) and idmapped mounts need one: "
            + "set sysctl user.max_user_namespaces above 0 (and kernel.unprivileged_userns_clone=1 where it exists)"),
    NO_SPACE(14, "no space left on the device holding the probe's output: free space in the temporary directory "
            + "or point java.io.tmpdir elsewhere (java -Djava.io.tmpdir=DIR -jar mountsim.jar probe)"),
    NO_MOUNT_NS(15, "this kernel has no mount namespaces (unshare(CLONE_NEWNS): EINVAL): the kit needs a kernel "
            + "built with CONFIG_NAMESPACES");

    private final int code;
    private final String fix;

    ProbeExit(int code, String fix) {
        this.code = code;
        this.fix = fix;
    }

    public int code() {
        return code;
    }

    /** The host problem this code reports, if it reports one. */
    public Optional<String> hostProblem() {
        return Optional.ofNullable(fix);
    }

    public static Optional<ProbeExit> of(int code) {
        return Arrays.stream(values()).filter(e -> e.code == code).findFirst();
    }
}
