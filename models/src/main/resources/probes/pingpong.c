// mountsim probe kit: pingpong, the one-way latency of moving a cache line between two CPUs,
// for each distance class this machine has.
//
// WHAT: a contended lock word (namespace_sem's count, mount_lock's spinlock and sequence,
// a qspinlock's MCS node) moves between CPUs on every hand-over; the model charges one
// line transfer per hand-over, by the topology distance of the two CPUs
// (machine.coreToCoreNs.{smt,llc,crossLlc,crossSocket}). No kernel code runs: this is
// the hardware's coherence protocol (a read miss that hits a line Modified in another
// core's cache), as core-to-core latency benchmarks measure it.
//
// CLASSES, from sysfs (/sys/devices/system/cpu/cpuN/...), relative to the first allowed CPU A:
//   smt          B is in A's topology/thread_siblings_list (same core, other hardware thread)
//   llc          B shares A's last-level cache (cache/indexK/shared_cpu_list of the highest
//                level K), not a sibling
//   other-llc    same topology/physical_package_id, different last-level cache (AMD CCDs)
//   other-socket different physical_package_id
// For each class, the first allowed CPU B of that class is paired with A. In a virtual
// machine these are the topology the hypervisor declares; vCPUs may move on the host.
//
// HOW: two threads, pinned to A and B, share one 64-byte-aligned counter on its own line.
// A waits (spinning with PAUSE) for an even value and writes the next odd one; B waits for
// odd and writes even: every round trip moves the line twice. Clock: CLOCK_MONOTONIC around
// each batch of 1000 round trips; one sample = batch time / 2000 = one-way transfer time
// (plus the loop's few instructions). Warm-up: the first 20 batches are dropped.
//
// ROWS: pingpong-classes present=LIST absent=LIST cpus=N
//       pingpong class=C cpu_a=A cpu_b=B samples=N transfers_per_sample=2000 one_way_ns_p50=
//         one_way_ns_mean= one_way_ns_p90= one_way_ns_p99= one_way_ns_min=     (one per present class)
//       or, with fewer than two allowed CPUs: pingpong-classes present= absent=smt,llc,other-llc,other-socket cpus=1
// usage: pingpong BATCHES
#include "probe.h"
#include <pthread.h>
#include <stdatomic.h>

#define ROUND_TRIPS 1000
#define WARMUP 20
static struct { _Alignas(128) _Atomic long v; char pad[120]; } line;
static int cpu_b;
static long total_round_trips;

static void *partner(void *arg) {
  (void)arg;
  if (probe_pin(cpu_b) < 0) probe_fail(PROBE_FAILED, "sched_setaffinity(partner)");
  for (long i = 0; i < total_round_trips; i++) {
    while (atomic_load_explicit(&line.v, memory_order_acquire) != 2 * i + 1) probe_cpu_relax();
    atomic_store_explicit(&line.v, 2 * i + 2, memory_order_release);
  }
  return NULL;
}

static const char *CLASSES[] = {"smt", "llc", "other-llc", "other-socket"};

// the last-level cache's shared_cpu_list of a CPU: the cache index with the highest level
static int llc_of(int cpu, char *out, size_t len) {
  int best = -1; char lvl[32], path[128];
  for (int k = 0; k < 8; k++) {
    snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%%d/cache/index%d/level", k);
    if (probe_sysfs(lvl, sizeof lvl, path, cpu) < 0) continue;
    if (atoi(lvl) >= best) {
      snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%%d/cache/index%d/shared_cpu_list", k);
      if (probe_sysfs(out, len, path, cpu) == 0) best = atoi(lvl);
    }
  }
  return best < 0 ? -1 : 0;
}

static int class_of(int a, int b) {
  char x[256], y[256];
  if (probe_sysfs(x, sizeof x, "/sys/devices/system/cpu/cpu%d/topology/physical_package_id", a) == 0
      && probe_sysfs(y, sizeof y, "/sys/devices/system/cpu/cpu%d/topology/physical_package_id", b) == 0 && strcmp(x, y))
    return 3;
  if (probe_sysfs(x, sizeof x, "/sys/devices/system/cpu/cpu%d/topology/thread_siblings_list", a) == 0
      && probe_sysfs(y, sizeof y, "/sys/devices/system/cpu/cpu%d/topology/thread_siblings_list", b) == 0 && !strcmp(x, y))
    return 0;
  if (llc_of(a, x, sizeof x) == 0 && llc_of(b, y, sizeof y) == 0 && strcmp(x, y)) return 2;
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 2 || atol(argv[1]) < 1) { fprintf(stderr, "usage: %s BATCHES\n", argv[0]); return PROBE_USAGE; }
  long batches = atol(argv[1]) + WARMUP;
  int cpus[4096]; int n = probe_allowed_cpus(cpus, 4096);
  int partner_of[4] = {-1, -1, -1, -1};
  for (int i = 1; i < n; i++) { int c = class_of(cpus[0], cpus[i]); if (partner_of[c] < 0) partner_of[c] = cpus[i]; }
  char present[128] = "", absent[128] = "";
  for (int c = 0; c < 4; c++) {
    char *l = partner_of[c] >= 0 ? present : absent;
    if (*l) strcat(l, ",");
    strcat(l, CLASSES[c]);
  }
  printf("pingpong-classes present=%s absent=%s cpus=%d\n", present, absent, n);
  if (probe_pin(cpus[0]) < 0) probe_fail(PROBE_FAILED, "sched_setaffinity");
  for (int c = 0; c < 4; c++) {
    if (partner_of[c] < 0) continue;
    cpu_b = partner_of[c];
    total_round_trips = batches * ROUND_TRIPS;
    atomic_store(&line.v, 0);
    pthread_t t; pthread_create(&t, NULL, partner, NULL);
    double *samples = calloc(batches, sizeof *samples);
    long i = 0;
    for (long b = 0; b < batches; b++) {
      long long t0 = probe_now_ns();
      for (int r = 0; r < ROUND_TRIPS; r++, i++) {
        while (atomic_load_explicit(&line.v, memory_order_acquire) != 2 * i) probe_cpu_relax();
        atomic_store_explicit(&line.v, 2 * i + 1, memory_order_release);
      }
      samples[b] = (double)(probe_now_ns() - t0) / (2.0 * ROUND_TRIPS);
    }
    pthread_join(t, NULL);
    probe_stats_t s = probe_stats(samples + WARMUP, batches - WARMUP);
    printf("pingpong class=%s cpu_a=%d cpu_b=%d samples=%ld transfers_per_sample=%d one_way_ns_p50=%.1f one_way_ns_mean=%.1f "
           "one_way_ns_p90=%.1f one_way_ns_p99=%.1f one_way_ns_min=%.1f\n",
           CLASSES[c], cpus[0], cpu_b, s.n, 2 * ROUND_TRIPS, s.p50, s.mean, s.p90, s.p99, s.min);
    free(samples);
  }
  return probe_finish();
}
