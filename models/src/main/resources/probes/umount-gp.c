// mountsim probe kit: umount-gp, the grace-period wait inside umount2(MNT_DETACH).
//
// WHAT: do_umount() -> umount_tree() unhashes the mount under namespace_sem (write) and
// mount_lock; namespace_unlock() then drops namespace_sem and, because the unmounted list
// is not empty, calls synchronize_rcu_expedited() before the final mntput()s (fs/namespace.c):
// path walks under rcu_read_lock() may still see the mount. The caller sleeps until the
// expedited grace period ends: the expedited-GP kthread worker (rcu_exp_gp_kworker,
// kernel/rcu/tree_exp.h: sync_rcu_exp_select_cpus()) IPIs every CPU that is not in a
// quiescent state (rcu_exp_handler()), waits for them, and wakes the caller. The model
// splits umount2 into this wait and the synchronous CPU work (KernelProfile's
// grace-period wait and umount cost); this probe measures both parts.
//
// HOW: per sample, bind-mount a directory of a private tmpfs onto another one (as
// containerd's idmapped layer mounts are binds), then time umount2(MNT_DETACH) of it with
// two clocks read just before and just after the call: CLOCK_MONOTONIC (wall) and
// CLOCK_THREAD_CPUTIME_ID (CPU time of this thread; task_sched_runtime(), ns resolution).
// cpu_only = CPU time (umount_tree(), namespace_unlock(), the caller's share of
// synchronize_rcu_expedited(): exp_funnel_lock(), queueing the work; the final mntput()'s
// cleanup_mnt() task work); wait = wall - cpu_only = time asleep in
// synchronize_rcu_expedited() plus the wakeup back onto a CPU. Nothing else runs in this
// process, so the sleep is the grace period's. Two settings for the other CPUs: idle
// (idle CPUs are in an extended quiescent state: no IPI needed) and busy (one thread
// spinning in user space on every other allowed CPU: each needs an IPI, which a KVM guest
// pays with VM exits). Warm-up: the first 100 samples of each setting are dropped.
//
// ROWS: umount-gp other_cpus=idle|busy samples=N mean_us= p50_us= p90_us= p99_us=
//       cpu_only_us= cpu_only_p50_us= wait_mean_us= wait_p50_us= wait_p90_us= wait_p99_us= cpus=K
//       (mean_us... are the whole call's wall latency; cpu_only_us is the mean CPU time)
// usage: umount-gp SAMPLES
#include "probe.h"
#include <pthread.h>
#include <stdatomic.h>

#define WARMUP 100
static const char *ROOT = "/tmp/mbg";
static _Atomic int stop_spinners;

static void *spinner(void *arg) {
  if (probe_pin((int)(long)arg) < 0) probe_fail(PROBE_FAILED, "sched_setaffinity(spinner)");
  while (!atomic_load(&stop_spinners)) probe_cpu_relax();
  return NULL;
}

static void measure(long want, int busy, int *cpus, int ncpus) {
  char src[256], dst[256];
  snprintf(src, sizeof src, "%s/src", ROOT); snprintf(dst, sizeof dst, "%s/dst", ROOT);
  pthread_t sp[1024]; int nsp = 0;
  atomic_store(&stop_spinners, 0);
  if (busy) for (int i = 1; i < ncpus && nsp < 1024; i++) pthread_create(&sp[nsp++], NULL, spinner, (void *)(long)cpus[i]);
  long n = want + WARMUP;
  double *wall = calloc(n, sizeof *wall), *cpu = calloc(n, sizeof *cpu), *wait = calloc(n, sizeof *wait);
  for (long i = 0; i < n; i++) {
    if (mount(src, dst, NULL, MS_BIND, NULL) < 0) probe_fail(errno == EPERM ? PROBE_NOT_PRIVILEGED : PROBE_FAILED, "bind");
    long long c0 = probe_thread_cpu_ns(), w0 = probe_now_ns();
    if (umount2(dst, MNT_DETACH) < 0) probe_fail(PROBE_FAILED, "umount2");
    long long w1 = probe_now_ns(), c1 = probe_thread_cpu_ns();
    wall[i] = (w1 - w0) / 1e3; cpu[i] = (c1 - c0) / 1e3;
    wait[i] = wall[i] - cpu[i] > 0 ? wall[i] - cpu[i] : 0;
  }
  atomic_store(&stop_spinners, 1);
  for (int i = 0; i < nsp; i++) pthread_join(sp[i], NULL);
  probe_stats_t w = probe_stats(wall + WARMUP, want), c = probe_stats(cpu + WARMUP, want), s = probe_stats(wait + WARMUP, want);
  printf("umount-gp other_cpus=%s samples=%ld mean_us=%.2f p50_us=%.2f p90_us=%.2f p99_us=%.2f cpu_only_us=%.2f cpu_only_p50_us=%.2f "
         "wait_mean_us=%.2f wait_p50_us=%.2f wait_p90_us=%.2f wait_p99_us=%.2f cpus=%d\n",
         busy ? "busy" : "idle", w.n, w.mean, w.p50, w.p90, w.p99, c.mean, c.p50, s.mean, s.p50, s.p90, s.p99, ncpus);
  free(wall); free(cpu); free(wait);
}

int main(int argc, char **argv) {
  if (argc != 2 || atol(argv[1]) < 1) { fprintf(stderr, "usage: %s SAMPLES\n", argv[0]); return PROBE_USAGE; }
  probe_private_mount_ns();
  long want = atol(argv[1]);
  int cpus[1024]; int ncpus = probe_allowed_cpus(cpus, 1024);
  if (probe_pin(cpus[0]) < 0) probe_fail(PROBE_FAILED, "sched_setaffinity");
  char b[256];
  mkdir(ROOT, 0755);
  if (mount("tmpfs", ROOT, "tmpfs", 0, "size=1m") < 0) probe_fail(errno == EPERM ? PROBE_NOT_PRIVILEGED : PROBE_FAILED, "tmpfs");
  snprintf(b, sizeof b, "%s/src", ROOT); mkdir(b, 0755);
  snprintf(b, sizeof b, "%s/dst", ROOT); mkdir(b, 0755);
  measure(want, 0, cpus, ncpus);
  if (ncpus > 1) measure(want, 1, cpus, ncpus);
  return probe_finish();
}
