// mountsim probe kit: context-switch, the cost of one switch between two tasks on a busy CPU.
//
// WHAT: when a task blocks (a lock waiter going to sleep) and another runnable task on the
// same CPU takes over, the CPU spends the switch: the blocking syscall, __schedule()
// (pick_next_task_fair(), context_switch() -> switch_mm_irqs_off() is skipped between
// threads of one process, switch_to() saves and restores registers, finish_task_switch()),
// and the woken side's return to user space. The model charges this per switch
// (SchedulerParams' context-switch cost).
// Kernel path per half round trip: thread A: futex_wake() -> try_to_wake_up() puts B on
// this CPU's run queue (ttwu_do_activate(); wakeup_preempt() may mark A for preemption),
// then A's futex_wait() -> futex_wait_queue() -> schedule() -> __schedule() switches to B,
// which returns from its own futex_wait().
//
// HOW: two threads pinned to the same CPU (the first allowed one) ping-pong a futex word:
// A sets it to 1 and wakes B, then waits while it is 1; B sets it to 0, wakes A, waits
// while it is 0. One round trip is two switches, each including a FUTEX_WAKE and a
// FUTEX_WAIT syscall (about what a lock hand-over to a sleeper costs). Clock:
// CLOCK_MONOTONIC around each batch of 100 round trips; one sample = batch time / 200
// switches (timing single switches would add the clock read to each). Warm-up: the
// first 20 batches are dropped. Pinned to one CPU so no wakeup crosses CPUs and no
// idle CPU is woken.
//
// ROWS: context-switch method=futex cpu=C samples=N switches_per_sample=200 mean_us= p50_us=
//       p90_us= p99_us= min_us= max_us=
// usage: context-switch BATCHES
#include "probe.h"
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>

#define ROUND_TRIPS 100
#define WARMUP 20
static _Atomic int word;
static _Atomic int stop;
static int cpu;

static long futex(_Atomic int *addr, int op, int val) {
  return syscall(SYS_futex, (int *)addr, op, val, NULL, NULL, 0);
}

static void *partner(void *arg) {
  (void)arg;
  if (probe_pin(cpu) < 0) probe_fail(PROBE_FAILED, "sched_setaffinity(partner)");
  for (;;) {
    while (atomic_load(&word) == 0) futex(&word, FUTEX_WAIT_PRIVATE, 0);
    if (atomic_load(&stop)) return NULL;
    atomic_store(&word, 0);
    futex(&word, FUTEX_WAKE_PRIVATE, 1);
  }
}

int main(int argc, char **argv) {
  if (argc != 2 || atol(argv[1]) < 1) { fprintf(stderr, "usage: %s BATCHES\n", argv[0]); return PROBE_USAGE; }
  long batches = atol(argv[1]) + WARMUP;
  int cpus[1] = {0};
  if (probe_allowed_cpus(cpus, 1) < 1) probe_fail(PROBE_FAILED, "no allowed CPU");
  cpu = cpus[0];
  if (probe_pin(cpu) < 0) probe_fail(PROBE_FAILED, "sched_setaffinity");
  pthread_t t; pthread_create(&t, NULL, partner, NULL);
  double *samples = calloc(batches, sizeof *samples);
  for (long b = 0; b < batches; b++) {
    long long t0 = probe_now_ns();
    for (int i = 0; i < ROUND_TRIPS; i++) {
      atomic_store(&word, 1);
      futex(&word, FUTEX_WAKE_PRIVATE, 1);
      while (atomic_load(&word) == 1) futex(&word, FUTEX_WAIT_PRIVATE, 1);
    }
    samples[b] = (probe_now_ns() - t0) / 1e3 / (2.0 * ROUND_TRIPS);
  }
  atomic_store(&stop, 1); atomic_store(&word, 1); futex(&word, FUTEX_WAKE_PRIVATE, 1);
  pthread_join(t, NULL);
  probe_stats_t s = probe_stats(samples + WARMUP, batches - WARMUP);
  printf("context-switch method=futex cpu=%d samples=%ld switches_per_sample=%d mean_us=%.3f p50_us=%.3f p90_us=%.3f p99_us=%.3f "
         "min_us=%.3f max_us=%.3f\n", cpu, s.n, 2 * ROUND_TRIPS, s.mean, s.p50, s.p90, s.p99, s.min, s.max);
  return probe_finish();
}
