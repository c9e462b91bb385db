// mountsim probe kit: what every probe shares (see FORMAT.md beside this file).
//
// - Exit codes: one per host problem the kit can meet, so that `mountsim probe` maps each
//   to one line naming the fix (scenarios/.../probe/ProbeExit.java holds the same table).
// - probe_private_mount_ns(): the first call of every probe that mounts. It moves the
//   process into a new mount namespace and makes every mount in it private, so no mount
//   made afterwards can propagate to, or stay behind in, the caller's namespace: when the
//   probe exits, its namespace and every mount in it go away (put_mnt_ns()).
// - probe_userns_fd(): a user namespace fd for MOUNT_ATTR_IDMAP (idmapped mounts take
//   their mapping from a user namespace, fs/mnt_idmapping.c).
// - probe_check_idmap(): ENOSYS from open_tree/mount_setattr and a file system that
//   refuses idmapping are told apart before any measurement.
// - Rows: `<row-kind> key=value ...` on stdout; units in the key names; probe_stats()
//   gives mean and nearest-rank percentiles of a sample array.
#ifndef MOUNTSIM_PROBE_H
#define MOUNTSIM_PROBE_H
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
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

#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif
#ifndef MOUNT_ATTR_IDMAP
#define MOUNT_ATTR_IDMAP 0x00100000
#endif

enum probe_exit {
  PROBE_OK = 0,
  PROBE_FAILED = 1,            // an unexpected error; perror() said which call
  PROBE_USAGE = 2,             // bad command-line arguments
  PROBE_NOT_PRIVILEGED = 10,   // unshare(CLONE_NEWNS) or mount() refused: not root / no CAP_SYS_ADMIN
  PROBE_NO_MOUNT_API = 11,     // open_tree/move_mount/mount_setattr return ENOSYS (kernel < 5.12)
  PROBE_NO_IDMAP = 12,         // mount_setattr(MOUNT_ATTR_IDMAP) refused on tmpfs (kernel < 6.3)
  PROBE_NO_USERNS = 13,        // unshare(CLONE_NEWUSER) refused (user namespaces off or limited)
  PROBE_NO_SPACE = 14,         // ENOSPC writing the probe's output
  PROBE_NO_MOUNT_NS = 15,      // mount namespaces not built in (CONFIG_MNT_NS... unshare EINVAL)
};

// Exit with a probe_exit code; the message goes to stderr for a person running it by hand.
static __attribute__((unused)) void probe_fail(int code, const char *what) {
  fprintf(stderr, "%s: %s\n", what, strerror(errno));
  exit(code);
}

static __attribute__((unused)) void probe_private_mount_ns(void) {
  if (unshare(CLONE_NEWNS) < 0) probe_fail(errno == EINVAL ? PROBE_NO_MOUNT_NS : PROBE_NOT_PRIVILEGED, "unshare(CLONE_NEWNS)");
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) probe_fail(PROBE_NOT_PRIVILEGED, "mount(/, MS_REC|MS_PRIVATE)");
}

// Runs fn(arg) in a child process with its own private mount namespace (a copy of the
// caller's): whatever the child mounts goes away with it. Returns the child's exit code.
static __attribute__((unused)) int probe_run_in_child(int (*fn)(void *), void *arg) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) probe_fail(PROBE_FAILED, "fork");
  if (pid == 0) { probe_private_mount_ns(); int rc = fn(arg); fflush(stdout); _exit(rc); }
  int st;
  if (waitpid(pid, &st, 0) < 0) probe_fail(PROBE_FAILED, "waitpid");
  if (!WIFEXITED(st)) { fprintf(stderr, "child killed by signal %d\n", WTERMSIG(st)); return PROBE_FAILED; }
  return WEXITSTATUS(st);
}

// stdout is a file written by `mountsim probe`: a full disk shows up at the last flush.
static __attribute__((unused)) int probe_finish(void) {
  if (fflush(stdout) != 0 || ferror(stdout)) return errno == ENOSPC ? PROBE_NO_SPACE : PROBE_FAILED;
  return PROBE_OK;
}

static inline long long probe_now_ns(void) {
  struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1000000000LL + t.tv_nsec;
}
static inline long long probe_thread_cpu_ns(void) {
  struct timespec t; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static inline void probe_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

// A user namespace mapping 0..65535 to 100000..165535 (what containerd gives a pod), as an fd.
// The child unshares, tells the parent, and waits; the parent writes the maps and opens
// /proc/CHILD/ns/user, which keeps the namespace alive after the child exits.
static __attribute__((unused)) int probe_userns_fd(void) {
  int ready[2], done[2];
  if (pipe(ready) || pipe(done)) probe_fail(PROBE_FAILED, "pipe");
  pid_t pid = fork();
  if (pid < 0) probe_fail(PROBE_FAILED, "fork");
  if (pid == 0) {
    close(ready[0]); close(done[1]);
    char ok = unshare(CLONE_NEWUSER) == 0 ? 'y' : 'n';
    if (write(ready[1], &ok, 1) != 1) _exit(1);
    char c; (void)!read(done[0], &c, 1);
    _exit(0);
  }
  close(ready[1]); close(done[0]);
  char ok = 'n';
  if (read(ready[0], &ok, 1) != 1 || ok != 'y') {
    errno = EPERM; close(done[1]); waitpid(pid, NULL, 0);
    probe_fail(PROBE_NO_USERNS, "unshare(CLONE_NEWUSER)");
  }
  char path[128]; const char map[] = "0 100000 65536\n";
  const char *files[] = {"uid_map", "gid_map"};
  for (int i = 0; i < 2; i++) {
    snprintf(path, sizeof path, "/proc/%d/%s", pid, files[i]);
    int f = open(path, O_WRONLY);
    if (f < 0 || write(f, map, strlen(map)) < 0) probe_fail(PROBE_NO_USERNS, path);
    close(f);
  }
  snprintf(path, sizeof path, "/proc/%d/ns/user", pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) probe_fail(PROBE_NO_USERNS, path);
  close(ready[0]); close(done[1]); waitpid(pid, NULL, 0);
  return fd;
}

// Clones `dir` (on a tmpfs the probe mounted) and idmaps the clone, as containerd does for
// a layer; tells ENOSYS (no new mount API) from a refused idmapping. Mounts nothing.
static __attribute__((unused)) void probe_check_idmap(const char *dir, int userns_fd) {
  int fd = syscall(SYS_open_tree, AT_FDCWD, dir, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
  if (fd < 0) probe_fail(errno == ENOSYS ? PROBE_NO_MOUNT_API : PROBE_FAILED, "open_tree");
  struct mount_attr a = {0};
  a.attr_set = MOUNT_ATTR_IDMAP; a.userns_fd = userns_fd;
  if (syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH, &a, sizeof a) < 0)
    probe_fail(errno == ENOSYS ? PROBE_NO_MOUNT_API : PROBE_NO_IDMAP, "mount_setattr(MOUNT_ATTR_IDMAP)");
  close(fd); // the detached clone is dropped on close (dissolve_on_fput)
}

// Mean and nearest-rank percentiles: p-th percentile = sorted[ceil(p * n) - 1].
typedef struct { long n; double mean, p50, p90, p99, min, max; } probe_stats_t;
static __attribute__((unused)) int probe_cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b; return x < y ? -1 : x > y;
}
static __attribute__((unused)) double probe_rank(const double *sorted, long n, double p) {
  double pos = p * n; long k = (long)pos; if ((double)k < pos) k++; // ceil without libm
  k -= 1; if (k < 0) k = 0; if (k >= n) k = n - 1; return sorted[k];
}
static __attribute__((unused)) probe_stats_t probe_stats(double *v, long n) { // sorts v in place
  probe_stats_t s = {0};
  if (n <= 0) return s;
  qsort(v, n, sizeof *v, probe_cmp_double);
  double sum = 0; for (long i = 0; i < n; i++) sum += v[i];
  s.n = n; s.mean = sum / n; s.min = v[0]; s.max = v[n - 1];
  s.p50 = probe_rank(v, n, 0.50); s.p90 = probe_rank(v, n, 0.90); s.p99 = probe_rank(v, n, 0.99);
  return s;
}

// Pins the calling thread to one CPU; returns 0 or -1 (a cpuset may forbid the CPU).
static __attribute__((unused)) int probe_pin(int cpu) {
  cpu_set_t set; CPU_ZERO(&set); CPU_SET(cpu, &set);
  return sched_setaffinity(0, sizeof set, &set);
}

// The CPUs this process may run on, in increasing order; returns how many.
static __attribute__((unused)) int probe_allowed_cpus(int *out, int max) {
  cpu_set_t set; int n = 0;
  if (sched_getaffinity(0, sizeof set, &set) < 0) probe_fail(PROBE_FAILED, "sched_getaffinity");
  for (int c = 0; c < CPU_SETSIZE && n < max; c++) if (CPU_ISSET(c, &set)) out[n++] = c;
  return n;
}

// Reads the first line of a sysfs file into buf; returns 0, or -1 if absent.
static __attribute__((unused)) int probe_sysfs(char *buf, size_t len, const char *fmt, int cpu) {
  char path[256]; snprintf(path, sizeof path, fmt, cpu);
  FILE *f = fopen(path, "r"); if (!f) return -1;
  if (!fgets(buf, (int)len, f)) { fclose(f); return -1; }
  fclose(f); buf[strcspn(buf, "\n")] = 0; return 0;
}

// The cpuidle driver ("haltpoll", "intel_idle", "acpi_idle", "none"): how an idle CPU
// waits decides what waking it costs (haltpoll polls before it halts a KVM vCPU).
static __attribute__((unused)) void probe_cpuidle_driver(char *buf, size_t len) {
  FILE *f = fopen("/sys/devices/system/cpu/cpuidle/current_driver", "r");
  if (!f || !fgets(buf, (int)len, f)) snprintf(buf, len, "none");
  if (f) fclose(f);
  buf[strcspn(buf, "\n")] = 0;
}
#endif
