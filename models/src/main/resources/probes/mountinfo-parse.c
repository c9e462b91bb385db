// mountsim probe kit: mountinfo-parse
//
// WHAT: what one full parse of /proc/self/mountinfo costs in user space, the way
// systemd (PID 1) does it on every mount-table notification: systemd's libmount_parse()
// (src/shared/libmount-util.c) fills a libmnt_table with mnt_table_parse_mtab(), which on a
// current libmount reads /proc/self/mountinfo (mnt_table_parse_mountinfo) and merges utab.
//
// HOW:
//   - it runs in its own mount namespace (unshare(CLONE_NEWNS), then / made MS_PRIVATE|MS_REC;
//     run it under `unshare -m --propagation private` as well), so nothing it mounts is seen
//     outside and everything goes away when it exits; each KIND runs in a child process with
//     a namespace of its own, so one KIND's mounts never count in another's table;
//   - it mounts a tmpfs at /tmp/mb-parse-mip (as long a path as the /tmp/mountsim-mip of
//     the first hand runs, so the lines keep their length) and grows the table in steps: KIND bind = bind
//     mounts of one directory (short lines, like most of a node's lines); KIND overlay:L =
//     overlay mounts of L lowerdirs whose paths look like containerd's snapshot paths
//     (.../io.containerd.snapshotter.v1.overlayfs/snapshots/<n>/fs), like a running
//     container's rootfs line;
//   - at each size it times, REPEATS times each, and reports the medians of:
//     read_us:  the whole file read in 64 KiB read() calls (the kernel's work, for reference);
//     parse_us: mnt_new_table + mnt_table_parse_mtab + mnt_unref_table, what PID 1 calls
//               (the kernel's read in libmount's own read pattern + parse + free);
//     user_us:  the same parse and free from an in-memory copy of the file taken just before
//               (fmemopen + mnt_table_parse_stream, libmount guesses the mountinfo format
//               from the first line): the user-space part alone;
//   - ns_per_line = user_us / lines. The kernel's part is priced apart in mountsim
//     (kernel.syscallsUs.mountinfoRead, per line and per lowerdir), so the simulator takes
//     the user-space part only. (parse_us - user_us is NOT read_us: the kernel's cost of a
//     read depends on the read() size, because seq_file regenerates a record that does not
//     fit the rest of the buffer.)
// ROWS: one per size:
//   mountinfo-parse kind=bind mounts=N lines=N bytes=B read_us=.. parse_us=.. user_us=.. ns_per_line=.. ns_per_byte=..
// Build and run (root, private mount namespace only):
//   gcc -O2 -o mountinfo-parse mountinfo-parse.c $(pkg-config --cflags --libs mount)
//   unshare -m --propagation private ./mountinfo-parse bind 20000 15
//   unshare -m --propagation private ./mountinfo-parse overlay:50 1000 15
//   ./mountinfo-parse bind 5000 7 overlay:1 300 7 overlay:50 300 7     (several KINDs, as the kit does)
// Needs libmount (Debian libmount-dev, Fedora libmount-devel): the kit's one optional probe.
#include "probe.h"
#include <errno.h>
#include <fcntl.h>
#include <libmount.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define ROOT "/tmp/mb-parse-mip"
#define SNAPSHOTS ROOT "/io.containerd.snapshotter.v1.overlayfs/snapshots"

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static char readbuf[1 << 16];

/* One full read of mountinfo; returns its bytes and lines. */
static double read_once(long *bytes, long *lines) {
    double t0 = now_us();
    int fd = open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
    long total = 0, nl = 0;
    ssize_t n;
    while ((n = read(fd, readbuf, sizeof readbuf)) > 0) {
        total += n;
        for (ssize_t i = 0; i < n; i++) {
            nl += readbuf[i] == '\n';
        }
    }
    close(fd);
    double t = now_us() - t0;
    *bytes = total;
    *lines = nl;
    return t;
}

/* What systemd's libmount_parse(NULL, ...) does: a new table filled from mountinfo (+ utab). */
static double parse_once(int *entries) {
    double t0 = now_us();
    struct libmnt_table *tb = mnt_new_table();
    if (!tb || mnt_table_parse_mtab(tb, NULL) < 0) {
        fprintf(stderr, "mnt_table_parse_mtab failed\n");
        exit(PROBE_FAILED);
    }
    *entries = mnt_table_get_nents(tb);
    mnt_unref_table(tb);
    return now_us() - t0;
}

static char *copy;
static size_t copy_size;

/* The parse alone: the same table built from an in-memory copy of the file. */
static double parse_memory_once(void) {
    double t0 = now_us();
    FILE *f = fmemopen(copy, copy_size, "r");
    struct libmnt_table *tb = mnt_new_table();
    if (!f || !tb || mnt_table_parse_stream(tb, f, "/proc/self/mountinfo") < 0) {
        fprintf(stderr, "mnt_table_parse_stream failed\n");
        exit(PROBE_FAILED);
    }
    mnt_unref_table(tb);
    fclose(f);
    return now_us() - t0;
}

static void take_copy(void) {
    free(copy);
    copy = NULL;
    copy_size = 0;
    size_t cap = 0;
    int fd = open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
    ssize_t n;
    do {
        if (cap - copy_size < sizeof readbuf) {
            cap = cap * 2 + sizeof readbuf;
            copy = realloc(copy, cap);
        }
        n = read(fd, copy + copy_size, cap - copy_size);
        if (n > 0) {
            copy_size += n;
        }
    } while (n > 0);
    close(fd);
}

static void must(int rc, const char *what) {
    if (rc) {
        probe_fail(errno == EPERM ? PROBE_NOT_PRIVILEGED : PROBE_FAILED, what);
    }
}

static void mkdirs(const char *path) {
    char b[4096];
    snprintf(b, sizeof b, "%s", path);
    for (char *p = b + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            mkdir(b, 0755);
            *p = '/';
        }
    }
    mkdir(b, 0755);
}

/* Adds mount number i of the given kind. */
static void add_mount(const char *kind, int layers, int i) {
    char target[512];
    if (strcmp(kind, "bind") == 0) {
        snprintf(target, sizeof target, ROOT "/b/%d/%d", i % 100, i);
        mkdirs(target);
        must(mount(ROOT "/src", target, NULL, MS_BIND, NULL), "bind mount");
        return;
    }
    static char opts[1 << 16];
    int used = snprintf(opts, sizeof opts, "lowerdir=");
    for (int l = 0; l < layers; l++) {
        // each container's layers are their own snapshots, as in containerd's snapshotter
        char dir[512];
        snprintf(dir, sizeof dir, SNAPSHOTS "/%d/fs", i * layers + l + 1);
        mkdirs(dir);
        used += snprintf(opts + used, sizeof opts - used, "%s%s", l ? ":" : "", dir);
    }
    char upper[512], work[512];
    snprintf(upper, sizeof upper, SNAPSHOTS "/u%d/fs", i);
    snprintf(work, sizeof work, SNAPSHOTS "/u%d/work", i);
    snprintf(target, sizeof target, ROOT "/rootfs/%d", i);
    mkdirs(upper);
    mkdirs(work);
    mkdirs(target);
    snprintf(opts + used, sizeof opts - used, ",upperdir=%s,workdir=%s", upper, work);
    must(mount("overlay", target, "overlay", 0, opts), "overlay mount");
}

struct spec {
    const char *kind; // bind or overlay
    int layers;       // lowerdirs per overlay line
    int max;          // the largest table size to reach
    int repeats;      // timed parses per size
};

/* One KIND's sweep, in a child process with its own private mount namespace. */
static int measure(void *arg) {
    const struct spec *sp = arg;
    const char *kind = sp->kind;
    int layers = sp->layers, max = sp->max, repeats = sp->repeats;
    mkdirs(ROOT);
    must(mount("tmpfs", ROOT, "tmpfs", 0, "size=256m,nr_inodes=4m"), "tmpfs");
    mkdirs(ROOT "/src");

    static const int steps[] = {0, 10, 30, 100, 300, 1000, 2000, 5000, 10000, 20000, 50000};
    double *reads = calloc(repeats, sizeof(double));
    double *parses = calloc(repeats, sizeof(double));
    double *users = calloc(repeats, sizeof(double));
    int made = 0;
    for (size_t s = 0; s < sizeof steps / sizeof *steps && steps[s] <= max; s++) {
        for (; made < steps[s]; made++) {
            add_mount(kind, layers, made);
        }
        long bytes = 0, lines = 0;
        int entries = 0;
        take_copy();
        read_once(&bytes, &lines); // warm the caches once
        parse_once(&entries);
        parse_memory_once();
        for (int r = 0; r < repeats; r++) {
            reads[r] = read_once(&bytes, &lines);
            parses[r] = parse_once(&entries);
            users[r] = parse_memory_once();
        }
        double read_us = median(reads, repeats);
        double parse_us = median(parses, repeats);
        double user_us = median(users, repeats);
        char label[64];
        if (layers) {
            snprintf(label, sizeof label, "overlay:%d", layers);
        } else {
            snprintf(label, sizeof label, "%s", kind);
        }
        printf("mountinfo-parse kind=%s mounts=%d lines=%ld entries=%d bytes=%ld read_us=%.1f parse_us=%.1f "
               "user_us=%.1f ns_per_line=%.1f ns_per_byte=%.2f\n",
               label, made, lines, entries, bytes, read_us, parse_us,
               user_us, 1000 * user_us / lines, 1000 * user_us / bytes);
        fflush(stdout);
    }
    return probe_finish();
}

int main(int argc, char **argv) {
    probe_private_mount_ns();
    if (argc < 3) {
        fprintf(stderr, "usage: %s bind|overlay:L MAX_MOUNTS [REPEATS] [bind|overlay:L MAX_MOUNTS REPEATS ...]\n", argv[0]);
        return PROBE_USAGE;
    }
    for (int a = 1; a < argc; a += 3) {
        struct spec sp = {argv[a], 0, 0, 15};
        if (strncmp(sp.kind, "overlay:", 8) == 0) {
            sp.layers = atoi(sp.kind + 8);
            sp.kind = "overlay";
            if (sp.layers < 1 || sp.layers > 500) {
                fprintf(stderr, "overlay:L takes 1 to 500 lowerdirs\n");
                return PROBE_USAGE;
            }
        } else if (strcmp(sp.kind, "bind") != 0) {
            fprintf(stderr, "kind must be bind or overlay:L\n");
            return PROBE_USAGE;
        }
        if (a + 1 >= argc) {
            fprintf(stderr, "each KIND takes MAX_MOUNTS (and REPEATS, which only the last KIND may leave out)\n");
            return PROBE_USAGE;
        }
        sp.max = atoi(argv[a + 1]);
        sp.repeats = a + 2 < argc ? atoi(argv[a + 2]) : 15;
        if (sp.max < 0 || sp.repeats < 1) {
            fprintf(stderr, "MAX_MOUNTS must be >= 0 and REPEATS >= 1\n");
            return PROBE_USAGE;
        }
        int rc = probe_run_in_child(measure, &sp);
        if (rc != PROBE_OK) {
            return rc;
        }
    }
    return probe_finish();
}
