#!/usr/bin/env python3
"""Reads `perf script -F comm,tid,cpu,event,trace` of a mountbench run recorded with
sched:sched_wakeup and sched:sched_switch (perf record -a) and prints, per start: how often a
mountbench thread was switched out, by its state (D/S: it slept, R: it was preempted), and
which share of the wakeups of mountbench threads crossed CPUs (the waker's CPU, where the
event is logged, against target_cpu). usage: perf script ... | sched-trace.py STARTS"""
import re, sys, collections

starts = int(sys.argv[1])
state, wake = collections.Counter(), collections.Counter()
for line in sys.stdin:
    m = re.search(r"\[(\d+)\]\s+sched:sched_wakeup:\s+comm=(\S+) pid=\d+ prio=\d+ target_cpu=(\d+)", line)
    if m:
        if m.group(2) == "mountbench":
            wake["remote" if int(m.group(1)) != int(m.group(3)) else "local"] += 1
        continue
    m = re.search(r"prev_comm=(\S+) prev_pid=\d+ prev_prio=\d+ prev_state=(\S+) ==>", line)
    if m and m.group(1) == "mountbench":
        state[m.group(2).rstrip("+")] += 1
slept = state["D"] + state["S"]
total = sum(wake.values())
print(f"switched out per start: slept (D+S) {slept / starts:.2f}, preempted (R) {state['R'] / starts:.2f}, all states {dict(state)};"
      f" wakeups per start {total / starts:.2f}, crossing CPUs {wake['remote'] / max(1, total):.2f}")
