// mountsim validation probe: switch-cold, what a mount-path call costs right after another
// task of the same kind ran on its CPU (cold caches and TLB after a context switch).
// Hand-run (not in the kit: it found no such cost on the development host, but a cross-CPU
// wakeup cost instead; README.md here).
// Build: cc -O2 -pthread -I models/src/main/resources/probes -o switch-cold scenarios/validation/switch-cold/switch-cold.c
//
// WHAT: under contention a container-start thread sleeps on namespace_sem
// (rwsem_down_write_slowpath() -> schedule()), another start thread runs on its CPU, and the
// first is switched back in (__schedule() -> context_switch(); threads of one process share
// the mm, so switch_mm_irqs_off() keeps the TLB: what can go cold is what the other task's
// kernel work pushed out of the CPU's caches: this task's kernel stack, task_struct and the
// mount structures it touches). context-switch.c's futex ping-pong measures the switch with
// nothing between two switches; this probe measures what the next mount-path call pays on
// top when another task made the same calls in between.
//
// HOW: a private tmpfs at /tmp/mb with L layer directories, as mountbench's mode=parent
// (containerd >= 2.2; the same calls as mountbench's `parent` mode): one start =
// open_tree(OPEN_TREE_CLONE) of the layers' parent -> mount_setattr(MOUNT_ATTR_IDMAP) ->
// move_mount onto the start's directory -> close(fd) -> mount("overlay", lowerdir = the L
// idmapped subdirectories) -> umount2(MNT_DETACH) of the idmapped parent; overlays stay
// mounted as in mountbench (the table grows by a line a start). Every directory is made
// before the clock starts. T threads, pinned to the first allowed CPU, run STARTS starts
// between them (STARTS/T each), in one of six modes:
//   alone  T=1: one thread, nothing else on its CPU (the baseline);
//   call   after EVERY timed call a thread hands the CPU to the next thread: a futex handoff
//          (it sets the next thread's word, FUTEX_WAKEs it and FUTEX_WAITs on its own), so
//          exactly one other task runs one call of the same sequence between two of this
//          task's calls, as a lock handoff to a sleeper does. sched_yield() would not
//          guarantee it: a yield never sleeps and under EEVDF does not always switch, so
//          the calls of the tasks could interleave in any order;
//   start  the same handoff after each whole start only (T-1 whole starts in between);
//   bare   the same handoff with no call between two handoffs (the bare switch, as
//          context-switch.c measures it, with 2 to 32 tasks taking turns);
//   evict  T=1, and after every call the thread writes 4 MiB of its own buffer, a line at a
//          time (L1 and L2 wiped, 1024 pages of TLB entries replaced): what a call pays when
//          its caches ARE cold, to show the method sees such a cost;
//   cross  T=2, one thread on each of the first two CPUs, handing off after every call: the
//          mount structures the next call touches were last written on the other CPU
//          (cache-line transfers; the handoff is then a wakeup of an idle CPU);
//   pbare  two bare rings of T/2 tasks at once, each ring on its own CPU (both CPUs busy);
//   xbare  the same two rings, but a ring's tasks alternate CPUs, so every handoff wakes a
//          task onto the OTHER CPU (try_to_wake_up() across CPUs: the remote run queue, or
//          its wake list and an IPI when that CPU is idle; in a KVM guest an IPI is a VM
//          exit on both sides), as a lock release does when the waiter last ran there.
//          pbare/xbare: per switch = the process's CPU time (CLOCK_PROCESS_CPUTIME_ID) /
//          switches; futex_wake_us = the waker's FUTEX_WAKE call (with SCHED_NORMAL it also
//          holds the woken task's run when that preempts the waker).
// SWITCH_COLD_BATCH=1 in the environment makes the workers SCHED_BATCH: a woken task never
// preempts its waker (check_preempt_wakeup_fair()), so every handoff is one switch.
// SWITCH_COLD_FILL=1 (pbare/xbare) adds a pair of filler threads on each CPU that hand the CPU
// back and forth all run long, so no ring wakeup finds its target CPU idle (no wake-list IPI,
// no exit from idle); ring_cpu_per_switch_us = the ring threads' own CPU time (thread CPU
// clocks) / their switches, the fillers' time left out.
// Each call is timed alone with CLOCK_MONOTONIC (vDSO) read just before and after it, so a
// call's time holds no switch: what it gains after a switch is the cold cost inside the
// call. getrusage(RUSAGE_THREAD) counts every time a worker was switched out (voluntary:
// futex or umount2 sleep; involuntary: preempted by the thread it woke, EEVDF wakeup
// preemption), so the bare switch is wall time / switches, not / handoffs. The run's wall
// time per start less the unmount's sleep (idle time whose length depends on where the
// grace-period worker runs: scenarios/validation/umount-state/) holds the switches and
// every cold cost, inside the timed calls or not:
//   cold per switch = (that wall per start, switched - alone) / handoffs per start - bare switch
// Each run is a child process in its own private mount namespace (its mounts go with it);
// a suite runs alone and then every other mode once per repetition, 150 ms apart (the
// previous namespace's teardown), and compares each run with the same repetition's alone run
// (paired differences: mean and standard error over the repetitions). No warm-up start:
// the first of 256 starts weighs 0.4%.
//
// ROWS (per run; *_us = mean microseconds per call of that kind):
//   switch-cold-run mode=alone|call|start|evict|cross threads=T rep=R layers=L starts=N
//     wall_per_start_us= handoffs_per_start= switches_per_handoff= involuntary_share=
//     open_tree_us= mount_setattr_us= move_mount_us= overlay_mount_us= umount_detach_us=
//     umount_wait_us=     (wall - the thread's CPU time of umount2; switches include the
//     unmount's sleep, one a start)
//   switch-cold-bare threads=T rep=R handoffs=N switches_per_handoff= involuntary_share= switch_us=
//   switch-cold-pbare|xbare threads=T rings=2 rep=0 handoffs=N switches_per_handoff= involuntary_share=
//     cpu_per_switch_us= ring_cpu_per_switch_us= fillers=0|4 futex_wake_us= wall_us=
// summary over the repetitions:
//   switch-cold-bare-summary threads=T reps=R switch_us= se_us= switches_per_handoff=
//   switch-cold-call mode= threads=T kind=open_tree|... reps=R alone_us= switched_us= extra_us= extra_se_us=
//   switch-cold-switch mode=call|start|cross threads=T reps=R handoffs_per_start= bare_switch_us=
//     wall_extra_per_handoff_us= cold_per_switch_us= cold_per_switch_se_us=
//     cold_in_calls_per_switch_us= cold_in_calls_se_us=
//     (cold_in_calls = the timed calls' own extra per start, umount2 left out (its time is a
//     sleep), / handoffs per start; for mode=cross the wall numbers hold a wakeup of an idle
//     CPU per handoff, not a switch: read only its call rows)
//   switch-cold-evict kb=4096 reps=R evictions_per_start=5 cold_in_calls_per_eviction_us= se_us=
// usage: switch-cold suite STARTS REPS LAYERS
//        switch-cold alone|evict 1 STARTS LAYERS | call|start|bare THREADS STARTS LAYERS | cross 2 STARTS LAYERS
//        switch-cold pbare|xbare THREADS(even, >= 4) 0 LAYERS
#include "probe.h"
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/resource.h>

enum { K_OPEN, K_SETATTR, K_MOVE, K_OVL, K_UMOUNT, K_N };
static const char *KNAME[K_N] = {"open_tree", "mount_setattr", "move_mount", "overlay_mount", "umount_detach"};
enum mode { M_ALONE, M_CALL, M_START, M_BARE, M_EVICT, M_CROSS, M_PBARE, M_XBARE };
static const char *MNAME[] = {"alone", "call", "start", "bare", "evict", "cross", "pbare", "xbare"};
// pbare / xbare: two bare rings of THREADS/2 tasks at once, so both CPUs stay busy. pbare:
// each ring on its own CPU (the control); xbare: a ring's tasks alternate CPUs, so every
// handoff wakes a task onto the OTHER, busy CPU (try_to_wake_up() across CPUs: the remote run
// queue or its wake list and an IPI, then a switch there) as a lock release does when the
// waiter last ran on the other CPU. Per switch = the process's CPU time / switches.
static int bare_mode(int m) { return m == M_BARE || m == M_PBARE || m == M_XBARE; }
static int rings = 1;
static long futex(_Atomic int *addr, int op, int val) {
  return syscall(SYS_futex, (int *)addr, op, val, NULL, NULL, 0);
}
// evict: one thread alone that writes EVICT_KB of its own buffer, one line at a time, after
// every call: the next call finds its working set gone from L1/L2 (512 KiB-1 MiB per core on
// EPYC) and the TLB entries of 1024 pages replaced: the cost of a truly cold call, to show
// what the probe would see if a switch left the caches cold
#define EVICT_KB 4096
static volatile char *evict_buf;
static void evict(void) {
  if (!evict_buf) { evict_buf = malloc(EVICT_KB * 1024); if (!evict_buf) probe_fail(PROBE_FAILED, "malloc"); }
  for (long i = 0; i < EVICT_KB * 1024L; i += 64) evict_buf[i]++;
}
// square root by Newton's method (no libm: `cc -O2 -pthread` links nothing else)
static double sqrt_approx(double x) {
  if (x <= 0) return 0;
  double r = x > 1 ? x : 1;
  for (int i = 0; i < 60; i++) r = 0.5 * (r + x / r);
  return r;
}

static const char *ROOT = "/tmp/mb";
#define MAXT 64
#define BARE_HANDOFFS 40000 // per run, whatever the thread count
static int batch; // SWITCH_COLD_BATCH=1 in the environment
static int cpu, cpu2 = -1, nthreads, nstarts, nlayers, userns_fd = -1;
static enum mode mode;
static _Atomic int word[MAXT];
static long long call_ns[MAXT][K_N];
static long call_cnt[MAXT][K_N];
static long long umount_cpu_ns[MAXT];
static long handoffs[MAXT];
static long long wake_ns[MAXT];
static long switches[MAXT], involuntary[MAXT]; // getrusage(RUSAGE_THREAD): times each worker was switched out

typedef struct { double wake_us, ring_cpu_us; double wall_per_start_us, handoffs_per_start, switches_per_handoff, involuntary_share, call_us[K_N], umount_wait_us, bare_us; } run_result;

static void wait_turn(int me) {
  while (atomic_load(&word[me]) == 0) futex(&word[me], FUTEX_WAIT_PRIVATE, 0);
}
// gives the CPU to the next thread and sleeps until this one's turn comes back
static void handoff(int me) {
  if (nthreads == 1) return;
  int per = nthreads / rings, next = me / per * per + (me % per + 1) % per;
  atomic_store(&word[me], 0);
  atomic_store(&word[next], 1);
  long long w0 = probe_now_ns();
  futex(&word[next], FUTEX_WAKE_PRIVATE, 1);
  wake_ns[me] += probe_now_ns() - w0; // the waker's side of the wakeup (a remote one sends an IPI)
  handoffs[me]++;
  wait_turn(me);
}
// the last thread to finish must not leave the others asleep: a thread that is done
// passes its turn on forever (its word stays 1 once it leaves)
static void pass_on(int me) {
  if (nthreads == 1) return;
  int per = nthreads / rings, next = me / per * per + (me % per + 1) % per;
  atomic_store(&word[next], 1);
  futex(&word[next], FUTEX_WAKE_PRIVATE, 1);
}
static _Atomic int done[MAXT];
static void handoff_live(int me) { // handoff that skips threads already done
  if (nthreads == 1) return;
  int next = me;
  for (int i = 1; i < nthreads; i++) { int c = (me + i) % nthreads; if (!atomic_load(&done[c])) { next = c; break; } }
  if (next == me) return;
  atomic_store(&word[me], 0);
  atomic_store(&word[next], 1);
  futex(&word[next], FUTEX_WAKE_PRIVATE, 1);
  handoffs[me]++;
  wait_turn(me);
}

#define TIMED(me, k, stmt) do { long long _t = probe_now_ns(); stmt; call_ns[me][k] += probe_now_ns() - _t; call_cnt[me][k]++; } while (0)

static void one_start(int me, int s) {
  char dst[256], rootfs[256], opts[16384], one[320];
  snprintf(dst, sizeof dst, "%s/c/%d-%d/idp", ROOT, me, s);
  int fd; TIMED(me, K_OPEN, fd = syscall(SYS_open_tree, AT_FDCWD, "/tmp/mb/layers", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC));
  if (fd < 0) probe_fail(errno == ENOSYS ? PROBE_NO_MOUNT_API : PROBE_FAILED, "open_tree");
  if (mode == M_CALL || mode == M_CROSS) handoff_live(me); else if (mode == M_EVICT) evict();
  struct mount_attr a = {0};
  a.attr_set = MOUNT_ATTR_IDMAP; a.userns_fd = userns_fd;
  long r; TIMED(me, K_SETATTR, r = syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH, &a, sizeof a));
  if (r < 0) probe_fail(PROBE_NO_IDMAP, "mount_setattr");
  if (mode == M_CALL || mode == M_CROSS) handoff_live(me); else if (mode == M_EVICT) evict();
  TIMED(me, K_MOVE, r = syscall(SYS_move_mount, fd, "", AT_FDCWD, dst, MOVE_MOUNT_F_EMPTY_PATH));
  if (r < 0) probe_fail(PROBE_FAILED, "move_mount");
  close(fd);
  if (mode == M_CALL || mode == M_CROSS) handoff_live(me); else if (mode == M_EVICT) evict();
  opts[0] = 0; strcat(opts, "lowerdir=");
  for (int l = nlayers - 1; l >= 0; l--) { snprintf(one, sizeof one, "%s%s/l%d", l == nlayers - 1 ? "" : ":", dst, l); strcat(opts, one); }
  snprintf(one, sizeof one, ",upperdir=%s/c/%d-%d/upper,workdir=%s/c/%d-%d/work", ROOT, me, s, ROOT, me, s); strcat(opts, one);
  snprintf(rootfs, sizeof rootfs, "%s/c/%d-%d/rootfs", ROOT, me, s);
  TIMED(me, K_OVL, r = mount("overlay", rootfs, "overlay", 0, opts));
  if (r < 0) probe_fail(PROBE_FAILED, "mount overlay");
  if (mode == M_CALL || mode == M_CROSS) handoff_live(me); else if (mode == M_EVICT) evict();
  long long c0 = probe_thread_cpu_ns();
  TIMED(me, K_UMOUNT, r = umount2(dst, MNT_DETACH));
  umount_cpu_ns[me] += probe_thread_cpu_ns() - c0;
  if (r < 0) probe_fail(PROBE_FAILED, "umount2");
  if (mode == M_CALL || mode == M_START || mode == M_CROSS) handoff_live(me); else if (mode == M_EVICT) evict();
}

// SWITCH_COLD_FILL=1 (pbare/xbare): a pair of filler threads per CPU hands the CPU back and
// forth all run long, so a ring's wakeup never finds its target CPU idle (no wake-list IPI, no
// exit from idle): the remote wakeup onto a busy CPU alone
static int fill;
static _Atomic int fill_word[4], fill_stop;
static long long ring_cpu_ns[MAXT];
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
  int me = (int)(long)arg;
  int per_ring = nthreads / rings;
  int other = mode == M_CROSS ? me % 2 : mode == M_PBARE ? me / per_ring : mode == M_XBARE ? (me % per_ring + me / per_ring) % 2 : 0;
  if (probe_pin(other ? cpu2 : cpu) < 0) probe_fail(PROBE_FAILED, "sched_setaffinity(worker)");
  if (batch) { // SCHED_BATCH: a woken worker never preempts its waker (check_preempt_wakeup_fair())
    struct sched_param sp = {0};
    if (sched_setscheduler(0, SCHED_BATCH, &sp) < 0) probe_fail(PROBE_FAILED, "sched_setscheduler(SCHED_BATCH)");
  }
  wait_turn(me);
  struct rusage u0, u1; getrusage(RUSAGE_THREAD, &u0);
  long long tc0 = probe_thread_cpu_ns();
  if (bare_mode(mode)) {
    for (long i = 0; i < BARE_HANDOFFS / nthreads; i++) handoff(me);
  } else {
    for (int s = 0; s < nstarts / nthreads; s++) one_start(me, s);
  }
  ring_cpu_ns[me] = probe_thread_cpu_ns() - tc0;
  getrusage(RUSAGE_THREAD, &u1);
  switches[me] = (u1.ru_nvcsw - u0.ru_nvcsw) + (u1.ru_nivcsw - u0.ru_nivcsw);
  involuntary[me] = u1.ru_nivcsw - u0.ru_nivcsw;
  atomic_store(&done[me], 1);
  pass_on(me);
  return NULL;
}

static void mkdirf(const char *fmt, int a, int b) {
  char p[256]; snprintf(p, sizeof p, fmt, ROOT, a, b);
  if (mkdir(p, 0755) < 0 && errno != EEXIST) probe_fail(errno == ENOSPC ? PROBE_NO_SPACE : PROBE_FAILED, p);
}

// one run in this (child) process; fills *out
static int run(enum mode m, int threads, int starts, int layers, run_result *out) {
  mode = m; nthreads = threads; nstarts = starts / threads * threads; nlayers = layers;
  memset(call_ns, 0, sizeof call_ns); memset(call_cnt, 0, sizeof call_cnt);
  memset(umount_cpu_ns, 0, sizeof umount_cpu_ns); memset(handoffs, 0, sizeof handoffs); memset(wake_ns, 0, sizeof wake_ns); memset(ring_cpu_ns, 0, sizeof ring_cpu_ns);
  memset(switches, 0, sizeof switches); memset(involuntary, 0, sizeof involuntary);
  for (int i = 0; i < MAXT; i++) { atomic_store(&word[i], 0); atomic_store(&done[i], 0); }
  rings = m == M_PBARE || m == M_XBARE ? 2 : 1;
  if (!bare_mode(m)) {
    mkdir(ROOT, 0755);
    if (mount("tmpfs", ROOT, "tmpfs", 0, "size=64m") < 0) probe_fail(errno == EPERM ? PROBE_NOT_PRIVILEGED : PROBE_FAILED, "mount tmpfs");
    mkdirf("%s/layers", 0, 0); mkdirf("%s/c", 0, 0);
    for (int l = 0; l < layers; l++) mkdirf("%s/layers/l%d", l, 0);
    for (int t = 0; t < threads; t++)
      for (int s = 0; s < nstarts / threads; s++) {
        mkdirf("%s/c/%d-%d", t, s); char p[256];
        const char *sub[] = {"upper", "work", "rootfs", "idp"};
        for (int k = 0; k < 4; k++) { snprintf(p, sizeof p, "%s/c/%d-%d/%s", ROOT, t, s, sub[k]); if (mkdir(p, 0755) < 0) probe_fail(errno == ENOSPC ? PROBE_NO_SPACE : PROBE_FAILED, p); }
      }
    if (userns_fd < 0) userns_fd = probe_userns_fd();
    probe_check_idmap("/tmp/mb/layers", userns_fd);
  }
  if (probe_pin(cpu) < 0) probe_fail(PROBE_FAILED, "sched_setaffinity");
  pthread_t th[MAXT];
  pthread_t fth[4]; int nfill = fill && (m == M_PBARE || m == M_XBARE) ? 4 : 0;
  atomic_store(&fill_stop, 0);
  for (int i = 0; i < 4; i++) atomic_store(&fill_word[i], i % 2 == 0);
  for (long i = 0; i < nfill; i++) pthread_create(&fth[i], NULL, filler, (void *)i);
  for (long i = 0; i < threads; i++) pthread_create(&th[i], NULL, worker, (void *)i);
  usleep(20000); // every worker is asleep on its word
  long long t0 = probe_now_ns();
  long long cpu0 = 0; { struct timespec ts; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); cpu0 = ts.tv_sec * 1000000000LL + ts.tv_nsec; }
  for (int r = 0; r < rings; r++) { int w = r * (threads / rings); atomic_store(&word[w], 1); futex(&word[w], FUTEX_WAKE_PRIVATE, 1); }
  for (int i = 0; i < threads; i++) pthread_join(th[i], NULL);
  atomic_store(&fill_stop, 1);
  for (int i = 0; i < 4; i++) { atomic_store(&fill_word[i], 1); futex(&fill_word[i], FUTEX_WAKE_PRIVATE, 1); }
  for (int i = 0; i < nfill; i++) pthread_join(fth[i], NULL);
  double wall_us = (probe_now_ns() - t0) / 1e3;
  double cpu_us; { struct timespec ts; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); cpu_us = (ts.tv_sec * 1000000000LL + ts.tv_nsec - cpu0) / 1e3; }
  long h = 0; for (int i = 0; i < threads; i++) h += handoffs[i];
  if (m == M_EVICT) h = 5L * nstarts; // evictions stand in for handoffs
  long sw = 0, inv = 0; for (int i = 0; i < threads; i++) { sw += switches[i]; inv += involuntary[i]; }
  memset(out, 0, sizeof *out);
  out->switches_per_handoff = h ? (double)sw / h : 0;
  out->involuntary_share = sw ? (double)inv / sw : 0;
  // per switch, not per handoff: when the woken thread preempts its waker (EEVDF wakeup
  // preemption) the waker is switched out twice in one handoff (getrusage counts both)
  if (m == M_BARE) { out->bare_us = sw ? wall_us / sw : 0; return 0; }
  { long long wn = 0; for (int i = 0; i < threads; i++) wn += wake_ns[i]; out->wake_us = h ? wn / 1e3 / h : 0; }
  { long long rc = 0; for (int i = 0; i < threads; i++) rc += ring_cpu_ns[i]; out->ring_cpu_us = sw ? rc / 1e3 / sw : 0; }
  if (bare_mode(m)) { out->bare_us = sw ? cpu_us / sw : 0; out->wall_per_start_us = wall_us; return 0; }
  out->wall_per_start_us = wall_us / nstarts;
  out->handoffs_per_start = (double)h / nstarts;
  for (int k = 0; k < K_N; k++) {
    long long ns = 0; long c = 0;
    for (int i = 0; i < threads; i++) { ns += call_ns[i][k]; c += call_cnt[i][k]; }
    out->call_us[k] = c ? ns / 1e3 / c : 0;
  }
  long long ucpu = 0; for (int i = 0; i < threads; i++) ucpu += umount_cpu_ns[i];
  out->umount_wait_us = out->call_us[K_UMOUNT] - ucpu / 1e3 / nstarts;
  return 0;
}

static void print_run(enum mode m, int threads, int rep, const run_result *r) {
  if (m == M_PBARE || m == M_XBARE) {
    printf("switch-cold-%s threads=%d rings=2 rep=%d handoffs=%d switches_per_handoff=%.3f involuntary_share=%.3f cpu_per_switch_us=%.3f ring_cpu_per_switch_us=%.3f fillers=%d futex_wake_us=%.3f wall_us=%.0f\n",
           MNAME[m], threads, rep, BARE_HANDOFFS / threads * threads, r->switches_per_handoff, r->involuntary_share, r->bare_us, r->ring_cpu_us, fill ? 4 : 0, r->wake_us,
           r->wall_per_start_us);
    return;
  }
  if (m == M_BARE) {
    printf("switch-cold-bare threads=%d rep=%d handoffs=%d switches_per_handoff=%.3f involuntary_share=%.3f switch_us=%.3f\n",
           threads, rep, BARE_HANDOFFS / threads * threads, r->switches_per_handoff, r->involuntary_share, r->bare_us);
    return;
  }
  printf("switch-cold-run mode=%s threads=%d rep=%d layers=%d starts=%d wall_per_start_us=%.2f handoffs_per_start=%.2f"
         " switches_per_handoff=%.3f involuntary_share=%.3f",
         MNAME[m], threads, rep, nlayers, nstarts, r->wall_per_start_us, r->handoffs_per_start, r->switches_per_handoff, r->involuntary_share);
  for (int k = 0; k < K_N; k++) printf(" %s_us=%.3f", KNAME[k], r->call_us[k]);
  printf(" umount_wait_us=%.2f\n", r->umount_wait_us);
}

// a run in a child with its own private mount namespace; the result comes back through a pipe
typedef struct { enum mode m; int threads, starts, layers, fd; } job_t;
static int job(void *arg) {
  job_t *j = arg; run_result r;
  run(j->m, j->threads, j->starts, j->layers, &r);
  return write(j->fd, &r, sizeof r) == (ssize_t)sizeof r ? 0 : PROBE_FAILED;
}
static int run_child(enum mode m, int threads, int starts, int layers, run_result *out) {
  int p[2]; if (pipe(p) < 0) probe_fail(PROBE_FAILED, "pipe");
  job_t j = {m, threads, starts, layers, p[1]};
  int rc = probe_run_in_child(job, &j);
  close(p[1]);
  if (rc == 0 && read(p[0], out, sizeof *out) != (ssize_t)sizeof *out) rc = PROBE_FAILED;
  close(p[0]);
  usleep(150000); // the exited namespace's mounts are freed by a kworker (delayed_mntput_work)
  return rc;
}

// the suite's configurations after each repetition's alone run
typedef struct { enum mode m; int threads; } config_t;
static const config_t SUITE[] = {{M_CALL, 2}, {M_START, 2}, {M_BARE, 2}, {M_CALL, 4}, {M_START, 4}, {M_BARE, 4}, {M_BARE, 8}, {M_BARE, 32}, {M_EVICT, 1}, {M_CROSS, 2}};
#define NCONF (int)(sizeof SUITE / sizeof *SUITE)
#define MAXREPS 64

// mean and standard error of the mean of n values
static void mean_se(const double *v, int n, double *mean, double *se) {
  double s = 0, q = 0; for (int i = 0; i < n; i++) s += v[i];
  *mean = s / n;
  for (int i = 0; i < n; i++) q += (v[i] - *mean) * (v[i] - *mean);
  *se = n > 1 ? sqrt_approx(q / (n - 1) / n) : 0;
}

static int suite(int starts, int reps, int layers) {
  static run_result alone[MAXREPS], res[NCONF][MAXREPS];
  for (int rep = 0; rep < reps; rep++) {
    int rc;
    if ((rc = run_child(M_ALONE, 1, starts, layers, &alone[rep]))) return rc;
    nlayers = layers; nstarts = starts; print_run(M_ALONE, 1, rep, &alone[rep]);
    for (int c = 0; c < NCONF; c++) {
      if (SUITE[c].m == M_CROSS && cpu2 < 0) continue; // one CPU: no other CPU to cross to
      if ((rc = run_child(SUITE[c].m, SUITE[c].threads, starts, layers, &res[c][rep]))) return rc;
      nstarts = starts / SUITE[c].threads * SUITE[c].threads; print_run(SUITE[c].m, SUITE[c].threads, rep, &res[c][rep]);
    }
  }
  double bare[MAXT + 1] = {0};
  for (int c = 0; c < NCONF; c++) {
    if (SUITE[c].m != M_BARE) continue;
    double v[MAXREPS], m, se; for (int r = 0; r < reps; r++) v[r] = res[c][r].bare_us;
    mean_se(v, reps, &m, &se); bare[SUITE[c].threads] = m;
    double sph[MAXREPS], sm, sse; for (int r = 0; r < reps; r++) sph[r] = res[c][r].switches_per_handoff;
    mean_se(sph, reps, &sm, &sse);
    printf("switch-cold-bare-summary threads=%d reps=%d switch_us=%.3f se_us=%.3f switches_per_handoff=%.3f\n",
           SUITE[c].threads, reps, m, se, sm);
  }
  for (int c = 0; c < NCONF; c++) {
    if (SUITE[c].m == M_BARE || (SUITE[c].m == M_CROSS && cpu2 < 0)) continue;
    const char *mn = MNAME[SUITE[c].m]; int t = SUITE[c].threads;
    // each repetition's switched run against the same repetition's alone run (paired)
    double in_calls[MAXREPS] = {0}, wall[MAXREPS], h = 0;
    for (int k = 0; k < K_N; k++) {
      double a[MAXREPS], sw[MAXREPS], d[MAXREPS], am, sm, dm, ase, sse, dse;
      for (int r = 0; r < reps; r++) {
        a[r] = alone[r].call_us[k]; sw[r] = res[c][r].call_us[k]; d[r] = sw[r] - a[r];
        if (k != K_UMOUNT) in_calls[r] += d[r];
      }
      mean_se(a, reps, &am, &ase); mean_se(sw, reps, &sm, &sse); mean_se(d, reps, &dm, &dse);
      printf("switch-cold-call mode=%s threads=%d kind=%s reps=%d alone_us=%.3f switched_us=%.3f extra_us=%.3f extra_se_us=%.3f\n",
             mn, t, KNAME[k], reps, am, sm, dm, dse);
    }
    for (int r = 0; r < reps; r++) {
      h += res[c][r].handoffs_per_start / reps;
      // the unmount's sleep is left out: it is idle time whose length depends on where the
      // grace-period worker runs (scenarios/validation/umount-state/), not on the switches
      wall[r] = (res[c][r].wall_per_start_us - res[c][r].umount_wait_us) - (alone[r].wall_per_start_us - alone[r].umount_wait_us);
    }
    for (int r = 0; r < reps; r++) { wall[r] /= h; in_calls[r] /= h; }
    double wm, wse, im, ise; mean_se(wall, reps, &wm, &wse); mean_se(in_calls, reps, &im, &ise);
    if (SUITE[c].m == M_EVICT) {
      printf("switch-cold-evict kb=%d reps=%d evictions_per_start=%.2f cold_in_calls_per_eviction_us=%.3f se_us=%.3f\n",
             EVICT_KB, reps, h, im, ise);
    } else {
      printf("switch-cold-switch mode=%s threads=%d reps=%d handoffs_per_start=%.2f bare_switch_us=%.3f wall_extra_per_handoff_us=%.3f"
             " cold_per_switch_us=%.3f cold_per_switch_se_us=%.3f cold_in_calls_per_switch_us=%.3f cold_in_calls_se_us=%.3f\n",
             mn, t, reps, h, bare[t], wm, wm - bare[t], wse, im, ise);
    }
  }
  return probe_finish();
}

int main(int argc, char **argv) {
  int cpus[2] = {0};
  int ncpus = probe_allowed_cpus(cpus, 2);
  if (ncpus < 1) probe_fail(PROBE_FAILED, "no allowed CPU");
  cpu = cpus[0]; if (ncpus > 1) cpu2 = cpus[1];
  batch = getenv("SWITCH_COLD_BATCH") && !strcmp(getenv("SWITCH_COLD_BATCH"), "1");
  fill = getenv("SWITCH_COLD_FILL") && !strcmp(getenv("SWITCH_COLD_FILL"), "1");
  if (argc == 5 && !strcmp(argv[1], "suite")) {
    int starts = atoi(argv[2]), reps = atoi(argv[3]), layers = atoi(argv[4]);
    if (starts < 8 || reps < 2 || reps > MAXREPS || layers < 1 || layers > 120) {
      fprintf(stderr, "STARTS >= 8, REPS 2-%d, LAYERS 1-120\n", MAXREPS); return PROBE_USAGE;
    }
    probe_private_mount_ns();
    return suite(starts, reps, layers);
  }
  if (argc == 5) {
    enum mode m = !strcmp(argv[1], "alone") ? M_ALONE : !strcmp(argv[1], "call") ? M_CALL : !strcmp(argv[1], "start") ? M_START
                : !strcmp(argv[1], "bare") ? M_BARE : !strcmp(argv[1], "evict") ? M_EVICT
                : !strcmp(argv[1], "cross") ? M_CROSS : !strcmp(argv[1], "pbare") ? M_PBARE
                : !strcmp(argv[1], "xbare") ? M_XBARE : (enum mode)-1;
    int t = atoi(argv[2]), starts = atoi(argv[3]), layers = atoi(argv[4]);
    int one = m == M_ALONE || m == M_EVICT;
    if (m == M_CROSS && t != 2) m = (enum mode)-1;
    if ((m == M_PBARE || m == M_XBARE) && (t < 4 || t % 2)) m = (enum mode)-1;
    if ((m == M_PBARE || m == M_XBARE) && cpu2 < 0) { printf("switch-cold skipped reason=one-cpu\n"); return probe_finish(); }
    if (m == M_CROSS && cpu2 < 0) { printf("switch-cold skipped reason=one-cpu\n"); return probe_finish(); }
    if ((int)m < 0 || t < 1 || t > MAXT || (one && t != 1) || (!one && t < 2) || (!bare_mode(m) && starts < t)
        || layers < 1 || layers > 120) {
      fprintf(stderr, "usage: %s alone|evict 1 STARTS LAYERS | call|start|bare THREADS(2-%d) STARTS LAYERS | cross 2 STARTS LAYERS"
              " | pbare|xbare THREADS(even, 4-%d) 0 LAYERS\n", argv[0], MAXT, MAXT);
      return PROBE_USAGE;
    }
    probe_private_mount_ns();
    run_result r;
    run(m, t, starts, layers, &r);
    print_run(m, t, 0, &r);
    return probe_finish();
  }
  fprintf(stderr, "usage: %s suite STARTS REPS LAYERS | alone|evict 1 STARTS LAYERS | call|start|bare THREADS STARTS LAYERS"
          " | cross 2 STARTS LAYERS | pbare|xbare THREADS 0 LAYERS\n", argv[0]);
  return PROBE_USAGE;
}
