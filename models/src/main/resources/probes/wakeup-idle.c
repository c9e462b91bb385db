// mountsim probe kit: wakeup-idle, the latency of waking a sleeping task onto an idle CPU.
//
// WHAT: a lock waiter (rwsem_down_write_slowpath(), a futex, a grace-period waiter) sleeps
// on one CPU while that CPU has nothing else to run; another CPU wakes it. The latency
// from the waker's wake call to the wakee's first user instruction is what the model
// charges for a wakeup onto an idle CPU (SchedulerParams' wakeup latency).
// Kernel path: futex_wake() -> wake_up_q() -> try_to_wake_up() -> ttwu_queue_wakelist()
// queues the task on the remote CPU's wake list and sends an IPI
// (send_call_function_single_ipi()), unless the idle CPU is polling (set_nr_if_polling():
// no IPI); the idle CPU leaves do_idle()/cpuidle (haltpoll polls for up to
// guest_halt_poll_ns before halting a KVM vCPU; a halted vCPU needs a VM exit and entry),
// runs sched_ttwu_pending(), schedule_idle() -> __schedule() switches to the wakee, which
// returns from futex_wait() to user space.
//
// HOW: two threads pinned to two different allowed CPUs (the first two; the pair's
// topology class is printed). The wakee blocks in FUTEX_WAIT. The waker sleeps
// idle_gap_us (clock_nanosleep, so both CPUs are idle for that long), reads
// CLOCK_MONOTONIC (vDSO; the TSC is synchronised across CPUs), stores the time in a
// shared word and calls FUTEX_WAKE; the wakee reads CLOCK_MONOTONIC on return, and the
// difference is one sample. The waker waits until the wakee is blocked again before the
// next gap (it spins on a "parked" flag the wakee sets just before FUTEX_WAIT, then
// sleeps the gap, longer than the few hundred ns between the flag and the sleep).
// Two gaps: 50 us (inside haltpoll's polling window: a short lock hand-over) and 2000 us
// (past it: the CPU has halted; the waits of a contended mount path are ms long).
// Warm-up: the first 200 samples of each gap are dropped.
//
// ROWS: wakeup-idle idle_gap_us=G samples=N mean_us= p50_us= p90_us= p99_us= min_us= max_us=
//       cpu_waker=A cpu_wakee=B class=llc|smt|other-llc|other-socket cpuidle_driver=NAME
//       or, with fewer than two allowed CPUs: wakeup-idle skipped reason=one-cpu
// usage: wakeup-idle SAMPLES_PER_GAP
#include "probe.h"
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>

#define WARMUP 200
static _Atomic int word;           // futex word: 0 = wait, 1 = woken
static _Atomic int parked;         // the wakee is about to FUTEX_WAIT
static _Atomic long long t_wake;   // waker's clock just before FUTEX_WAKE
static _Atomic int done;
static double *samples;
static long nsamples;
static int cpu_wakee;

static long futex(_Atomic int *addr, int op, int val) {
  return syscall(SYS_futex, (int *)addr, op, val, NULL, NULL, 0);
}

static void *wakee(void *arg) {
  (void)arg;
  if (probe_pin(cpu_wakee) < 0) probe_fail(PROBE_FAILED, "sched_setaffinity(wakee)");
  for (long i = 0; !atomic_load(&done); i++) {
    atomic_store(&word, 0);
    atomic_store(&parked, 1);
    while (atomic_load(&word) == 0 && !atomic_load(&done)) futex(&word, FUTEX_WAIT_PRIVATE, 0);
    long long t1 = probe_now_ns();
    if (i < nsamples) samples[i] = (t1 - atomic_load(&t_wake)) / 1e3;
  }
  return NULL;
}

// the topology class of two CPUs, from sysfs (see pingpong.c for the definitions)
static const char *pair_class(int a, int b) {
  char x[256], y[256];
  if (probe_sysfs(x, sizeof x, "/sys/devices/system/cpu/cpu%d/topology/physical_package_id", a) == 0
      && probe_sysfs(y, sizeof y, "/sys/devices/system/cpu/cpu%d/topology/physical_package_id", b) == 0 && strcmp(x, y))
    return "other-socket";
  if (probe_sysfs(x, sizeof x, "/sys/devices/system/cpu/cpu%d/topology/thread_siblings_list", a) == 0
      && probe_sysfs(y, sizeof y, "/sys/devices/system/cpu/cpu%d/topology/thread_siblings_list", b) == 0 && !strcmp(x, y))
    return "smt";
  if (probe_sysfs(x, sizeof x, "/sys/devices/system/cpu/cpu%d/cache/index3/shared_cpu_list", a) == 0
      && probe_sysfs(y, sizeof y, "/sys/devices/system/cpu/cpu%d/cache/index3/shared_cpu_list", b) == 0 && strcmp(x, y))
    return "other-llc";
  return "llc";
}

int main(int argc, char **argv) {
  if (argc != 2 || atol(argv[1]) < 1) { fprintf(stderr, "usage: %s SAMPLES_PER_GAP\n", argv[0]); return PROBE_USAGE; }
  long want = atol(argv[1]);
  int cpus[2];
  if (probe_allowed_cpus(cpus, 2) < 2) { printf("wakeup-idle skipped reason=one-cpu\n"); return probe_finish(); }
  int cpu_waker = cpus[0]; cpu_wakee = cpus[1];
  char driver[64]; probe_cpuidle_driver(driver, sizeof driver);
  const int gaps_us[] = {50, 2000};
  for (int g = 0; g < 2; g++) {
    nsamples = want + WARMUP;
    samples = calloc(nsamples, sizeof *samples);
    atomic_store(&done, 0); atomic_store(&parked, 0); atomic_store(&word, 0);
    pthread_t t; pthread_create(&t, NULL, wakee, NULL);
    if (probe_pin(cpu_waker) < 0) probe_fail(PROBE_FAILED, "sched_setaffinity(waker)");
    struct timespec gap = {0, gaps_us[g] * 1000L};
    for (long i = 0; i < nsamples; i++) {
      while (!atomic_load(&parked)) probe_cpu_relax();
      atomic_store(&parked, 0);
      clock_nanosleep(CLOCK_MONOTONIC, 0, &gap, NULL);
      atomic_store(&t_wake, probe_now_ns());
      atomic_store(&word, 1);
      futex(&word, FUTEX_WAKE_PRIVATE, 1);
    }
    while (!atomic_load(&parked)) probe_cpu_relax();
    atomic_store(&done, 1); atomic_store(&word, 1); futex(&word, FUTEX_WAKE_PRIVATE, 1);
    pthread_join(t, NULL);
    probe_stats_t s = probe_stats(samples + WARMUP, want);
    printf("wakeup-idle idle_gap_us=%d samples=%ld mean_us=%.2f p50_us=%.2f p90_us=%.2f p99_us=%.2f min_us=%.2f max_us=%.2f "
           "cpu_waker=%d cpu_wakee=%d class=%s cpuidle_driver=%s\n",
           gaps_us[g], s.n, s.mean, s.p50, s.p90, s.p99, s.min, s.max, cpu_waker, cpu_wakee,
           pair_class(cpu_waker, cpu_wakee), driver);
    free(samples);
  }
  return probe_finish();
}
