// mountsim probe kit: child-walk-levels
//
// WHAT: the child-mount walk's cost per child when its lines live in L2,
// in L3, and the core clock, so that the cost can be split into core work (scales with the
// clock) and dependent loads (scale with each machine's load-to-use latency).
//
// open_tree(OPEN_TREE_CLONE)'s __do_loopback() calls has_locked_children(), which runs
// is_subdir() for every child mount of the source mount under namespace_sem (fs/namespace.c):
// per child it follows mnt_child.next, reads mnt_mountpoint, then walks d_parent from that
// dentry (fs/dcache.c d_ancestor()). Those are dependent loads on lines unique to each child
// (its struct mount, its mountpoint dentry), plus the shared parent dentries.
//
// HOW: children are bind mounts of one empty directory onto R/m/<i> (R a tmpfs),
// so each is a child of R's mount, as containerd's /tmp/ovl-idmapped* mounts are children of
// the root filesystem's mount. For each count (0 .. 64,000) the mean open_tree latency over
// 4 x 200 calls is printed, with the clones closed untimed between batches. The working set
// per child is about 3 lines (192 bytes): up to ~5,000 children fit the 1 MiB L2 of a Zen 4
// core, from ~10,000 on they live in L3 (32 MiB), so the slope between the two regimes gives
// the number of dependent loads per child times (L3 - L2 latency).
// It also prints the core clock, from a chain of dependent 64-bit adds (1 cycle each on every
// x86-64 core: Agner Fog, instruction tables), timed with CLOCK_MONOTONIC.
//
// Build and run (root; everything happens in a private mount namespace made here):
//   gcc -O2 -o child-walk-levels child-walk-levels.c
//   ./child-walk-levels [max_children=64000] [calls=200]
// (the sweep stops at the last step <= max_children; the kit runs it to 16,000, which holds
// the L2 and L3 regimes MemoryHierarchy uses; the 32,000 and 64,000 steps took ~3 minutes)
// ROWS:
//   core-clock ghz=<GHz>
//   child-walk children=<n> open_tree_us=<mean>
#include "probe.h"
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static double core_ghz(void) {
    const long n = 200000000;
    double best = 1e9;
    for (int r = 0; r < 5; r++) {
        uint64_t x = 1;
        double t0 = now();
        for (long i = 0; i < n; i += 8) {
#if defined(__x86_64__) || defined(__i386__)
            __asm__ volatile("add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
                             "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0" : "+r"(x));
#elif defined(__aarch64__)
            __asm__ volatile("add %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1\n\t"
                             "add %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1" : "+r"(x));
#else
            x += 8; // no dependent-add chain for this architecture: the clock row is meaningless
            __asm__ volatile("" : "+r"(x));
#endif
        }
        double s = now() - t0;
        best = s < best ? s : best;
    }
    return n / best / 1e9;
}

int main(int argc, char **argv) {
    probe_private_mount_ns();
    int max_children = argc > 1 ? atoi(argv[1]) : 64000;
    int reps = argc > 2 ? atoi(argv[2]) : 200;
    if (argc > 3 || max_children < 0 || reps < 1 || reps > 200) {
        fprintf(stderr, "usage: %s [max_children=64000] [calls=1..200]\n", argv[0]);
        return PROBE_USAGE;
    }
    int cpus[1];
    if (probe_allowed_cpus(cpus, 1) < 1 || probe_pin(cpus[0])) {
        probe_fail(PROBE_FAILED, "pin");
    }
    printf("core-clock ghz=%.3f\n", core_ghz());
    const char *R = "/tmp/mbw";
    mkdir(R, 0755);
    if (mount("tmpfs", R, "tmpfs", 0, "size=256m")) {
        probe_fail(PROBE_NOT_PRIVILEGED, "tmpfs");
    }
    char b[256];
    snprintf(b, sizeof b, "%s/src", R);
    mkdir(b, 0755);
    snprintf(b, sizeof b, "%s/empty", R);
    mkdir(b, 0755);
    snprintf(b, sizeof b, "%s/m", R);
    mkdir(b, 0755);
    int steps[] = {0, 500, 1000, 2000, 4000, 8000, 16000, 32000, 64000};
    int n = 0;
    static int fds[200];
    for (unsigned k = 0; k < sizeof steps / sizeof steps[0] && steps[k] <= max_children; k++) {
        for (; n < steps[k]; n++) {
            snprintf(b, sizeof b, "%s/m/%d", R, n);
            mkdir(b, 0755);
            if (mount("/tmp/mbw/empty", b, NULL, MS_BIND, NULL)) {
                probe_fail(PROBE_FAILED, "bind child");
            }
        }
        double t = 0;
        for (int r = 0; r < 4; r++) {
            double t0 = now();
            for (int i = 0; i < reps; i++) {
                fds[i] = syscall(SYS_open_tree, AT_FDCWD, "/tmp/mbw/src", OPEN_TREE_CLONE);
                if (fds[i] < 0) {
                    probe_fail(errno == ENOSYS ? PROBE_NO_MOUNT_API : PROBE_FAILED, "open_tree");
                }
            }
            t += now() - t0;
            for (int i = 0; i < reps; i++) {
                close(fds[i]);
            }
        }
        printf("child-walk children=%d open_tree_us=%.2f\n", n, t / (4 * reps) * 1e6);
        fflush(stdout);
    }
    return probe_finish();
}
