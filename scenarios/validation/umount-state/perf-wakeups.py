# Which wakeups end each mountbench worker's unmounts, per tenth of its run, from
#   perf record -a -e sched:sched_wakeup,sched:sched_switch,sched:sched_migrate_task -- ./mountbench suite quick
#   perf script -F comm,pid,cpu,time,event,trace > perf.txt
# L = woken by rcu_exp_gp_kthread_worker running on the same CPU (no IPI);
# R = woken from the idle loop of its own CPU after an IPI (sched_ttwu_pending: the worker ran on the other CPU)
import collections, re, sys
ev = collections.defaultdict(list)
for line in open(sys.argv[1] if len(sys.argv) > 1 else 'perf.txt'):
    m = re.match(r'\s*(.+?)\s+(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+(\S+):\s+(.*)', line)
    if not m or m.group(5) != 'sched:sched_wakeup':
        continue
    comm, _, cpu, t, _, tr = m.groups()
    w = re.search(r'comm=(.+?) pid=(\d+) prio=\d+ target_cpu=(\d+)', tr)
    if w.group(1) == 'mountbench':
        ev[w.group(2)].append((float(t), 'L' if comm.startswith('rcu_exp') else 'R' if comm == 'swapper' else 'o'))
for tid in sorted(ev):
    xs = ev[tid]
    if len(xs) < 50:
        continue
    t0, span = xs[0][0], xs[-1][0] - xs[0][0]
    b = [collections.Counter() for _ in range(10)]
    for t, k in xs:
        b[min(9, int((t - t0) / span * 10))][k] += 1
    print(tid, '%.0f ms' % (span * 1e3), ' '.join('%d/%d' % (c['L'], c['R']) for c in b))
