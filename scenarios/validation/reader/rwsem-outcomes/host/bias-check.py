#!/usr/bin/env python3
"""How much the lock word's time share misses of a hold whose acquisition leaves no event
(a fast-path or spin-won down_write()): take the queued umount2 holds, whose exact span is
known (contention_end .. the up_write()'s sched_waking), drop their contention_end, and see
what the time-share estimate (each event's state held until the next event) gives them.
usage: KALLSYMS=kallsyms-text.xz bias-check.py RUN.bin"""
import bisect, lzma, os, struct, sys
R = struct.Struct('<QIHHQQQQQ10Q')
CB, CE, SW_OUT, SW_IN, WAKING, SYS_IN, SYS_OUT = range(1, 8)
ks = os.environ.get('KALLSYMS', '/proc/kallsyms')
syms = sorted((int(l.split()[0], 16), l.split()[2]) for l in (lzma.open(ks, 'rt') if ks.endswith('.xz') else open(ks))
              if l.split()[1] in 'tTwW')
addrs = [a for a, _ in syms]
def has(stack, name):
    for a in stack:
        if not a:
            return False
        i = bisect.bisect_right(addrs, a) - 1
        if i >= 0 and syms[i][1] == name:
            return True
    return False
NS = 0xffffffff8314b060
data = open(sys.argv[1], 'rb').read()
recs = sorted((R.unpack_from(data, o) for o in range(0, len(data), R.size)), key=lambda r: r[0])
ts_all = [r[0] for r in recs]
insys, queued, acq, spans = {}, {}, {}, []
for idx, r in enumerate(recs):
    ts, pid, ev, cpu, a0, a1 = r[:6]
    if ev == SYS_IN:
        insys[pid] = a0; queued[pid] = False
    elif ev == SYS_OUT:
        insys[pid] = None; acq.pop(pid, None)
    elif ev == CB and a0 == NS and not a1 & 2:
        queued[pid] = True
    elif ev == CE and a0 == NS and a1 == 0 and queued.get(pid) and insys.get(pid) == 166:
        acq[pid] = idx
    elif ev == WAKING and a0 in acq and has(r[9:], 'up_write') and has(r[9:], 'rwsem_wake.isra.0'):
        spans.append((acq.pop(a0), idx))
exact = [(recs[j][0] - recs[i][0]) / 1e3 for i, j in spans]
# without the contention_end: the hold is first seen at the next event after it
seen = [(recs[j][0] - recs[i + 1][0]) / 1e3 if i + 1 < j else 0.0 for i, j in spans]
gaps = [(recs[i + 1][0] - recs[i][0]) / 1e3 for i, j in spans]
n = len(spans)
print('queued umount2 holds n=%d: exact mean %.2f us; as a hold whose acquisition leaves no event: %.2f us (%.0f%%);'
      ' holds with no other event inside %d (%.0f%%); mean gap from acquisition to the next event %.2f us' % (
          n, sum(exact) / n, sum(seen) / n, 100 * sum(seen) / sum(exact), sum(1 for i, j in spans if i + 1 >= j),
          100 * sum(1 for i, j in spans if i + 1 >= j) / n, sum(gaps) / n))
