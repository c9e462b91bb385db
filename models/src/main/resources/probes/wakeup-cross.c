// mountsim probe kit: wakeup-cross, the extra CPU a wakeup costs when it crosses CPUs, the
// waker's part and the woken side's part.
//
// WHAT: a lock release wakes a sleeping waiter (rwsem_wake() -> wake_up_q() -> futex_wake()
// is the same path) -> try_to_wake_up(). When the waiter is placed on the waker's own CPU,
// ttwu_do_activate() enqueues it locally. When it is placed on ANOTHER CPU, the waker either
// queues it on that CPU's wake list and sends an IPI (ttwu_queue_wakelist() ->
// __smp_call_single_queue() -> send_call_function_single_ipi()), or takes the remote run
// queue's lock, enqueues it there and, when it should preempt the task running there,
// sends a reschedule IPI (resched_curr() -> smp_send_reschedule()); kernel/sched/core.c.
// The woken side then takes the interrupt (sched_ttwu_pending() or scheduler_ipi()) and
// switches. In a KVM guest sending an IPI is a VM exit (x2APIC ICR write) and receiving one
// is an injected interrupt. The model charges the waker's part to the waker's CPU and the
// woken side's part to the target CPU before the woken task runs (CpuScheduler.wake()).
//
// HOW (the pbare/xbare method of scenarios/validation/switch-cold/switch-cold.c): futex
// handoff rings. A handoff sets the next task's word, FUTEX_WAKEs it (timed with
// CLOCK_MONOTONIC around the call: the waker's part) and FUTEX_WAITs on its own word.
//   target=busy: two rings of THREADS/2 tasks at once plus a pair of filler threads per CPU
//     that hand that CPU back and forth all run long, so no wakeup ever finds its target CPU
//     idle (no wake-list IPI to an idle CPU, no exit from idle: those the wakeup-idle probe
//     measures). placement=local: each ring on its own CPU (every wakeup stays on the
//     waker's CPU); placement=cross: a ring's tasks alternate CPUs (every wakeup crosses).
//     One run's cpu_per_handoff_us = the ring threads' own CPU time (thread CPU clocks, the
//     fillers left out) / handoffs: the CPU the waker and the woken task spend per handoff.
//   target=idle: one ring of 2 tasks on two CPUs (placement=cross): each wakeup finds the
//     other CPU idle (nothing else runs there) and goes through the wake list and its IPI.
//     Only the waker's part is taken from it: the woken side's part on an idle CPU is the
//     idle wakeup latency, which wakeup-idle measures and the model already charges.
// Per repetition: busy/local, busy/cross, idle/cross, each a fresh set of threads, pinned
// to the first two allowed CPUs. Warm-up: one busy/cross run of HANDOFFS/4, not counted
// (without it the first crossing run of a process often ran 1.5-2x slower).
// Summaries, paired by repetition (mean and standard error over the repetitions):
//   target=busy: extra_us = cross - local cpu_per_handoff_us (all the extra CPU of a crossing
//     wakeup); waker_extra_us = cross - local futex_wake_us; woken_extra_us = extra_us -
//     waker_extra_us (what the woken side pays: the IPI's interrupt and the remote switch)
//   target=idle: waker_extra_us = idle/cross futex_wake_us - busy/local futex_wake_us (the
//     local FUTEX_WAKE does not depend on the other CPU's state)
// futex_wake_us counts only the FUTEX_WAKE calls that woke a sleeper (the call returned 1;
// woke_share = their share of the handoffs): in the idle ring the woken task often hands the
// turn back before its waker is asleep again, and waking no one costs far less than an IPI.
// With SCHED_NORMAL a woken task may preempt its waker (check_preempt_wakeup_fair()); the
// fillers keep that rare (involuntary_share in the rows).
//
// ROWS:
//   wakeup-cross-run target=busy|idle placement=local|cross threads=T rep=R handoffs=N woke_share=
//     switches_per_handoff= involuntary_share= cpu_per_handoff_us= futex_wake_us= wall_us=
//   wakeup-cross target=busy threads=T samples=REPS local_cpu_us= cross_cpu_us= extra_us= extra_se_us=
//     waker_local_us= waker_cross_us= waker_extra_us= waker_extra_se_us= woken_extra_us= woken_extra_se_us=
//   wakeup-cross target=idle threads=2 samples=REPS waker_local_us= waker_cross_us= waker_extra_us= waker_extra_se_us=
//   or, with fewer than two allowed CPUs: wakeup-cross skipped reason=one-cpu
// usage: wakeup-cross HANDOFFS REPS THREADS   (THREADS even, 4-64; idle runs do HANDOFFS/4)
#include "probe.h"
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/resource.h>

#define MAXT 64
#define MAXREPS 64
static int cpu, cpu2, nthreads, rings, cross, fill;
static long handoffs_per_run;
static _Atomic int word[MAXT];
static long handoffs[MAXT], wakes[MAXT], switches[MAXT], involuntary[MAXT];
static long long wake_ns[MAXT], ring_cpu_ns[MAXT];
static _Atomic int fill_word[4], fill_stop;

static long futex(_Atomic int *addr, int op, int val) {
  return syscall(SYS_futex, (int *)addr, op, val, NULL, NULL, 0);
}
static void wait_turn(int me) {
  while (atomic_load(&word[me]) == 0) futex(&word[me], FUTEX_WAIT_PRIVATE, 0);
}
static int next_of(int me) { int per = nthreads / rings; return me / per * per + (me % per + 1) % per; }
// gives the turn to the next task of the ring and sleeps until it comes back
static void handoff(int me) {
  int next = next_of(me);
  atomic_store(&word[me], 0);
  atomic_store(&word[next], 1);
  long long w0 = probe_now_ns();
  long woke = futex(&word[next], FUTEX_WAKE_PRIVATE, 1);
  long long w1 = probe_now_ns();
  if (woke == 1) { wake_ns[me] += w1 - w0; wakes[me]++; } // the waker's side of a wakeup that woke a sleeper
  handoffs[me]++;
  wait_turn(me);
}
static void *filler(void *arg) {
  int me = (int)(long)arg, peer = me ^ 1;
  if (probe_pin(me < 2 ? cpu : cpu2) < 0) probe_fail(PROBE_FAILED, "sched_setaffinity(filler)");
  while (!atomic_load(&fill_stop)) {
    while (atomic_load(&fill_word[me]) == 0 && !atomic_load(&fill_stop)) futex(&fill_word[me], FUTEX_WAIT_PRIVATE, 0);
    atomic_store(&fill_word[me], 0);
    atomic_store(&fill_word[peer], 1);
    futex(&fill_word[peer], FUTEX_WAKE_PRIVATE, 1);
  }
  atomic_store(&fill_word[peer], 1); futex(&fill_word[peer], FUTEX_WAKE_PRIVATE, 1);
  return NULL;
}
static void *worker(void *arg) {
  int me = (int)(long)arg, per = nthreads / rings;
  // local: ring r on CPU r; cross: a ring's tasks alternate CPUs, so each handoff crosses
  int second = cross ? (me % per + me / per) % 2 : me / per;
  if (probe_pin(second ? cpu2 : cpu) < 0) probe_fail(PROBE_FAILED, "sched_setaffinity(worker)");
  wait_turn(me);
  struct rusage u0, u1; getrusage(RUSAGE_THREAD, &u0);
  long long c0 = probe_thread_cpu_ns();
  for (long i = 0; i < handoffs_per_run / nthreads; i++) handoff(me);
  ring_cpu_ns[me] = probe_thread_cpu_ns() - c0;
  getrusage(RUSAGE_THREAD, &u1);
  switches[me] = (u1.ru_nvcsw - u0.ru_nvcsw) + (u1.ru_nivcsw - u0.ru_nivcsw);
  involuntary[me] = u1.ru_nivcsw - u0.ru_nivcsw;
  // done: pass the turn on for good (the word stays 1) so no one is left asleep
  int next = next_of(me);
  atomic_store(&word[next], 1); futex(&word[next], FUTEX_WAKE_PRIVATE, 1);
  return NULL;
}

typedef struct { double cpu_per_handoff_us, futex_wake_us; } result_t;

static result_t run(const char *target, int busy, int placement_cross, int threads, long nh, int rep) {
  nthreads = threads; rings = busy ? 2 : 1; cross = placement_cross; fill = busy; handoffs_per_run = nh;
  memset(handoffs, 0, sizeof handoffs); memset(wakes, 0, sizeof wakes); memset(switches, 0, sizeof switches); memset(involuntary, 0, sizeof involuntary);
  memset(wake_ns, 0, sizeof wake_ns); memset(ring_cpu_ns, 0, sizeof ring_cpu_ns);
  for (int i = 0; i < MAXT; i++) atomic_store(&word[i], 0);
  atomic_store(&fill_stop, 0);
  for (int i = 0; i < 4; i++) atomic_store(&fill_word[i], i % 2 == 0);
  pthread_t th[MAXT], fth[4];
  int nfill = fill ? 4 : 0;
  for (long i = 0; i < nfill; i++) pthread_create(&fth[i], NULL, filler, (void *)i);
  for (long i = 0; i < threads; i++) pthread_create(&th[i], NULL, worker, (void *)i);
  usleep(20000); // every worker is asleep on its word
  long long t0 = probe_now_ns();
  for (int r = 0; r < rings; r++) { int w = r * (threads / rings); atomic_store(&word[w], 1); futex(&word[w], FUTEX_WAKE_PRIVATE, 1); }
  for (int i = 0; i < threads; i++) pthread_join(th[i], NULL);
  double wall_us = (probe_now_ns() - t0) / 1e3;
  atomic_store(&fill_stop, 1);
  for (int i = 0; i < 4; i++) { atomic_store(&fill_word[i], 1); futex(&fill_word[i], FUTEX_WAKE_PRIVATE, 1); }
  for (int i = 0; i < nfill; i++) pthread_join(fth[i], NULL);
  long h = 0, wk = 0, sw = 0, inv = 0; long long wn = 0, rc = 0;
  for (int i = 0; i < threads; i++) { h += handoffs[i]; wk += wakes[i]; sw += switches[i]; inv += involuntary[i]; wn += wake_ns[i]; rc += ring_cpu_ns[i]; }
  result_t r = { h ? rc / 1e3 / h : 0, wk ? wn / 1e3 / wk : 0 };
  if (rep < 0) return r; // the warm-up run
  printf("wakeup-cross-run target=%s placement=%s threads=%d rep=%d handoffs=%ld woke_share=%.3f switches_per_handoff=%.3f"
         " involuntary_share=%.3f cpu_per_handoff_us=%.3f futex_wake_us=%.3f wall_us=%.0f\n",
         target, placement_cross ? "cross" : "local", threads, rep, h, h ? (double)wk / h : 0, h ? (double)sw / h : 0,
         sw ? (double)inv / sw : 0, r.cpu_per_handoff_us, r.futex_wake_us, wall_us);
  fflush(stdout);
  return r;
}

// square root by Newton's method (no libm: `cc -O2 -pthread` links nothing else)
static double sqrt_approx(double x) {
  if (x <= 0) return 0;
  double r = x > 1 ? x : 1;
  for (int i = 0; i < 60; i++) r = 0.5 * (r + x / r);
  return r;
}
static void mean_se(const double *v, int n, double *mean, double *se) {
  double s = 0, q = 0; for (int i = 0; i < n; i++) s += v[i];
  *mean = s / n;
  for (int i = 0; i < n; i++) q += (v[i] - *mean) * (v[i] - *mean);
  *se = n > 1 ? sqrt_approx(q / (n - 1) / n) : 0;
}

int main(int argc, char **argv) {
  long nh = argc == 4 ? atol(argv[1]) : 0;
  int reps = argc == 4 ? atoi(argv[2]) : 0, threads = argc == 4 ? atoi(argv[3]) : 0;
  if (argc != 4 || nh < 1000 || reps < 1 || reps > MAXREPS || threads < 4 || threads > MAXT || threads % 2) {
    fprintf(stderr, "usage: %s HANDOFFS(>= 1000) REPS(1-%d) THREADS(even, 4-%d)\n", argv[0], MAXREPS, MAXT);
    return PROBE_USAGE;
  }
  int cpus[2] = {0};
  if (probe_allowed_cpus(cpus, 2) < 2) { printf("wakeup-cross skipped reason=one-cpu\n"); return probe_finish(); }
  cpu = cpus[0]; cpu2 = cpus[1];
  static result_t bl[MAXREPS], bx[MAXREPS], ix[MAXREPS];
  run("busy", 1, 1, threads, nh / 4, -1); // warm-up, not counted: the first crossing run of a process ran slow
  for (int rep = 0; rep < reps; rep++) {
    bl[rep] = run("busy", 1, 0, threads, nh, rep);
    bx[rep] = run("busy", 1, 1, threads, nh, rep);
    ix[rep] = run("idle", 0, 1, 2, nh / 4, rep);
  }
  double extra[MAXREPS], wx[MAXREPS], wo[MAXREPS], iw[MAXREPS], lc[MAXREPS], xc[MAXREPS], lw[MAXREPS], xw[MAXREPS], iwc[MAXREPS];
  for (int r = 0; r < reps; r++) {
    lc[r] = bl[r].cpu_per_handoff_us; xc[r] = bx[r].cpu_per_handoff_us;
    lw[r] = bl[r].futex_wake_us; xw[r] = bx[r].futex_wake_us; iwc[r] = ix[r].futex_wake_us;
    extra[r] = xc[r] - lc[r]; wx[r] = xw[r] - lw[r]; wo[r] = extra[r] - wx[r]; iw[r] = iwc[r] - lw[r];
  }
  double m[9], se[9];
  mean_se(lc, reps, &m[0], &se[0]); mean_se(xc, reps, &m[1], &se[1]); mean_se(extra, reps, &m[2], &se[2]);
  mean_se(lw, reps, &m[3], &se[3]); mean_se(xw, reps, &m[4], &se[4]); mean_se(wx, reps, &m[5], &se[5]);
  mean_se(wo, reps, &m[6], &se[6]); mean_se(iwc, reps, &m[7], &se[7]); mean_se(iw, reps, &m[8], &se[8]);
  printf("wakeup-cross target=busy threads=%d samples=%d local_cpu_us=%.3f cross_cpu_us=%.3f extra_us=%.3f extra_se_us=%.3f"
         " waker_local_us=%.3f waker_cross_us=%.3f waker_extra_us=%.3f waker_extra_se_us=%.3f woken_extra_us=%.3f woken_extra_se_us=%.3f\n",
         threads, reps, m[0], m[1], m[2], se[2], m[3], m[4], m[5], se[5], m[6], se[6]);
  printf("wakeup-cross target=idle threads=2 samples=%d waker_local_us=%.3f waker_cross_us=%.3f waker_extra_us=%.3f waker_extra_se_us=%.3f\n",
         reps, m[3], m[7], m[8], se[8]);
  return probe_finish();
}
