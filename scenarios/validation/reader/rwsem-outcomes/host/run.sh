#!/bin/sh
# namespace_sem's outcomes on the host (2026-11-30 06:34 UTC, kernel 6.18.44, 2 vCPUs).
# This kernel has no kprobes (CONFIG_KPROBES off), no lock event counters
# (CONFIG_LOCK_EVENT_COUNTS off), tracefs files and fentry programs are refused (lockdown),
# and perf's hardware breakpoints are not supported: so rwo.bpf.c uses BTF tracepoints only
# (lock:contention_begin/end, sched_switch, sched_waking, sys_enter/exit) and reads
# namespace_sem's count and owner at every event (bpf_rdonly_cast of its address).
#
# Build (as root; Debian 12 packages clang libbpf-dev bpftool):
#   bpftool btf dump file /sys/kernel/btf/vmlinux format c > vmlinux.h
#   clang -O2 -g -target bpf -D__TARGET_ARCH_x86 -c rwo.bpf.c -o rwo.bpf.o
#   gcc -O2 -o rwo rwo.c -lbpf
#   ./mbr: ../../mountbench-reader.c built as ../README.md says (cc -O2 -pthread, beside probe.h)
# Run, three times, from this directory:
#   flock /tmp/mountsim-cpu.lock unshare -m --propagation private sh run.sh runN.bin 16 4
# namespace_sem's address (static; fixed until reboot) is the lock of the READ contention in
# read(2) (m_start) of a first short run. Records: 136 bytes each (struct rec in rwo.bpf.c);
# analysed by rwo-analyse.py runN.bin (it symbolises stacks with /proc/kallsyms: for the
# kept runN.bin.xz use this boot's kallsyms-text.xz instead).
set -e
NS=${NS:-0xffffffff8314b060} ./rwo "$1" ./mbr $2 50 $3 layer 1
