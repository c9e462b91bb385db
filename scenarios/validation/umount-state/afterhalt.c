// experiment: is a mount call slower right after the caller's vCPU halted?
#include "probe.h"
#include <sys/syscall.h>
#include <sys/resource.h>
#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif
static const char *ROOT = "/tmp/mah";
static void spin_us(long us) { long long e = probe_now_ns() + us * 1000; while (probe_now_ns() < e) probe_cpu_relax(); }
static long long ot(const char *src, int *fd) { long long t = probe_now_ns(); *fd = syscall(SYS_open_tree, AT_FDCWD, src, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC); long long d = probe_now_ns() - t; if (*fd < 0) probe_fail(PROBE_FAILED, "open_tree"); return d; }
int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 500;
  probe_private_mount_ns();
  mkdir(ROOT, 0755); if (mount("tmpfs", ROOT, "tmpfs", 0, "size=8m") < 0) probe_fail(PROBE_FAILED, "tmpfs");
  char src[256]; snprintf(src, sizeof src, "%s/src", ROOT); mkdir(src, 0755);
  const char *names[] = {"none", "sleep100", "spin100", "sleep1000", "spin1000"};
  for (int mode = 0; mode < 5; mode++) {
    double *a = calloc(n, sizeof *a), *b = calloc(n, sizeof *b);
    int fds[64]; int nf = 0;
    for (int i = 0; i < n; i++) {
      if (mode == 1) usleep(100); else if (mode == 2) spin_us(100); else if (mode == 3) usleep(1000); else if (mode == 4) spin_us(1000);
      a[i] = ot(src, &fds[nf++]) / 1e3;
      b[i] = ot(src, &fds[nf++]) / 1e3;
      if (nf >= 64 || mode == 0) { for (int k = 0; k < nf; k++) close(fds[k]); nf = 0; }
    }
    for (int k = 0; k < nf; k++) close(fds[k]);
    probe_stats_t sa = probe_stats(a, n), sb = probe_stats(b, n);
    printf("afterhalt before=%s samples=%d first_mean_us=%.2f first_p50_us=%.2f second_mean_us=%.2f second_p50_us=%.2f\n", names[mode], n, sa.mean, sa.p50, sb.mean, sb.p50);
  }
  return probe_finish();
}
