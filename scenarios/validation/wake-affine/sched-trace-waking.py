#!/usr/bin/env python3
"""Reads `perf script -F comm,tid,cpu,event,trace` of a mountbench run recorded with
sched:sched_waking, sched:sched_wakeup and sched:sched_switch (perf record -a) and prints
which share of the wakeups of mountbench threads crossed CPUs, counted from the waker's side:
sched_waking is logged on the waker's CPU (try_to_wake_up() start), the next sched_wakeup of
the same task names the CPU it was placed on (target_cpu). Split by where that sched_wakeup was
logged: on the waker's CPU (a remote run-queue lock, target busy or local) or on the target
CPU (the wake-list IPI, ttwu_queue_wakelist(): the target was idle). sched-trace.py counted
only the first kind as crossing. usage: perf script ... | sched-trace-waking.py STARTS"""
import re, sys, collections

starts = int(sys.argv[1])
waking = {}  # wakee pid -> (waker cpu, waker comm)
c = collections.Counter()
for line in sys.stdin:
    m = re.search(r"^\s*(\S+)\s+\d+\s+\[(\d+)\]\s+sched:(sched_waking|sched_wakeup):\s+comm=(\S+) pid=(\d+) prio=\d+ target_cpu=(\d+)", line)
    if not m:
        continue
    cur, cpu, ev, comm, pid, target = m.group(1), int(m.group(2)), m.group(3), m.group(4), m.group(5), int(m.group(6))
    if comm != "mountbench":
        continue
    if ev == "sched_waking":
        waking[pid] = (cpu, cur)
        continue
    w = waking.pop(pid, None)
    if w is None:
        c["wakeup without a waking seen"] += 1
        continue
    wcpu, wcomm = w
    kind = "waker mountbench" if wcomm == "mountbench" else "waker other"
    c[kind, "all"] += 1
    if target != wcpu:
        c[kind, "crossing, logged on target (idle target, wake list)" if cpu == target else "crossing, logged on waker's CPU (busy target)"] += 1
tot = sum(v for k, v in c.items() if isinstance(k, tuple) and k[1] == "all")
print(f"paired wakeups per start {tot / starts:.2f}; unpaired {c['wakeup without a waking seen']}")
for kind in ("waker mountbench", "waker other"):
    n = c[kind, "all"]
    if n == 0:
        continue
    idle = c[kind, "crossing, logged on target (idle target, wake list)"]
    busy = c[kind, "crossing, logged on waker's CPU (busy target)"]
    print(f"  {kind}: {n / starts:.2f} per start; crossing {(idle + busy) / n:.3f} = onto an idle CPU {idle / n:.3f} + onto a busy CPU {busy / n:.3f}")
allidle = sum(v for k, v in c.items() if isinstance(k, tuple) and k[1].startswith("crossing, logged on target"))
allbusy = sum(v for k, v in c.items() if isinstance(k, tuple) and k[1].startswith("crossing, logged on waker"))
print(f"  all: crossing {(allidle + allbusy) / max(1, tot):.3f} = onto an idle CPU {allidle / max(1, tot):.3f} + onto a busy CPU {allbusy / max(1, tot):.3f}")
