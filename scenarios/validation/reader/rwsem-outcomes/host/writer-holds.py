#!/usr/bin/env python3
"""namespace_sem write holds on the host (umount2() in detail, then every writer syscall), from rwo's records
(rwo.bpf.c; the lock word and owner sampled at every event of the probe's threads).

usage: KALLSYMS=kallsyms-text.xz writer-holds.py RUN.bin [NS_ADDR_HEX]

Three estimates of the hold (namespace_lock() .. namespace_unlock()'s up_write()):
 1. queued umounts, exact: lock:contention_end (the writer took the lock in
    rwsem_down_write_slowpath()) to the sched_waking its up_write() > rwsem_wake() makes
    (as rwo-analyse.py); only umounts that queued AND released to a waiter;
 2. every umount, by time share: the time the lock word says RWSEM_WRITER_LOCKED with the
    owner an umount2 caller (each sample's state held until the next event), divided by the
    number of umount2 calls, split by whether the call queued on the lock;
 3. un-queued umounts whose up_write() woke a waiter: bracketed between the first sample
    that shows them owning the lock and the last sample before it that does not, to the
    sched_waking of their up_write()."""
import bisect, collections, lzma, os, struct, sys

R = struct.Struct('<QIHHQQQQQ10Q')
CB, CE, SW_OUT, SW_IN, WAKING, SYS_IN, SYS_OUT = range(1, 8)
SYSCALLS = {0: 'read', 7: 'poll', 165: 'mount', 166: 'umount2', 428: 'open_tree', 429: 'move_mount', 442: 'mount_setattr'}
WL = 1
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


data = open(sys.argv[1], 'rb').read()
NS = int(sys.argv[2], 16) if len(sys.argv) > 2 else 0xffffffff8314b060
recs = sorted((R.unpack_from(data, o) for o in range(0, len(data), R.size)), key=lambda r: r[0])

# owner pointer -> pid: a queued writer's contention_end shows its own task pointer in owner
ptr2pid = {}
for r in recs:
    if r[2] == CE and r[4] == NS and r[7] & WL and not r[8] & 1 and r[8]:
        ptr2pid.setdefault(r[8] & ~3, r[1])


def pct(xs, q):
    xs = sorted(xs)
    return xs[int(q * (len(xs) - 1))] if xs else float('nan')


def summary(name, xs):
    if not xs:
        return '  %-58s n=0' % name
    return '  %-58s n=%4d  mean %.2f us  p50 %.2f  p90 %.2f' % (name, len(xs), sum(xs) / len(xs), pct(xs, .5), pct(xs, .9))


insys = {}
queued = {}          # pid -> this syscall queued on namespace_sem as a writer
calls = collections.Counter()
held_t = collections.Counter()   # (syscall, queued) -> ns write-held, left-point
exact = []           # 1.
exact_by = collections.defaultdict(list)
acq_kind = {}
acq = {}
last_not_mine = {}   # pid -> ts of the last sample in this syscall that did not show pid owning
first_mine = {}      # pid -> ts of the first sample of the current hold showing pid owning
brackets = []        # 3. (lower, upper)
prev = None
for r in recs:
    ts, pid, ev, cpu, a0, a1, a2, cnt, own = r[:9]
    if prev is not None:
        pcnt, pown, pts = prev
        if pcnt & WL and not pown & 1 and pown:
            opid = ptr2pid.get(pown & ~3)
            k = insys.get(opid) if opid is not None else None
            held_t[(k or '?', queued.get(opid, False))] += ts - pts
    prev = (cnt, own, ts)
    # the lock word at this event, for every umount2 caller in flight
    owner = ptr2pid.get(own & ~3) if (cnt & WL and not own & 1 and own) else None
    for p, s in insys.items():
        if s == 'umount2':
            if owner == p:
                first_mine.setdefault(p, ts)
            elif p not in first_mine:
                last_not_mine[p] = ts
    if ev == SYS_IN:
        insys[pid] = SYSCALLS.get(a0, str(a0))
        queued[pid] = False
        first_mine.pop(pid, None)
        last_not_mine[pid] = ts
        calls[SYSCALLS.get(a0, str(a0))] += 1
    elif ev == SYS_OUT:
        insys[pid] = None
        acq.pop(pid, None)
    elif ev == CB and a0 == NS and not a1 & 2:
        queued[pid] = True
    elif ev == CE and a0 == NS and a1 == 0 and queued.get(pid):
        acq[pid] = ts
        acq_kind[pid] = insys.get(pid)
    elif ev == WAKING and has(r[9:], 'up_write') and has(r[9:], 'rwsem_wake.isra.0'):
        w = a0   # the waker
        if insys.get(w) == 'umount2':
            if w in acq:
                exact.append((ts - acq.pop(w)) / 1e3)
                exact_by['umount2'].append(exact[-1])
            elif not queued.get(w) and w in first_mine:
                brackets.append(((ts - first_mine[w]) / 1e3, (ts - last_not_mine[w]) / 1e3))
            first_mine.pop(w, None)
            last_not_mine[w] = ts
        elif w in acq:
            exact_by[acq_kind.get(w)].append((ts - acq.pop(w)) / 1e3)

dur = (recs[-1][0] - recs[0][0]) / 1e9
n = calls['umount2']
nq = sum(1 for r in recs if r[2] == CB and r[4] == NS and not r[5] & 2 and True)
print('traced %.3f s, umount2 calls %d' % (dur, n))
tot = sum(held_t.values())
print('write-held time by the owner\'s syscall (left-point, sampled at every event): ' + ', '.join(
    '%s%s %.2f ms' % (k[0], ' (queued)' if k[1] else '', v / 1e6) for k, v in sorted(held_t.items(), key=lambda kv: -kv[1])))
print('  all writers: %.1f%% of the traced time' % (100 * tot / (recs[-1][0] - recs[0][0])))
uq = held_t[('umount2', True)]
uu = held_t[('umount2', False)]
# queued umount2 calls: count contention_begins of writers in umount2
qn = 0
insys = {}
for r in recs:
    if r[2] == SYS_IN:
        insys[r[1]] = r[4]
    elif r[2] == CB and r[4] == NS and not r[5] & 2 and insys.get(r[1]) == 166:
        qn += 1
print('2. every umount2: %.2f us of write hold a call (%.2f ms / %d calls); queued %.2f us (%d calls), not queued %.2f us (%d calls)' % (
    (uq + uu) / 1e3 / n, (uq + uu) / 1e6, n, uq / 1e3 / max(1, qn), qn, uu / 1e3 / max(1, n - qn), n - qn))
print(summary('1. queued umount2, contention_end to up_write()\'s wakeup', exact))
lo = [b[0] for b in brackets]
hi = [b[1] for b in brackets]
mid = [(a + b) / 2 for a, b in brackets]
print(summary('3. un-queued umount2 that woke a waiter, lower bound', lo))
print(summary('   ... upper bound', hi))
print(summary('   ... midpoint', mid))

print('\nevery writer syscall: exact hold of the queued ones (1.) and the time share per call (2.), us')
insys = {}
qc = collections.Counter()
for r in recs:
    if r[2] == SYS_IN:
        insys[r[1]] = SYSCALLS.get(r[4], str(r[4]))
    elif r[2] == CB and r[4] == NS and not r[5] & 2:
        qc[insys.get(r[1])] += 1
for k in ('umount2', 'open_tree', 'move_mount', 'mount'):
    e = exact_by.get(k, [])
    q, u = held_t[(k, True)], held_t[(k, False)]
    print('  %-10s calls %4d queued %4d | 1. n=%4d mean %.2f p50 %.2f | 2. all %.2f, queued %.2f, not queued %.2f' % (
        k, calls[k], qc[k], len(e), sum(e) / max(1, len(e)), pct(e, .5), (q + u) / 1e3 / max(1, calls[k]),
        q / 1e3 / max(1, qc[k]), u / 1e3 / max(1, calls[k] - qc[k])))
