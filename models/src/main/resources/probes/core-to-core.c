// mountsim probe kit: core-to-core
//
// WHAT: one-way cache-line transfer latency between two CPUs, the
// figure topology/CoreToCoreNs holds for each preset (nviennot/core-to-core-latency's
// method: two threads pinned to the two CPUs bounce one cache line).
//
// HOW: ONE shared line holding a counter; thread A (CPU a) waits until it is even
// and compare-and-swaps it to odd, thread B (CPU b) waits until it is odd and swaps it to
// even. Each handoff is one move of the line to the other CPU (its waiting read misses,
// then its CAS finds the line there), so one-way = time / handoffs. 200,000 round trips per
// run, best (lowest) of 7 runs, and the median.
// ROWS:
//   core-to-core from=<a> to=<b> one_way_ns=<best> median_ns=<median>
//   or, with one CPU: core-to-core skipped reason=one-cpu
// Build and run (no privileges needed):
//   gcc -O2 -pthread -o core-to-core core-to-core.c
//   ./core-to-core [auto | cpu_a cpu_b]   (auto, the default: the first two CPUs this process may use)
#include "probe.h"
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ROUNDS 200000
#define RUNS 7

static volatile long line __attribute__((aligned(64)));
static int cpuA, cpuB;

static void pin(int cpu) {
    cpu_set_t s;
    CPU_ZERO(&s);
    CPU_SET(cpu, &s);
    int rc = pthread_setaffinity_np(pthread_self(), sizeof s, &s);
    if (rc) {
        errno = rc;
        probe_fail(PROBE_FAILED, "pthread_setaffinity_np (is the CPU online and allowed?)");
    }
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void *responder(void *arg) {
    (void) arg;
    pin(cpuB);
    for (long i = 0; i < (long) ROUNDS * RUNS; i++) {
        long odd = 2 * i + 1;
        while (!__sync_bool_compare_and_swap(&line, odd, odd + 1)) {
        }
    }
    return NULL;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    int cpus[2];
    int n = probe_allowed_cpus(cpus, 2);
    if (argc > 3 || (argc == 2 && strcmp(argv[1], "auto") != 0)) {
        fprintf(stderr, "usage: %s [auto | cpu_a cpu_b]\n", argv[0]);
        return PROBE_USAGE;
    }
    if (n < 2) {
        printf("core-to-core skipped reason=one-cpu\n");
        return probe_finish();
    }
    cpuA = argc > 2 ? atoi(argv[1]) : cpus[0];
    cpuB = argc > 2 ? atoi(argv[2]) : cpus[1];
    pthread_t th;
    if (pthread_create(&th, NULL, responder, NULL)) {
        probe_fail(PROBE_FAILED, "pthread_create");
    }
    pin(cpuA);
    double v[RUNS];
    long i = 0;
    for (int r = 0; r < RUNS; r++) {
        double t0 = now();
        for (int k = 0; k < ROUNDS; k++, i++) {
            long even = 2 * i;
            while (!__sync_bool_compare_and_swap(&line, even, even + 1)) {
            }
        }
        v[r] = (now() - t0) / ROUNDS / 2 * 1e9;
    }
    pthread_join(th, NULL);
    qsort(v, RUNS, sizeof(double), cmp);
    printf("core-to-core from=%d to=%d one_way_ns=%.1f median_ns=%.1f\n", cpuA, cpuB, v[0], v[RUNS / 2]);
    return probe_finish();
}
