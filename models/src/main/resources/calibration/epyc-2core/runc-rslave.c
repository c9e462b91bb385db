// runc-rslave: what runc init's first step on its copy of the table costs per mount.
//
// runc's prepareRoot() (libcontainer/rootfs_linux.go) starts with
// mount("", "/", "", MS_SLAVE|MS_REC, "") in the container's new mount namespace:
// do_change_type() (fs/namespace.c) holds namespace_sem and mount_lock while it calls
// change_mnt_propagation() on every mount of the copy. The model prices that walk at one
// mount_lock section per mount (SyscallPrograms.makeTreeSlave, 0.30 us [est] on the
// calibration profile). This probe times it against the table's size.
//
// Method, all inside a private mount namespace of its own (nothing is left mounted on the
// host): a tmpfs at a fresh directory, made shared (a systemd host's mounts are shared, so
// runc's copy is a peer group of the originals and MS_SLAVE takes do_make_slave()); N
// tmpfs mounts under it, each shared by inheritance. For each N, a child process
// unshare(CLONE_NEWNS)s (copy_mnt_ns(): the copy) and times the recursive MS_SLAVE on "/",
// then detaches the subtree of the N added mounts with umount2(MNT_DETACH) (umount_tree()
// under namespace_sem and mount_lock, then namespace_unlock()'s grace period: the shape of
// runc's detach of the old root after pivot_root, on the added mounts only), then exits
// (its namespace and copy go away). Several repetitions per N; median printed. The
// per-mount cost is the slope over N.
//
// Build and run (root; about a minute):
//   gcc -O2 -Wall -o /tmp/rslave models/src/main/resources/calibration/epyc-2core/runc-rslave.c
//   flock /tmp/mountsim-cpu.lock /tmp/rslave > models/src/main/resources/calibration/epyc-2core/runc-rslave.txt
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static void die(const char *what) {
    perror(what);
    exit(1);
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

// Times unshare(CLONE_NEWNS), the recursive MS_SLAVE and the subtree's detach in a child.
static void one_run(const char *base, double *unshare_us, double *slave_us, double *detach_us) {
    int fd[2];
    if (pipe(fd)) die("pipe");
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
        double r[3];
        double t0 = now_us();
        if (unshare(CLONE_NEWNS)) die("unshare");
        double t1 = now_us();
        if (mount("", "/", NULL, MS_SLAVE | MS_REC, NULL)) die("mount MS_SLAVE|MS_REC");
        double t2 = now_us();
        if (umount2(base, MNT_DETACH)) die("umount2 MNT_DETACH in the copy");
        double t3 = now_us();
        r[0] = t1 - t0;
        r[1] = t2 - t1;
        r[2] = t3 - t2;
        if (write(fd[1], r, sizeof r) != sizeof r) die("write");
        _exit(0);
    }
    double r[3];
    if (read(fd[0], r, sizeof r) != sizeof r) die("read");
    int status;
    waitpid(pid, &status, 0);
    close(fd[0]);
    close(fd[1]);
    *unshare_us = r[0];
    *slave_us = r[1];
    *detach_us = r[2];
}

int main(void) {
    if (unshare(CLONE_NEWNS)) die("unshare (private namespace for the probe)");
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) die("make / private");
    char base[] = "/tmp/rslave-XXXXXX";
    if (!mkdtemp(base)) die("mkdtemp");
    if (mount("rslave", base, "tmpfs", 0, "size=1m")) die("mount base tmpfs");
    if (mount(NULL, base, NULL, MS_SHARED, NULL)) die("make base shared");

    FILE *f = fopen("/proc/self/mountinfo", "r");
    int baseline = 0;
    for (int c; (c = fgetc(f)) != EOF;) baseline += c == '\n';
    fclose(f);

    const int sizes[] = {0, 500, 1000, 1500, 2000, 4000, 8000};
    const int reps = 7;
    int made = 0;
    printf("# rslave: recursive MS_SLAVE on / of a fresh copy (runc prepareRoot()), and the unshare that makes the copy\n");
    printf("# baseline mounts in the probe's namespace before the added ones: %d (the base tmpfs included)\n", baseline);
    printf("added_mounts total_mounts reps unshare_us_median slave_us_median detach_us_median\n");
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        for (; made < sizes[i]; made++) {
            char path[64];
            snprintf(path, sizeof path, "%s/%d", base, made);
            if (mkdir(path, 0700)) die("mkdir");
            if (mount("m", path, "tmpfs", 0, "size=4k")) die("mount tmpfs");
        }
        double u[16], s[16], d[16];
        for (int r = 0; r < reps; r++) one_run(base, &u[r], &s[r], &d[r]);
        qsort(u, reps, sizeof u[0], cmp);
        qsort(s, reps, sizeof s[0], cmp);
        qsort(d, reps, sizeof d[0], cmp);
        printf("%d %d %d %.1f %.1f %.1f\n", made, baseline + made, reps, u[reps / 2], s[reps / 2], d[reps / 2]);
        fflush(stdout);
    }
    // leave nothing behind: the namespace dies with the process; unmount anyway
    if (umount2(base, MNT_DETACH)) die("umount base");
    rmdir(base);
    return 0;
}
