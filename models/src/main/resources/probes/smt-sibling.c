// mountsim probe kit: smt-sibling -- how much does the OTHER CPU's activity slow work on this one?
//
// WHAT: answers two questions for the SMT model (topology/HardwareCosts, sched/CpuScheduler):
//  1. are the host's two vCPUs hyperthread siblings of one core? A compute loop on vCPU 0
//     runs at the same rate whatever vCPU 1 does when they are separate cores; about
//     1.2-1.7x slower while vCPU 1 computes too when they share one core's pipeline.
//  2. how much less does a PAUSE-spinning sibling take than a busy one? Spinners in the
//     kernel (osq_lock, rwsem_spin_on_owner, read_seqbegin) and in global-lock-bench loop on
//     PAUSE + a load of the lock word.
//
// HOW: the workload runs pinned on the first allowed CPU (A) while the load runs on its SMT
// sibling when sysfs (topology/thread_siblings_list) names one, else on the second allowed
// CPU (B); below, "vCPU 0" is A and "vCPU 1" is B. The workload runs pinned on vCPU 0 for a fixed time per trial while a
// load thread pinned on vCPU 1 is idle (no thread), PAUSE-spins on a shared word, runs the
// same compute loop, or issues the same mount syscalls. Loads are interleaved trial by trial
// (idle, pause, compute, mount, idle, ...) so that drift of the host hits every load alike,
// and the median over trials is reported. Times are the measuring thread's CPU time
// (CLOCK_THREAD_CPUTIME_ID), so that other processes time-sharing vCPU 0 on a shared
// machine do not count as a slowdown; a sibling sharing the core's pipeline still does. ratio = the load's time per operation over the
// idle load's (1.0 = no slowdown).
//  - workload=compute: four independent 64-bit multiply-add chains (integer pipes shared by
//    SMT siblings), ns per loop iteration.
//  - workload=mount-syscalls: open_tree(OPEN_TREE_CLONE) of a directory of a tmpfs that has
//    CHILDREN child mounts (has_locked_children() walks them under namespace_sem: the
//    mount path's lock-held pointer chase), ns per call; the clones are closed outside the
//    timed part. The mount load issues the same calls, so it also contends namespace_sem.
// It also prints the PAUSE instruction's latency on this CPU (rdtsc-free: 10^7 PAUSEs
// timed with CLOCK_MONOTONIC).
//
// Build and run (root; all mounts live in a private mount namespace created here, and are
// gone when the process exits):
//   gcc -O2 -pthread -o smt-sibling smt-sibling.c
//   ./smt-sibling [trials=15] [trial_ms=300] [children=2000]
// ROWS:
//   pause-latency ns=<ns per PAUSE>
//   smt-sibling-setup cpu=A other_cpu=B shares_core=yes|no children=N trials=N trial_ms=T
//   smt-sibling load=<idle|pause|compute|mount> workload=<compute|mount-syscalls> trials=N ns_per_op=<median> min=<> max=<> ratio=<median/idle median>
//   or, with one CPU: smt-sibling skipped reason=one-cpu
#include "probe.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif

enum load { IDLE, PAUSE, COMPUTE, MOUNT, LOADS };
static const char *LOAD_NAMES[] = {"idle", "pause", "compute", "mount"};

static volatile int stop_load;
static volatile int spin_word;
static const char *SRC = "/tmp/mbs/src";
static int cpu_a, cpu_b; // the measured CPU and the one carrying the load

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* CPU time of the calling thread: other processes time-sharing vCPU 0 do not count. */
static double cpu_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void pin(int cpu) {
    cpu_set_t s;
    CPU_ZERO(&s);
    CPU_SET(cpu, &s);
    if (sched_setaffinity(0, sizeof s, &s)) {
        probe_fail(PROBE_FAILED, "sched_setaffinity");
    }
}

static uint64_t compute_block(uint64_t iters) {
    uint64_t a = 1, b = 2, c = 3, d = 4;
    for (uint64_t i = 0; i < iters; i++) {
        a = a * 6364136223846793005ULL + 1442695040888963407ULL;
        b = b * 2862933555777941757ULL + 3037000493ULL;
        c = c * 3202034522624059733ULL + 1ULL;
        d = d * 1181783497276652981ULL + 7ULL;
    }
    return a ^ b ^ c ^ d;
}

static volatile uint64_t sink;

static int open_close_batch(int n, double *open_seconds) {
    static int fds[64];
    double t0 = cpu_now();
    for (int i = 0; i < n; i++) {
        fds[i] = syscall(SYS_open_tree, AT_FDCWD, SRC, OPEN_TREE_CLONE);
        if (fds[i] < 0) {
            probe_fail(errno == ENOSYS ? PROBE_NO_MOUNT_API : PROBE_FAILED, "open_tree");
        }
    }
    *open_seconds += cpu_now() - t0;
    for (int i = 0; i < n; i++) {
        close(fds[i]);
    }
    return n;
}

static void *load_thread(void *arg) {
    enum load l = (enum load) (intptr_t) arg;
    pin(cpu_b);
    double ignored = 0;
    while (!stop_load) {
        switch (l) {
        case PAUSE:
            for (int i = 0; i < 1000 && !spin_word; i++) {
                probe_cpu_relax();
            }
            break;
        case COMPUTE:
            sink = compute_block(100000);
            break;
        case MOUNT:
            open_close_batch(16, &ignored);
            break;
        default:
            return NULL;
        }
    }
    return NULL;
}

/** One trial: ns per operation of the workload on vCPU 0 while vCPU 1 carries {@code l}. */
static double trial(enum load l, int mountWorkload, double seconds) {
    pthread_t th;
    stop_load = 0;
    if (l != IDLE && pthread_create(&th, NULL, load_thread, (void *) (intptr_t) l)) {
        probe_fail(PROBE_FAILED, "pthread_create");
    }
    usleep(20000); // let the load reach vCPU 1
    double result;
    if (mountWorkload) {
        double open_s = 0;
        long ops = 0;
        double end = now() + seconds;
        while (now() < end) {
            ops += open_close_batch(32, &open_s);
        }
        result = open_s / ops * 1e9;
    } else {
        const uint64_t block = 200000;
        uint64_t iters = 0;
        double end = now() + seconds, c0 = cpu_now();
        do {
            sink = compute_block(block);
            iters += block;
        } while (now() < end);
        result = (cpu_now() - c0) / iters * 1e9;
    }
    stop_load = 1;
    if (l != IDLE) {
        pthread_join(th, NULL);
    }
    return result;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

// Mounts under /tmp/mbs, inside the private mount namespace main() entered first.
static void setup_mounts(int children) {
    mkdir("/tmp/mbs", 0755);
    if (mount("tmpfs", "/tmp/mbs", "tmpfs", 0, "size=16m")) {
        probe_fail(PROBE_NOT_PRIVILEGED, "tmpfs");
    }
    mkdir(SRC, 0755);
    mkdir("/tmp/mbs/m", 0755);
    char b[256];
    for (int i = 0; i < children; i++) {
        snprintf(b, sizeof b, "/tmp/mbs/m/%d", i);
        mkdir(b, 0755);
        if (mount("none", b, "tmpfs", 0, "size=64k")) {
            probe_fail(PROBE_FAILED, "child tmpfs");
        }
    }
}

// The first allowed CPU and, for the load, its SMT sibling if sysfs names an allowed one,
// else the second allowed CPU. Returns whether they share a core; -1 with fewer than two CPUs.
static int choose_cpus(void) {
    int cpus[CPU_SETSIZE];
    int n = probe_allowed_cpus(cpus, CPU_SETSIZE);
    if (n < 2) {
        return -1;
    }
    cpu_a = cpus[0];
    cpu_b = cpus[1];
    char list[256];
    if (probe_sysfs(list, sizeof list, "/sys/devices/system/cpu/cpu%d/topology/thread_siblings_list", cpu_a) == 0) {
        for (char *p = list; *p;) { // a kernel CPU list: "0,64" or "0-1"
            long lo = strtol(p, &p, 10), hi = lo;
            if (*p == '-') {
                hi = strtol(p + 1, &p, 10);
            }
            for (long c = lo; c <= hi; c++) {
                for (int i = 1; i < n; i++) {
                    if (cpus[i] == c) {
                        cpu_b = (int) c;
                        return 1;
                    }
                }
            }
            if (*p == ',') {
                p++;
            } else {
                break;
            }
        }
    }
    return 0;
}

int main(int argc, char **argv) {
    probe_private_mount_ns();
    int trials = argc > 1 ? atoi(argv[1]) : 15;
    double seconds = (argc > 2 ? atoi(argv[2]) : 300) / 1000.0;
    int children = argc > 3 ? atoi(argv[3]) : 2000;
    if (argc > 4 || trials < 1 || seconds <= 0 || children < 0) {
        fprintf(stderr, "usage: %s [trials=15] [trial_ms=300] [children=2000]\n", argv[0]);
        return PROBE_USAGE;
    }
    int shares_core = choose_cpus();
    if (shares_core < 0) {
        printf("smt-sibling skipped reason=one-cpu\n");
        return probe_finish();
    }
    setup_mounts(children);
    pin(cpu_a);

    const long pauses = 10000000;
    double best = 1e9;
    for (int r = 0; r < 5; r++) {
        double t0 = now();
        for (long i = 0; i < pauses; i++) {
            probe_cpu_relax();
        }
        double ns = (now() - t0) / pauses * 1e9;
        best = ns < best ? ns : best;
    }
    printf("pause-latency ns=%.2f\n", best);
    printf("smt-sibling-setup cpu=%d other_cpu=%d shares_core=%s children=%d trials=%d trial_ms=%.0f\n", cpu_a, cpu_b,
           shares_core ? "yes" : "no", children, trials, seconds * 1000);

    for (int w = 0; w < 2; w++) {
        double *v[LOADS];
        for (int l = 0; l < LOADS; l++) {
            v[l] = calloc(trials, sizeof(double));
        }
        for (int t = 0; t < trials; t++) {
            for (int l = 0; l < LOADS; l++) {
                v[l][t] = trial((enum load) l, w, seconds);
            }
        }
        double idle = 0;
        for (int l = 0; l < LOADS; l++) {
            qsort(v[l], trials, sizeof(double), cmp);
            double med = v[l][trials / 2];
            if (l == IDLE) {
                idle = med;
            }
            printf("smt-sibling load=%s workload=%s trials=%d ns_per_op=%.3f min=%.3f max=%.3f ratio=%.3f\n",
                   LOAD_NAMES[l], w ? "mount-syscalls" : "compute", trials, med, v[l][0], v[l][trials - 1],
                   med / idle);
            fflush(stdout);
        }
    }
    return probe_finish();
}
