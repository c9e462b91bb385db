// mountsim probe kit: mountbench, the container-start mount path (the kit's copy of
// shared/calibration/mountbench.c; its output lines are unchanged, so
// models/.../calibration/Measurements.java reads them).
//
// WHAT: replays what containerd does to assemble an idmapped overlay rootfs, per start:
//   mode=layer  (containerd < 2.2): per layer open_tree(OPEN_TREE_CLONE) ->
//               mount_setattr(MOUNT_ATTR_IDMAP) -> move_mount onto a per-container dir;
//               one mount("overlay", lowerdir=the L idmapped dirs); umount2(MNT_DETACH)
//               of each idmapped dir.
//   mode=parent (containerd >= 2.2): one clone/idmap/move of the directory holding all
//               layers, one overlay over its subdirectories, one umount2(MNT_DETACH).
//   Kernel path (fs/namespace.c, 6.x): open_tree -> open_detached_copy() takes namespace_sem
//   for write (namespace_lock()) around __do_loopback(): has_locked_children() runs
//   is_subdir() for every child mount of the source, clone_mnt() copies the mount;
//   mount_setattr -> do_mount_setattr() flips the idmapping under mount_lock
//   (lock_mount_hash()); move_mount -> do_move_mount() -> attach_recursive_mnt() under
//   namespace_sem (write) and mount_lock; mount("overlay") -> ovl_fill_super() resolves
//   every lowerdir and clone_private_mount()s it under namespace_sem (read);
//   umount2(MNT_DETACH) -> do_umount() -> umount_tree() under namespace_sem (write) and
//   mount_lock, then namespace_unlock() waits in synchronize_rcu_expedited() after up_write().
//
// HOW: clock CLOCK_MONOTONIC (clock_gettime, vDSO). T threads start containers
// concurrently, each its share one after another (closed loop); per-start latency from the
// first syscall to the last umount; per-syscall means are the summed latency of each call
// type over the run divided by its count. No warm-up runs: the one-thread rows are the
// mean of 64-256 starts, the first start's cold caches weigh <2%. Each run is a child
// process in a fresh private mount namespace on a fresh tmpfs at /tmp/mb, so runs do not
// see each other's mounts; overlays stay mounted (as running containers' rootfs do), so
// the table grows by one line per start. readers=R adds R threads that poll
// /proc/self/mountinfo for POLLPRI and re-read it whole (systemd's mount watcher).
//
// ROWS (stdout):
//   threads=T layers=L mode=layer|parent readers=R containers=N wall_s= starts_per_s=
//     mount_syscalls_per_s= lat_mean_ms= p50_ms= p95_ms= p99_ms= max_ms= mounts_after= reader_reads=
//     followed by "  per-syscall mean_us: open_tree= mount_setattr= move_mount= overlay_mount= umount_detach="
//     umount_wait_us= first_open_tree_us= first_mount_setattr_us= first_move_mount_us= first_overlay_mount_us=
//     first_umount_detach_us=   (added keys: the unmount's wall minus the thread's CPU time,
//     CLOCK_THREAD_CPUTIME_ID read outside the wall window; each call's mean over the first
//     call of its kind in each start. umount_wait_us tells the two states of the unmount
//     apart: ~3 us when the expedited grace period's kthread worker runs on the caller's CPU,
//     20-35 us when it runs on the other, idle vCPU; scenarios/validation/umount-state/)
//   mountinfo mounts=N read_us=X ns_per_line=Y   (one full read, mean of 200, one thread,
//     N bind mounts of a tmpfs plus the namespace's own lines; show_mountinfo() per line)
//   suite full: the plan below three times over (mountinfo rows once): a shape's rows repeat.
//
// usage: mountbench suite full|quick                  (the kit's plan, see plan[] below)
//        mountbench THREADS LAYERS CONTAINERS_PER_THREAD layer|parent [READERS]
//        mountbench mi MOUNTS   (cost of one full /proc/self/mountinfo read)
// Run as root; the probe enters its own private mount namespace before it mounts anything.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/mount.h>
#include "probe.h"

#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif
#ifndef MOUNT_ATTR_IDMAP
#define MOUNT_ATTR_IDMAP 0x00100000
#endif

static const char *ROOT = "/tmp/mb";
static int nthreads, nlayers, nper, parent_mode, nreaders;
static int userns_fd = -1;
static double *lat; // per container start latency (s)
static atomic_long syscalls;
static atomic_int stop_readers;
static atomic_long reader_reads;
enum { S_OPEN, S_SETATTR, S_MOVE, S_OVL, S_UMOUNT, S_N };
static const char *SNAME[S_N] = {"open_tree", "mount_setattr", "move_mount", "overlay_mount", "umount_detach"};
static _Atomic long long s_ns[S_N]; static atomic_long s_cnt[S_N];
// first_*: each call kind's first call in a start (per start, so per-layer rows' other
// calls are repeats of one just made); umount_cpu: the thread's CPU time in umount2()
static _Atomic long long s_first_ns[S_N]; static atomic_long s_first_cnt[S_N];
static _Atomic long long umount_cpu_ns;
static __thread int s_seen[S_N];
static inline long long nsnow(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1000000000LL + t.tv_nsec; }
static inline long long cpunow(void) { struct timespec t; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return t.tv_sec * 1000000000LL + t.tv_nsec; }
#define TIMED(k, stmt) do { long long _t = nsnow(); stmt; long long _d = nsnow() - _t; atomic_fetch_add(&s_ns[k], _d); atomic_fetch_add(&s_cnt[k], 1); \
    if (!s_seen[k]) { s_seen[k] = 1; atomic_fetch_add(&s_first_ns[k], _d); atomic_fetch_add(&s_first_cnt[k], 1); } } while (0)
// the CPU clock is read outside the wall-clock window: it costs a syscall
#define TIMED_UMOUNT(stmt) do { long long _c = cpunow(); TIMED(S_UMOUNT, stmt); atomic_fetch_add(&umount_cpu_ns, cpunow() - _c); } while (0)

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static void die(const char *m) {
  probe_fail(errno == EPERM ? PROBE_NOT_PRIVILEGED : errno == ENOSYS ? PROBE_NO_MOUNT_API : PROBE_FAILED, m);
}

static int idmapped_clone(const char *src, const char *dst) {
  int fd; TIMED(S_OPEN, fd = syscall(SYS_open_tree, AT_FDCWD, src, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC));
  if (fd < 0) die("open_tree");
  struct mount_attr a = {0};
  a.attr_set = MOUNT_ATTR_IDMAP; a.userns_fd = userns_fd;
  long r; TIMED(S_SETATTR, r = syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH, &a, sizeof a)); if (r < 0) die("mount_setattr");
  TIMED(S_MOVE, r = syscall(SYS_move_mount, fd, "", AT_FDCWD, dst, MOVE_MOUNT_F_EMPTY_PATH)); if (r < 0) die("move_mount");
  close(fd);
  atomic_fetch_add(&syscalls, 3);
  return 0;
}

static void *worker(void *arg) {
  long id = (long)arg; char b[512], lower[65536], p[512];
  for (int c = 0; c < nper; c++) {
    char cdir[256]; snprintf(cdir, sizeof cdir, "%s/c/%ld-%d", ROOT, id, c);
    mkdir(cdir, 0755);
    snprintf(b, sizeof b, "%s/upper", cdir); mkdir(b, 0755);
    snprintf(b, sizeof b, "%s/work", cdir); mkdir(b, 0755);
    snprintf(b, sizeof b, "%s/rootfs", cdir); mkdir(b, 0755);
    memset(s_seen, 0, sizeof s_seen);
    double t0 = now();
    lower[0] = 0;
    if (parent_mode) {
      snprintf(b, sizeof b, "%s/idp", cdir); mkdir(b, 0755);
      snprintf(p, sizeof p, "%s/layers", ROOT);
      idmapped_clone(p, b);
      for (int l = nlayers - 1; l >= 0; l--) {
        char one[300]; snprintf(one, sizeof one, "%s%s/idp/l%d", l == nlayers - 1 ? "" : ":", cdir, l);
        strcat(lower, one);
      }
    } else {
      for (int l = 0; l < nlayers; l++) {
        snprintf(b, sizeof b, "%s/id%d", cdir, l); mkdir(b, 0755);
        snprintf(p, sizeof p, "%s/layers/l%d", ROOT, l);
        idmapped_clone(p, b);
      }
      for (int l = nlayers - 1; l >= 0; l--) {
        char one[300]; snprintf(one, sizeof one, "%s%s/id%d", l == nlayers - 1 ? "" : ":", cdir, l);
        strcat(lower, one);
      }
    }
    char opts[70000];
    snprintf(opts, sizeof opts, "lowerdir=%s,upperdir=%s/upper,workdir=%s/work", lower, cdir, cdir);
    snprintf(b, sizeof b, "%s/rootfs", cdir);
    int mr; TIMED(S_OVL, mr = mount("overlay", b, "overlay", 0, opts)); if (mr < 0) die("mount overlay");
    atomic_fetch_add(&syscalls, 1);
    // containerd unmounts the temporary idmapped bind mounts once overlay is assembled
    if (parent_mode) {
      snprintf(b, sizeof b, "%s/idp", cdir);
      int ur; TIMED_UMOUNT(ur = umount2(b, MNT_DETACH)); if (ur < 0) die("umount idp");
      atomic_fetch_add(&syscalls, 1);
    } else {
      for (int l = 0; l < nlayers; l++) {
        snprintf(b, sizeof b, "%s/id%d", cdir, l);
        int ur; TIMED_UMOUNT(ur = umount2(b, MNT_DETACH)); if (ur < 0) die("umount id");
      }
      atomic_fetch_add(&syscalls, nlayers);
    }
    lat[id * nper + c] = now() - t0;
  }
  return NULL;
}

static void *reader(void *arg) {
  (void)arg; char buf[1 << 16];
  int fd = open("/proc/self/mountinfo", O_RDONLY);
  if (fd < 0) die("mountinfo");
  long long tpoll = 0, tread = 0, tmaxread = 0; long calls = 0, timeouts = 0;
  unsigned long long run0 = 0, wait0 = 0, run1 = 0, wait1 = 0; long long w0 = nsnow();
  { FILE *f = fopen("/proc/thread-self/schedstat", "r"); if (f) { if (fscanf(f, "%llu %llu", &run0, &wait0) != 2) run0 = wait0 = 0; fclose(f); } }
  while (!atomic_load(&stop_readers)) {
    struct pollfd pf = {fd, POLLPRI, 0};
    long long a = nsnow(); int pr = poll(&pf, 1, 100); long long b = nsnow();
    if (pr == 0) timeouts++;
    lseek(fd, 0, SEEK_SET);
    ssize_t n;
    do { long long c0 = nsnow(); n = read(fd, buf, sizeof buf); long long d = nsnow() - c0; calls++; if (d > tmaxread) tmaxread = d; } while (n > 0);
    long long c = nsnow();
    tpoll += b - a; tread += c - b;
    atomic_fetch_add(&reader_reads, 1);
  }
  long r = atomic_load(&reader_reads);
  { FILE *f = fopen("/proc/thread-self/schedstat", "r"); if (f) { if (fscanf(f, "%llu %llu", &run1, &wait1) != 2) run1 = wait1 = 0; fclose(f); } }
  long long wall = nsnow() - w0;
  fprintf(stderr, "reader-time: wall_ms=%.1f on_cpu_ms=%.1f runqueue_wait_ms=%.1f blocked_ms=%.1f\n", wall / 1e6, (run1 - run0) / 1e6, (wait1 - wait0) / 1e6, (wall - (long long)(run1 - run0) - (long long)(wait1 - wait0)) / 1e6);
  fprintf(stderr, "reader: passes=%ld poll_us_mean=%.1f pass_read_us_mean=%.1f read_calls_per_pass=%.2f max_read_call_us=%.1f poll_timeouts=%ld\n", r, tpoll / 1e3 / r, tread / 1e3 / r, (double)calls / r, tmaxread / 1e3, timeouts);
  close(fd);
  return NULL;
}

static int cmp(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return x < y ? -1 : x > y; }

static int run_mi(int n) { // cost of one full mountinfo read vs mount-table size
    char b[256], buf[1 << 16];
    mkdir(ROOT, 0755); if (mount("tmpfs", ROOT, "tmpfs", 0, "size=64m") < 0) die("tmpfs");
    for (int i = 0; i < n; i++) { snprintf(b, sizeof b, "%s/m%d", ROOT, i); mkdir(b, 0755); if (mount(ROOT, b, NULL, MS_BIND, NULL) < 0) die("bind"); }
    int fd = open("/proc/self/mountinfo", O_RDONLY); long lines = 0; ssize_t r;
    while ((r = read(fd, buf, sizeof buf)) > 0) for (ssize_t i = 0; i < r; i++) lines += buf[i] == '\n';
    int reps = 200; double t0 = now();
    for (int k = 0; k < reps; k++) { lseek(fd, 0, SEEK_SET); while (read(fd, buf, sizeof buf) > 0) {} }
    double per = (now() - t0) / reps;
    printf("mountinfo mounts=%ld read_us=%.1f ns_per_line=%.0f\n", lines, per * 1e6, per * 1e9 / lines);
    return probe_finish();
}

static int run_bench(int threads, int layers, int per, int parent, int readers) {
  nthreads = threads; nlayers = layers; nper = per; parent_mode = parent; nreaders = readers;
  if (nthreads < 1 || nthreads > 1024 || nlayers < 1 || nlayers > 200 || nper < 1 || nreaders < 0 || nreaders > 64) {
    fprintf(stderr, "threads 1-1024, layers 1-200, containers per thread >= 1, readers 0-64\n"); return PROBE_USAGE;
  }
  char b[512];
  mkdir(ROOT, 0755);
  if (mount("tmpfs", ROOT, "tmpfs", 0, "size=512m") < 0) die("tmpfs");
  snprintf(b, sizeof b, "%s/layers", ROOT); mkdir(b, 0755);
  snprintf(b, sizeof b, "%s/c", ROOT); mkdir(b, 0755);
  for (int l = 0; l < nlayers; l++) {
    snprintf(b, sizeof b, "%s/layers/l%d", ROOT, l); mkdir(b, 0755);
    snprintf(b, sizeof b, "%s/layers/l%d/f%d", ROOT, l, l); close(open(b, O_CREAT | O_WRONLY, 0644));
  }
  userns_fd = probe_userns_fd();
  snprintf(b, sizeof b, "%s/layers", ROOT); probe_check_idmap(b, userns_fd);
  lat = calloc((size_t)nthreads * nper, sizeof *lat);
  pthread_t th[1024], rd[64];
  for (int r = 0; r < nreaders; r++) pthread_create(&rd[r], NULL, reader, NULL);
  double t0 = now();
  for (long i = 0; i < nthreads; i++) pthread_create(&th[i], NULL, worker, (void *)i);
  for (int i = 0; i < nthreads; i++) pthread_join(th[i], NULL);
  double wall = now() - t0;
  atomic_store(&stop_readers, 1);
  for (int r = 0; r < nreaders; r++) pthread_join(rd[r], NULL);
  int n = nthreads * nper; qsort(lat, n, sizeof *lat, cmp);
  double sum = 0; for (int i = 0; i < n; i++) sum += lat[i];
  long nm = 0; { FILE *f = fopen("/proc/self/mountinfo", "r"); int ch; while ((ch = fgetc(f)) != EOF) nm += ch == '\n'; fclose(f); }
  printf("threads=%d layers=%d mode=%s readers=%d containers=%d wall_s=%.4f starts_per_s=%.1f mount_syscalls_per_s=%.0f lat_mean_ms=%.3f p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f mounts_after=%ld reader_reads=%ld",
         nthreads, nlayers, parent_mode ? "parent" : "layer", nreaders, n, wall, n / wall, atomic_load(&syscalls) / wall,
         1e3 * sum / n, 1e3 * lat[n / 2], 1e3 * lat[(int)(n * 0.95)], 1e3 * lat[(int)(n * 0.99)], 1e3 * lat[n - 1], nm, atomic_load(&reader_reads));
  // keys added to the result line (readers ignore keys they do not know): the umount's wait
  // (wall - the thread's CPU time: the grace period and the wakeups around it) and each
  // call's mean over the first call of its kind in each start
  if (s_cnt[S_UMOUNT]) printf(" umount_wait_us=%.2f", (s_ns[S_UMOUNT] - umount_cpu_ns) / 1e3 / s_cnt[S_UMOUNT]);
  for (int k = 0; k < S_N; k++) if (s_first_cnt[k]) printf(" first_%s_us=%.2f", SNAME[k], s_first_ns[k] / 1e3 / s_first_cnt[k]);
  printf("\n");
  printf("  per-syscall mean_us:");
  for (int k = 0; k < S_N; k++) if (s_cnt[k]) printf(" %s=%.2f", SNAME[k], s_ns[k] / 1e3 / s_cnt[k]);
  printf("\n");
  return probe_finish();
}

// The kit's plan: the shapes of shared/calibration/epyc-2core/measurements.txt, in its order.
// threads*per is the run's container count: 256 for the 50-layer thread sweep (each of T
// threads starts 256/T), 64 for the layer sweep and the reader runs.
typedef struct { int threads, layers, per, parent, readers, mi_mounts; } run_t;
#define MI(n) {0, 0, 0, 0, 0, n}
static const run_t PLAN_FULL[] = {
  {1, 50, 256, 0, 0, 0}, {2, 50, 128, 0, 0, 0}, {4, 50, 64, 0, 0, 0}, {8, 50, 32, 0, 0, 0},
  {16, 50, 16, 0, 0, 0}, {32, 50, 8, 0, 0, 0}, {64, 50, 4, 0, 0, 0},
  {1, 50, 256, 1, 0, 0}, {2, 50, 128, 1, 0, 0}, {4, 50, 64, 1, 0, 0}, {8, 50, 32, 1, 0, 0},
  {16, 50, 16, 1, 0, 0}, {32, 50, 8, 1, 0, 0}, {64, 50, 4, 1, 0, 0},
  {1, 1, 64, 0, 0, 0}, {1, 1, 64, 1, 0, 0}, {1, 10, 64, 0, 0, 0}, {1, 10, 64, 1, 0, 0},
  {1, 100, 64, 0, 0, 0}, {1, 100, 64, 1, 0, 0},
  MI(100), MI(1000), MI(5000), MI(20000),
  {1, 50, 64, 0, 1, 0}, {4, 50, 16, 0, 1, 0}, {16, 50, 4, 0, 1, 0},
};
// quick: the one-thread rows and the mountinfo rows up to 5000 mounts
static const run_t PLAN_QUICK[] = {
  {1, 50, 256, 0, 0, 0}, {1, 50, 256, 1, 0, 0},
  {1, 1, 64, 0, 0, 0}, {1, 1, 64, 1, 0, 0}, {1, 10, 64, 0, 0, 0}, {1, 10, 64, 1, 0, 0},
  {1, 100, 64, 0, 0, 0}, {1, 100, 64, 1, 0, 0},
  MI(100), MI(1000), MI(5000),
};

// Each run in a child process with its own private mount namespace (a copy of this
// process's, which holds no probe mount): the child's mounts vanish with it.
static int run_one(void *arg) {
  const run_t *r = arg;
  return r->mi_mounts ? run_mi(r->mi_mounts) : run_bench(r->threads, r->layers, r->per, r->parent, r->readers);
}

// passes > 1 repeats the plan's mount-path runs (not the mountinfo rows) after the first
// pass: wall times of one shape vary by up to 20% between runs on a shared VM, so the full
// kit gives consumers several samples of each shape (repeated rows, same format).
static int run_suite(const run_t *plan, int n, int passes) {
  for (int k = 0; k < passes * n; k++) {
    int i = k % n;
    if (k >= n && plan[i].mi_mounts) continue;
    int rc = probe_run_in_child(run_one, (void *)&plan[i]);
    if (rc != 0) return rc;
    // the exited namespace's mounts are released by delayed_mntput_work (a kworker): let it finish
    usleep(150000);
  }
  return probe_finish();
}

int main(int argc, char **argv) {
  probe_private_mount_ns();
  if (argc == 3 && !strcmp(argv[1], "suite")) {
    if (!strcmp(argv[2], "full")) return run_suite(PLAN_FULL, sizeof PLAN_FULL / sizeof *PLAN_FULL, 3);
    if (!strcmp(argv[2], "quick")) return run_suite(PLAN_QUICK, sizeof PLAN_QUICK / sizeof *PLAN_QUICK, 1);
  }
  if (argc == 3 && !strcmp(argv[1], "mi")) return run_mi(atoi(argv[2]));
  if (argc < 5) {
    fprintf(stderr, "usage: %s suite full|quick | THREADS LAYERS PER_THREAD layer|parent [readers] | mi MOUNTS\n", argv[0]);
    return PROBE_USAGE;
  }
  return run_bench(atoi(argv[1]), atoi(argv[2]), atoi(argv[3]), !strcmp(argv[4], "parent"), argc > 5 ? atoi(argv[5]) : 0);
}
