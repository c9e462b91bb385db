// mountsim hardware probe: the global-lock-bench pattern (Netflix "Mount Mayhem", pause_bench)
// on this host, to check workload.kind: lockbench against a real machine.
//
// N threads each run ITERATIONS critical sections under one global test-and-set lock:
//   while (lock held || atomic exchange fails) PAUSE;   critical section: counter++;   release
// Thread i is pinned to CPU i mod (online CPUs), as the model places them
// (lockbench/LockBenchSimulation: "thread i on the i-th allowed CPU, wrapping"). With more
// threads than CPUs the kernel time-slices the threads of one CPU; a thread preempted while it
// holds the lock stalls every spinner until it runs again (lock-holder preemption).
// ns_per_cs = wall time from the start barrier to the last thread's end / (N x ITERATIONS);
// the median of REPS runs is printed with the min and max.
//
// Build and run (no privileges needed; nothing is mounted):
//   gcc -O2 -pthread -o lockbench lockbench.c
//   ./lockbench [total_critical_sections=2000000] [reps=3] [max_threads=128]
// Output rows:
//   lockbench threads=N iterations=<per thread> reps=R ns_per_cs=<median> min=<> max=<>
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static volatile int lock_word __attribute__((aligned(64)));
static volatile long counter __attribute__((aligned(64)));
static volatile int go;
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
            __builtin_ia32_pause();
        }
        counter++;
        __atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE);
    }
    return NULL;
}

static double run(int threads) {
    pthread_t th[1024];
    go = 0;
    counter = 0;
    for (long i = 0; i < threads; i++) {
        pthread_create(&th[i], NULL, worker, (void *) i);
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
    return t / ((double) iterations * threads) * 1e9;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    long total = argc > 1 ? atol(argv[1]) : 2000000;
    int reps = argc > 2 ? atoi(argv[2]) : 3;
    int maxThreads = argc > 3 ? atoi(argv[3]) : 128;
    cpus = (int) sysconf(_SC_NPROCESSORS_ONLN);
    printf("# online cpus=%d total_critical_sections=%ld\n", cpus, total);
    for (int threads = 1; threads <= maxThreads; threads *= 2) {
        iterations = total / threads;
        double v[64];
        for (int r = 0; r < reps; r++) {
            v[r] = run(threads);
        }
        qsort(v, reps, sizeof(double), cmp);
        printf("lockbench threads=%d iterations=%ld reps=%d ns_per_cs=%.2f min=%.2f max=%.2f\n", threads, iterations,
               reps, v[reps / 2], v[0], v[reps - 1]);
        fflush(stdout);
    }
    return 0;
}
