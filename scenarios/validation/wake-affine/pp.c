// two threads pinned to CPU 0 and CPU 1 hand a futex word back and forth: every wakeup crosses CPUs
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
static _Atomic int turn;
static int rounds;
static void fwait(int v) { syscall(SYS_futex, &turn, FUTEX_WAIT_PRIVATE, v, NULL, NULL, 0); }
static void fwake(void) { syscall(SYS_futex, &turn, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0); }
static void *run(void *arg) {
    int me = (int)(long)arg;
    cpu_set_t s; CPU_ZERO(&s); CPU_SET(me, &s); pthread_setaffinity_np(pthread_self(), sizeof s, &s);
    for (int i = 0; i < rounds; i++) {
        while (atomic_load(&turn) != me) fwait(1 - me);
        atomic_store(&turn, 1 - me);
        fwake();
    }
    return NULL;
}
int main(int argc, char **argv) {
    rounds = argc > 1 ? atoi(argv[1]) : 20000;
    pthread_t a, b;
    pthread_create(&a, NULL, run, (void *)0L);
    pthread_create(&b, NULL, run, (void *)1L);
    pthread_join(a, NULL); pthread_join(b, NULL);
    return 0;
}
