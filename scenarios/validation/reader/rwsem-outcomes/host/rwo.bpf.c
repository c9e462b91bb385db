// namespace_sem on the host, seen from tracepoints only (this kernel has no kprobes, and
// fentry programs are refused): one record per event of the probe's threads, with the
// lock's count and owner read at that instant (bpf_rdonly_cast of namespace_sem's address),
// the sleeping task's or the waker's kernel stack. Analysed offline (rwo-analyse.py).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";
const volatile u32 target_tgid = 0;
const volatile u64 ns_addr = 0;
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym;

#define DEPTH 10
struct rec { u64 ts; u32 pid; u16 ev; u16 cpu; u64 a0, a1, a2, cnt, own; u64 stack[DEPTH]; };
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 256 << 20); } rb SEC(".maps");

enum { CB = 1, CE, SW_OUT, SW_IN, WAKING, SYS_IN, SYS_OUT };

static __always_inline int mine(void) { return (bpf_get_current_pid_tgid() >> 32) == target_tgid; }
static __always_inline void emit(void *ctx, u32 pid, u16 ev, u64 a0, u64 a1, u64 a2, int stack) {
    struct rec *r = bpf_ringbuf_reserve(&rb, sizeof(struct rec), 0);
    if (!r) return;
    r->ts = bpf_ktime_get_ns(); r->pid = pid; r->ev = ev; r->cpu = bpf_get_smp_processor_id();
    r->a0 = a0; r->a1 = a1; r->a2 = a2; r->cnt = 0; r->own = 0;
    if (ns_addr) {
        struct rw_semaphore *s = bpf_rdonly_cast((void *)ns_addr, bpf_core_type_id_kernel(struct rw_semaphore));
        r->cnt = s->count.counter; r->own = s->owner.counter;
    }
    __builtin_memset(r->stack, 0, sizeof(r->stack));
    if (stack) bpf_get_stack(ctx, r->stack, sizeof(r->stack), 2 /* skip the program and bpf_trace_run */);
    bpf_ringbuf_submit(r, BPF_RB_NO_WAKEUP); /* the loader polls on a timer: no wakeup per record */
}

SEC("tp_btf/contention_begin") int BPF_PROG(cb, void *lock, unsigned int flags) { if (mine()) emit(ctx, (u32)bpf_get_current_pid_tgid(), CB, (u64)lock, flags, 0, 1); return 0; }
SEC("tp_btf/contention_end") int BPF_PROG(ce, void *lock, int ret) { if (mine()) emit(ctx, (u32)bpf_get_current_pid_tgid(), CE, (u64)lock, ret, 0, 0); return 0; }
SEC("tp_btf/sched_switch") int BPF_PROG(sw, bool preempt, struct task_struct *prev, struct task_struct *next, unsigned int prev_state) {
    if (prev->tgid == target_tgid) emit(ctx, prev->pid, SW_OUT, prev_state, preempt, next->pid, 1);
    if (next->tgid == target_tgid) emit(ctx, next->pid, SW_IN, 0, 0, prev->pid, 0);
    return 0;
}
SEC("tp_btf/sched_waking") int BPF_PROG(wk, struct task_struct *p) {
    if (p->tgid == target_tgid) emit(ctx, p->pid, WAKING, (u32)bpf_get_current_pid_tgid(), 0, 0, 1);
    return 0;
}
SEC("tp_btf/sys_enter") int BPF_PROG(se, struct pt_regs *regs, long id) { if (mine()) emit(ctx, (u32)bpf_get_current_pid_tgid(), SYS_IN, id, 0, 0, 0); return 0; }
SEC("tp_btf/sys_exit") int BPF_PROG(sx, struct pt_regs *regs, long ret) { if (mine()) emit(ctx, (u32)bpf_get_current_pid_tgid(), SYS_OUT, ret, 0, 0, 0); return 0; }
