// mountsim hardware probe: the child-mount walk's cost per child when its lines live in L2,
// in L3, and the core clock, so that the cost can be split into core work (scales with the
// clock) and dependent loads (scale with each machine's load-to-use latency).
//
// open_tree(OPEN_TREE_CLONE)'s __do_loopback() calls has_locked_children(), which runs
// is_subdir() for every child mount of the source mount under namespace_sem (fs/namespace.c):
// per child it follows mnt_child.next, reads mnt_mountpoint, then walks d_parent from that
// dentry (fs/dcache.c d_ancestor()). Those are dependent loads on lines unique to each child
// (its struct mount, its mountpoint dentry), plus the shared parent dentries.
//
// How it measures: children are bind mounts of one empty directory onto R/m/<i> (R a tmpfs),
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
//   ./child-walk-levels
// Output rows:
//   core-clock ghz=<GHz>
//   child-walk children=<n> open_tree_us=<mean>
#define _GNU_SOURCE
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
            __asm__ volatile("add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
                             "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0" : "+r"(x));
        }
        double s = now() - t0;
        best = s < best ? s : best;
    }
    return n / best / 1e9;
}

int main(void) {
    cpu_set_t s;
    CPU_ZERO(&s);
    CPU_SET(0, &s);
    sched_setaffinity(0, sizeof s, &s);
    if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
        perror("private mount namespace");
        return 1;
    }
    printf("core-clock ghz=%.3f\n", core_ghz());
    const char *R = "/tmp/child-walk-levels";
    mkdir(R, 0755);
    if (mount("tmpfs", R, "tmpfs", 0, "size=256m")) {
        perror("tmpfs");
        return 1;
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
    for (unsigned k = 0; k < sizeof steps / sizeof steps[0]; k++) {
        for (; n < steps[k]; n++) {
            snprintf(b, sizeof b, "%s/m/%d", R, n);
            mkdir(b, 0755);
            if (mount("/tmp/child-walk-levels/empty", b, NULL, MS_BIND, NULL)) {
                perror("bind child");
                return 1;
            }
        }
        double t = 0;
        int reps = 200;
        for (int r = 0; r < 4; r++) {
            double t0 = now();
            for (int i = 0; i < reps; i++) {
                fds[i] = syscall(SYS_open_tree, AT_FDCWD, "/tmp/child-walk-levels/src", OPEN_TREE_CLONE);
                if (fds[i] < 0) {
                    perror("open_tree");
                    return 1;
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
    return 0;
}
