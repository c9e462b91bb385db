// mountsim probe (hand-run, not in kit.txt): child-walk-evict
//
// WHAT: whether a busy neighbour on the other core of the same L3 evicts the child-mount
// walk's lines between walks, and what a child then costs. open_tree(OPEN_TREE_CLONE)'s
// __do_loopback() calls has_locked_children(), which runs is_subdir() for every child mount
// of the source mount under namespace_sem (fs/namespace.c; fs/dcache.c d_ancestor()): per
// child a chain of dependent loads on lines unique to that child (its struct mount's
// mnt_child / mnt_mountpoint / mnt_flags, the mountpoint dentry's d_parent), about 3.6 lines.
// child-walk-levels.c priced a child with those lines in L2 (21.9 ns) and in L3 (25.5 ns) on a
// quiet machine. On a busy node the walker's L3 is shared with the running workloads: if
// their footprint plus the walk's exceeds the L3, the children come from DRAM.
//
// HOW: the walker (vCPU 0 of the allowed CPUs, pinned) holds N children (bind mounts of one
// empty directory onto R/m/<i>, R a tmpfs, as in child-walk-levels.c) and times W single
// open_tree calls (each clone closed untimed), waiting G us between two walks (busy-waiting
// on the vDSO clock, so the walker itself touches no memory in the gap). A neighbour thread,
// pinned to the second allowed CPU (on the calibration host the two vCPUs share one 32 MiB L3:
// /sys/devices/system/cpu/cpu*/cache/index3/shared_cpu_list = 0-1), streams through the first
// B MiB of a 128 MiB buffer (faulted in and touched before the sweep), one access per 64-byte
// line, in order, without pause:
//   read:   loads one word per line (its lines enter the neighbour's L2, and the L3 as L2 victims);
//   write:  stores one word per line (read-for-ownership, then dirty write-backs to DRAM);
//   none:   the neighbour sleeps (B = 0: the quiet machine of child-walk-levels.c);
//   self:   no neighbour; the walker itself streams B MiB (writes) in the gap before every walk,
//           so every walk starts with its lines flushed from L2 and L3 but the memory otherwise
//           unloaded: the DRAM price of a child without a neighbour's bandwidth.
// For each N the cell with the same (mode, B, G) at N = 0 gives the call's fixed part:
// ns_per_child = (mean(N) - mean(0)) / N (and the same from the medians). The neighbour's streaming rate is printed too (its
// bytes moved during the cell over the cell's time). No PMU counters are read: this KVM
// guest exposes none (perf stat -e LLC-load-misses,cache-misses: <not supported>).
//
// Build and run (root; everything happens in a private mount namespace made here):
//   gcc -O2 -pthread -o child-walk-evict child-walk-evict.c
//   ./child-walk-evict [walks=100]
// Before the sweep, the load-to-use latency of a dependent random chase (no neighbour) in
// 256 KiB to 128 MiB (L2, the L3 and DRAM regimes): the latencies the per-child prices are
// read against.
// ROWS:
//   chase bytes_kib=<size> load_ns=<ns per dependent load>
//   evict-walk children=<n> neighbour=<none|read|write|self> buffer_mib=<B> gap_us=<G>
//              walks=<W> open_tree_us=<mean> open_tree_us_p50=<p50> ns_per_child=<from means>
//              ns_per_child_p50=<from medians> neighbour_gbps=<GB/s>
#include "probe.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>

#define BUF_MIB 128
#define LINE 64

static char *buf;
static _Atomic int nb_mode;          // 0 none, 1 read, 2 write, 3 stop
static _Atomic long nb_bytes_cfg;    // bytes of buf the neighbour streams
static _Atomic long nb_moved_lines;  // lines streamed so far
static volatile uint64_t sink;

static void *neighbour(void *arg) {
  int cpu = *(int *)arg;
  if (probe_pin(cpu)) probe_fail(PROBE_FAILED, "pin neighbour");
  uint64_t s = 0;
  for (;;) {
    int m = atomic_load(&nb_mode);
    long bytes = atomic_load(&nb_bytes_cfg);
    if (m == 3) break;
    if (m == 0 || bytes == 0) { usleep(200); continue; }
    long lines = bytes / LINE;
    if (m == 1) {
      for (long i = 0; i < lines; i++) s += *(volatile uint64_t *)(buf + i * LINE);
    } else {
      for (long i = 0; i < lines; i++) *(volatile uint64_t *)(buf + i * LINE) = (uint64_t)i;
    }
    atomic_fetch_add(&nb_moved_lines, lines);
  }
  sink = s;
  return NULL;
}

// Load-to-use latency of a dependent chase through a random cyclic permutation of `bytes`
// (one pointer per 64-byte line, so every load is a different line; huge pages where the
// kernel gives them, so that TLB misses do not count as memory latency), ns per load.
static double chase_ns(long bytes) {
  long lines = bytes / LINE;
  long *perm = malloc(lines * sizeof *perm);
  if (!perm) probe_fail(PROBE_FAILED, "malloc");
  for (long i = 0; i < lines; i++) perm[i] = i;
  uint64_t r = 88172645463325252ULL;
  for (long i = lines - 1; i > 0; i--) { // Fisher-Yates with xorshift64
    r ^= r << 13; r ^= r >> 7; r ^= r << 17;
    long j = (long)(r % (uint64_t)(i + 1)), t = perm[i]; perm[i] = perm[j]; perm[j] = t;
  }
  for (long i = 0; i < lines; i++) *(char **)(buf + perm[i] * LINE) = buf + perm[(i + 1) % lines] * LINE;
  free(perm);
  char *p = buf;
  long loads = 20000000;
  for (long i = 0; i < lines; i++) p = *(char **)p; // warm: one lap
  long long t0 = probe_now_ns();
  for (long i = 0; i < loads; i++) p = *(char **)p;
  double ns = (probe_now_ns() - t0) / (double)loads;
  sink = (uint64_t)(uintptr_t)p;
  return ns;
}

static void spin_until(long long t) {
  while (probe_now_ns() < t) {
  }
}

static void self_flush(long bytes) {
  for (long i = 0; i < bytes / LINE; i++) *(volatile uint64_t *)(buf + i * LINE) = (uint64_t)i;
}

#define MAX_WALKS 400
static const int sizes_mib[] = {0, 4, 8, 16, 24, 32, 48, 64, 128};
static const int gaps_us[] = {0, 1000, 3000, 10000};
static const char *mode_name[] = {"none", "read", "write", "self"};
// base[mode][size][gap]: mean and median open_tree us at 0 children
static double base[4][sizeof sizes_mib / sizeof sizes_mib[0]][sizeof gaps_us / sizeof gaps_us[0]];
static double base50[4][sizeof sizes_mib / sizeof sizes_mib[0]][sizeof gaps_us / sizeof gaps_us[0]];

static void cell(int n, int mode, int si, int gi, int walks) {
  long bytes = (long)sizes_mib[si] << 20;
  if (mode == 0 && bytes) return;        // "none" only at B = 0
  if (mode != 0 && !bytes) return;
  atomic_store(&nb_bytes_cfg, mode == 1 || mode == 2 ? bytes : 0);
  atomic_store(&nb_mode, mode == 1 || mode == 2 ? mode : 0);
  usleep(20000); // the neighbour reaches its steady state (several passes over B)
  static double us[MAX_WALKS];
  long lines0 = atomic_load(&nb_moved_lines);
  long long c0 = probe_now_ns();
  for (int w = 0; w < walks; w++) {
    if (mode == 3) self_flush(bytes);
    spin_until(probe_now_ns() + gaps_us[gi] * 1000LL);
    long long t0 = probe_now_ns();
    int fd = syscall(SYS_open_tree, AT_FDCWD, "/tmp/mbe/src", OPEN_TREE_CLONE);
    long long t1 = probe_now_ns();
    if (fd < 0) probe_fail(errno == ENOSYS ? PROBE_NO_MOUNT_API : PROBE_FAILED, "open_tree");
    close(fd);
    us[w] = (t1 - t0) / 1000.0;
  }
  double secs = (probe_now_ns() - c0) * 1e-9;
  double gbps = (atomic_load(&nb_moved_lines) - lines0) * (double)LINE / secs / 1e9;
  atomic_store(&nb_mode, 0);
  probe_stats_t s = probe_stats(us, walks);
  if (n == 0) { base[mode][si][gi] = s.mean; base50[mode][si][gi] = s.p50; }
  double per = n ? (s.mean - base[mode][si][gi]) * 1000 / n : 0;
  double per50 = n ? (s.p50 - base50[mode][si][gi]) * 1000 / n : 0;
  printf("evict-walk children=%d neighbour=%s buffer_mib=%d gap_us=%d walks=%d open_tree_us=%.2f"
         " open_tree_us_p50=%.2f ns_per_child=%.1f ns_per_child_p50=%.1f neighbour_gbps=%.2f\n",
         n, mode_name[mode], sizes_mib[si], gaps_us[gi], walks, s.mean, s.p50, per, per50, gbps);
  fflush(stdout);
}

int main(int argc, char **argv) {
  probe_private_mount_ns();
  int walks = argc > 1 ? atoi(argv[1]) : 100;
  if (argc > 2 || walks < 1 || walks > MAX_WALKS) {
    fprintf(stderr, "usage: %s [walks=1..%d]\n", argv[0], MAX_WALKS);
    return PROBE_USAGE;
  }
  int cpus[2];
  if (probe_allowed_cpus(cpus, 2) < 2) { errno = EINVAL; probe_fail(PROBE_FAILED, "needs two allowed CPUs"); }
  if (probe_pin(cpus[0])) probe_fail(PROBE_FAILED, "pin walker");
  buf = mmap(NULL, (size_t)BUF_MIB << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (buf == MAP_FAILED) probe_fail(PROBE_FAILED, "mmap");
  madvise(buf, (size_t)BUF_MIB << 20, MADV_HUGEPAGE); // fewer TLB misses: the stream is about caches
  memset(buf, 1, (size_t)BUF_MIB << 20);
  static const int chase_kib[] = {256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072};
  for (unsigned i = 0; i < sizeof chase_kib / sizeof chase_kib[0]; i++) {
    printf("chase bytes_kib=%d load_ns=%.1f\n", chase_kib[i], chase_ns((long)chase_kib[i] << 10));
    fflush(stdout);
  }
  memset(buf, 1, (size_t)BUF_MIB << 20);
  pthread_t th;
  if (pthread_create(&th, NULL, neighbour, &cpus[1])) probe_fail(PROBE_FAILED, "pthread_create");

  const char *R = "/tmp/mbe";
  mkdir(R, 0755);
  if (mount("tmpfs", R, "tmpfs", 0, "size=256m")) probe_fail(PROBE_NOT_PRIVILEGED, "tmpfs");
  mkdir("/tmp/mbe/src", 0755);
  mkdir("/tmp/mbe/empty", 0755);
  mkdir("/tmp/mbe/m", 0755);
  int steps[] = {0, 4000, 8000, 16000};
  int n = 0;
  char b[256];
  for (unsigned k = 0; k < sizeof steps / sizeof steps[0]; k++) {
    for (; n < steps[k]; n++) {
      snprintf(b, sizeof b, "/tmp/mbe/m/%d", n);
      mkdir(b, 0755);
      if (mount("/tmp/mbe/empty", b, NULL, MS_BIND, NULL)) probe_fail(PROBE_FAILED, "bind child");
    }
    for (unsigned gi = 0; gi < sizeof gaps_us / sizeof gaps_us[0]; gi++) {
      int w = gaps_us[gi] >= 10000 ? (walks + 1) / 2 : walks; // the 10 ms gap: half the walks
      for (int mode = 0; mode < 4; mode++) {
        for (unsigned si = 0; si < sizeof sizes_mib / sizeof sizes_mib[0]; si++) {
          if (mode == 3 && sizes_mib[si] != 64) continue; // self-flush: one size, twice the L3
          cell(n, mode, si, gi, w);
        }
      }
    }
  }
  atomic_store(&nb_mode, 3);
  pthread_join(th, NULL);
  return probe_finish();
}
