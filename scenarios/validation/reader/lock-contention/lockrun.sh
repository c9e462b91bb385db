#!/bin/sh
# namespace_sem contention on the host, one reader at 16 threads (2026-11-30 05:51 UTC,
# perf 6.1.187, tracepoint-based lock:contention_begin/end, no BPF). Build ../mountbench-reader.c (made from ../mountbench-reader.patch, see ../README.md)
# as ./mbr beside the kit's probe.h (cc -O2 -pthread), then, as root, from that directory:
#   flock /tmp/mountsim-cpu.lock unshare -m --propagation private sh lockrun.sh 16 4
# (tracefs is mounted only inside the private namespace and goes with it). Afterwards:
#   perf lock contention -i lock-16.data -E 10000 > contention-16-all.txt
# and by-caller.txt sums that file's rows by lock type and caller function (awk in ../README.md).
# The perf.data file (1.8 MB) is not kept.
set -e
mount -t tracefs nodev /sys/kernel/tracing
perf lock record -a -o lock-$1.data -- ./mbr $1 50 $2 layer 1 > mbr-$1.txt 2>&1
