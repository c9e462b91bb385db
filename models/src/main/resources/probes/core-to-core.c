// mountsim hardware probe: one-way cache-line transfer latency between two CPUs, the
// figure topology/CoreToCoreNs holds for each preset (nviennot/core-to-core-latency's
// method: two threads pinned to the two CPUs bounce one cache line).
//
// How it measures: ONE shared line holding a counter; thread A (CPU a) waits until it is even
// and compare-and-swaps it to odd, thread B (CPU b) waits until it is odd and swaps it to
// even. Each handoff is one move of the line to the other CPU (its waiting read misses,
// then its CAS finds the line there), so one-way = time / handoffs. 200,000 round trips per
// run, best (lowest) of 7 runs, and the median, as rows:
//   core-to-core from=<a> to=<b> one_way_ns=<best> median_ns=<median>
// Build and run (no privileges needed):
//   gcc -O2 -pthread -o core-to-core core-to-core.c
//   ./core-to-core [cpu_a=0] [cpu_b=1]
#define _GNU_SOURCE
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
    pthread_setaffinity_np(pthread_self(), sizeof s, &s);
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
    cpuA = argc > 1 ? atoi(argv[1]) : 0;
    cpuB = argc > 2 ? atoi(argv[2]) : 1;
    pthread_t th;
    pthread_create(&th, NULL, responder, NULL);
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
    return 0;
}
