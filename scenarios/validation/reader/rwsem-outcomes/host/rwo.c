// Loader: runs argv[2..] as a child, records rwo.bpf.o's events for the child's threads into argv[1].
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>
#include <bpf/libbpf.h>
#include <bpf/bpf.h>

static FILE *out;
static long n;
static int on_rec(void *ctx, void *data, size_t sz) { fwrite(data, sz, 1, out); n++; return 0; }

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s OUT.bin CMD...\n", argv[0]); return 2; }
    int go[2]; if (pipe(go)) return 1;
    pid_t child = fork();
    if (child == 0) { char c; close(go[1]); if (read(go[0], &c, 1) != 1) _exit(3); execvp(argv[2], argv + 2); _exit(4); }
    close(go[0]);
    struct bpf_object *obj = bpf_object__open_file("rwo.bpf.o", NULL);
    if (!obj) { fprintf(stderr, "open failed\n"); kill(child, 9); return 1; }
    { struct bpf_program *q; const char *only = getenv("ONLY");
      bpf_object__for_each_program(q, obj) { bpf_program__set_log_level(q, 1); } bpf_object__for_each_program(q, obj) if (only && !strstr(only, bpf_program__name(q))) bpf_program__set_autoload(q, false); }
    struct bpf_map *ro = bpf_object__find_map_by_name(obj, ".rodata");
    size_t sz; void *init = (void *)bpf_map__initial_value(ro, &sz);
    unsigned int tgid = child; memcpy(init, &tgid, 4); unsigned long long ns = getenv("NS") ? strtoull(getenv("NS"), 0, 16) : 0; memcpy((char *)init + 8, &ns, 8);
    if (bpf_object__load(obj)) { fprintf(stderr, "load failed\n"); kill(child, 9); return 1; }
    struct bpf_program *p;
    bpf_object__for_each_program(p, obj) {
        if (!bpf_program__autoload(p)) continue;
        if (!bpf_program__attach(p)) { fprintf(stderr, "attach %s failed\n", bpf_program__name(p)); kill(child, 9); return 1; }
    }
    out = fopen(argv[1], "wb");
    struct ring_buffer *rb = ring_buffer__new(bpf_map__fd(bpf_object__find_map_by_name(obj, "rb")), on_rec, NULL, NULL);
    if (write(go[1], "g", 1) != 1) return 1;
    int st;
    for (;;) {
        /* records are submitted without a wakeup (BPF_RB_NO_WAKEUP): sleep, then drain,
           so that this loader does not preempt the probe's threads for every record */
        if (waitpid(child, &st, WNOHANG) == child) break;
        usleep(200000);
        ring_buffer__consume(rb);
    }
    while (ring_buffer__consume(rb) > 0) {}
    fclose(out);
    fprintf(stderr, "rwo: %ld records, child exit %d\n", n, WEXITSTATUS(st));
    return 0;
}
