// mountsim probe (not in the kit): lockbench-owners -- lockbench.c's loop, counting how often
// the lock changes owner. A test-and-set lock can cost less per critical section than one
// cache-line transfer (calibration/epyc-2core: lockbench.txt 24.5 ns at 2 threads against a
// 26-31 ns transfer in core-to-core.txt) when the releaser re-takes the lock from its own
// cache before a PAUSE-ing spinner's poll arrives; this measures that share.
// Inside the critical section (under the lock) each thread compares the last owner with its
// own id and counts a change: owner_changes / critical sections = the share of sections that
// were handed to another thread. The extra compare and stores lengthen the section by a few
// ns over lockbench.c's (its lines stay in the holder's cache between handoffs).
// ROWS:
//   lockbench-owners threads=N iterations=<per thread> reps=R ns_per_cs=<median> handoff_share=<median> min=<> max=<>
//
// Original lockbench.c header follows.
//
// WHAT: N threads each run ITERATIONS critical sections under one global test-and-set lock:
//   while (lock held || atomic exchange fails) PAUSE;   critical section: counter++;   release
// Thread i is pinned to CPU i mod (online CPUs), as the model places them
// (lockbench/LockBenchSimulation: "thread i on the i-th allowed CPU, wrapping"). With more
// threads than CPUs the kernel time-slices the threads of one CPU; a thread preempted while it
// holds the lock stalls every spinner until it runs again (lock-holder preemption).
// HOW: ns_per_cs = wall time from the start barrier to the last thread's end / (N x ITERATIONS);
// the median of REPS runs is printed with the min and max.
//
// Build and run (no privileges needed; nothing is mounted):
//   gcc -O2 -pthread -o lockbench lockbench.c
//   ./lockbench [total_critical_sections=2000000] [reps=3] [max_threads=128|2xcpus]
// Thread counts 1, 2, 4, ... up to max_threads (and max_threads itself); 2xcpus = twice the
// online CPUs, the range the kit's --quick run covers.
// ROWS:
//   lockbench-setup cpus=<online CPUs> total_critical_sections=<per run>
//   lockbench threads=N iterations=<per thread> reps=R ns_per_cs=<median> min=<> max=<>
#include "probe.h"
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static volatile int lock_word __attribute__((aligned(64)));
static volatile long counter __attribute__((aligned(64)));
static volatile long last_owner; /* touched only under the lock */
static volatile long owner_changes;
static volatile int go;
#define MAX_THREADS 1024
#define MAX_REPS 64
static long iterations;
static int cpus;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void *worker(void *arg) {
    long id = (long) arg;
    cpu_set_t s;
    CPU_ZERO(&s);
    CPU_SET(id % cpus, &s);
    pthread_setaffinity_np(pthread_self(), sizeof s, &s);
    while (!go) {
        sched_yield();
    }
    for (long i = 0; i < iterations; i++) {
        for (;;) {
            if (!lock_word && !__atomic_exchange_n(&lock_word, 1, __ATOMIC_ACQUIRE)) {
                break;
            }
            probe_cpu_relax();
        }
        counter++;
        if (last_owner != id) {
            owner_changes++;
            last_owner = id;
        }
        __atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE);
    }
    return NULL;
}

static double share;

static double run(int threads) {
    static pthread_t th[MAX_THREADS];
    go = 0;
    counter = 0;
    owner_changes = 0;
    last_owner = -1;
    for (long i = 0; i < threads; i++) {
        if (pthread_create(&th[i], NULL, worker, (void *) i)) {
            probe_fail(PROBE_FAILED, "pthread_create");
        }
    }
    usleep(50000);
    double t0 = now();
    go = 1;
    for (int i = 0; i < threads; i++) {
        pthread_join(th[i], NULL);
    }
    double t = now() - t0;
    if (counter != iterations * threads) {
        fprintf(stderr, "lost updates: %ld of %ld\n", counter, iterations * threads);
        exit(1);
    }
    share = (double) (owner_changes - 1) / ((double) iterations * threads);
    return t / ((double) iterations * threads) * 1e9;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

static void bench(int threads, long total, int reps) {
    iterations = total / threads;
    double v[MAX_REPS], h[MAX_REPS];
    for (int r = 0; r < reps; r++) {
        v[r] = run(threads);
        h[r] = share;
    }
    qsort(v, reps, sizeof(double), cmp);
    qsort(h, reps, sizeof(double), cmp);
    printf("lockbench-owners threads=%d iterations=%ld reps=%d ns_per_cs=%.2f handoff_share=%.4f min=%.4f max=%.4f\n",
           threads, iterations, reps, v[reps / 2], h[reps / 2], h[0], h[reps - 1]);
    fflush(stdout);
}

int main(int argc, char **argv) {
    long total = argc > 1 ? atol(argv[1]) : 2000000;
    int reps = argc > 2 ? atoi(argv[2]) : 3;
    cpus = (int) sysconf(_SC_NPROCESSORS_ONLN);
    int maxThreads = argc > 3 ? (strcmp(argv[3], "2xcpus") == 0 ? 2 * cpus : atoi(argv[3])) : 128;
    if (argc > 4 || total < 1 || reps < 1 || reps > MAX_REPS || maxThreads < 1 || maxThreads > MAX_THREADS) {
        fprintf(stderr, "usage: %s [total_critical_sections>0] [reps=1..%d] [max_threads=1..%d|2xcpus]\n", argv[0],
                MAX_REPS, MAX_THREADS);
        return PROBE_USAGE;
    }
    printf("lockbench-owners-setup cpus=%d total_critical_sections=%ld\n", cpus, total);
    int threads = 1;
    for (; threads <= maxThreads; threads *= 2) {
        bench(threads, total, reps);
    }
    if (threads / 2 != maxThreads) {
        bench(maxThreads, total, reps);
    }
    return probe_finish();
}
