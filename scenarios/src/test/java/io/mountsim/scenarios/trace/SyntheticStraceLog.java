package io.mountsim.scenarios.trace;

import io.mountsim.scenarios.diag.Problems;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * An strace log of (about) any length, generated as it is read (never held): a node's syscalls,
 * mostly reads, with a 3-layer container start (open_tree, mount_setattr, move_mount per
 * layer, then the overlay mount) every 1,000 lines, one microsecond per line.
 *
 * <p>{@code main(bytes)} parses that many bytes and prints "calls=N skipped=M"; run in a JVM
 * with a heap far smaller than the log, it shows the parser's memory does not grow with
 * the log.
 */
public final class SyntheticStraceLog extends InputStream {
    private final long size;
    private long produced;
    private long lineNo;
    private byte[] current = new byte[0];
    private int at;

    public SyntheticStraceLog(long size) {
        this.size = size;
    }

    private static final String READ = "read(3, \"\\x00\\x01 some bytes of a layer tarball \"..., 4096) = 4096 <0.000011>";

    private byte[] line(long n) {
        long us = 269646 + n;
        String ts = (1795790817L + us / 1_000_000) + "." + String.format("%06d", us % 1_000_000);
        int k = (int) (n % 1000);
        String call;
        if (k < 9) {
            call = switch (k % 3) {
                case 0 -> "open_tree(AT_FDCWD, \"/var/lib/containerd/layer" + k / 3 + "\", OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC) = 7 <0.000040>";
                case 1 -> "mount_setattr(7, \"\", AT_EMPTY_PATH, {attr_set=MOUNT_ATTR_IDMAP, userns_fd=8}, 32) = 0 <0.000030>";
                default -> "move_mount(7, \"\", AT_FDCWD, \"/run/tmp/l" + k / 3 + "\", MOVE_MOUNT_F_EMPTY_PATH) = 0 <0.000020>";
            };
        } else if (k == 9) {
            call = "mount(\"overlay\", \"/run/rootfs\", \"overlay\", 0, \"lowerdir=/run/tmp/l0:/run/tmp/l1:/run/tmp/l2,upperdir=/u,workdir=/w\") = 0 <0.000300>";
        } else {
            call = READ;
        }
        return ("4242 " + ts + " " + call + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int n = 0;
        while (n < len) {
            if (at == current.length) {
                if (produced >= size) {
                    break; // whole lines only: the log ends after the line that reaches the size
                }
                current = line(lineNo++);
                at = 0;
            }
            int take = Math.min(len - n, current.length - at);
            System.arraycopy(current, at, b, off + n, take);
            at += take;
            n += take;
            produced += take;
        }
        return n == 0 ? -1 : n;
    }

    public static void main(String[] args) throws Exception {
        Problems problems = new Problems();
        ParsedTrace t = StraceParser.parse(new SyntheticStraceLog(Long.parseLong(args[0])), "synthetic.strace",
                OptionalInt.empty(), problems);
        if (t == null) {
            System.out.println("problems=" + problems.list());
            return;
        }
        System.out.println("calls=" + t.calls() + " skipped=" + t.skippedLines() + " heapMaxMB=" + Runtime.getRuntime().maxMemory() / (1 << 20));
    }
}
