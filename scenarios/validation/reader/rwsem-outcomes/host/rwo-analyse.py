#!/usr/bin/env python3
"""namespace_sem on the host, from rwo's records (rwo.bpf.c): what each queued acquisition
saw, how often it slept, who woke it and through which path, and the lock's state over time.

usage: [KALLSYMS=kallsyms-text.xz] rwo-analyse.py RUN.bin [NS_ADDR_HEX]   (RUN.bin: xz -d runN.bin.xz)
Lock word (kernel/locking/rwsem.c): count bit 0 RWSEM_WRITER_LOCKED, bit 1 RWSEM_FLAG_WAITERS,
bit 2 RWSEM_FLAG_HANDOFF, bits 8.. the reader count (RWSEM_READER_SHIFT); owner bit 0
RWSEM_READER_OWNED, bit 1 RWSEM_NONSPINNABLE. A record's count/owner are read at the event."""
import bisect, collections, struct, sys

R = struct.Struct('<QIHHQQQQQ10Q')
CB, CE, SW_OUT, SW_IN, WAKING, SYS_IN, SYS_OUT = range(1, 8)
SYSCALLS = {0: 'read', 7: 'poll', 165: 'mount', 166: 'umount2', 428: 'open_tree', 429: 'move_mount', 442: 'mount_setattr'}
WL, WAITERS, HANDOFF = 1, 2, 4

import lzma, os
syms = []
# the kernel's text symbols of the boot the records were taken on: KALLSYMS=kallsyms-text.xz
# for the kept runs, else this boot's /proc/kallsyms
ks = os.environ.get('KALLSYMS', '/proc/kallsyms')
for line in (lzma.open(ks, 'rt') if ks.endswith('.xz') else open(ks)):
    a, t, n = line.split()[:3]
    if t in 'tTwW':
        syms.append((int(a, 16), n))
syms.sort()
addrs = [a for a, _ in syms]


def fn(a):
    i = bisect.bisect_right(addrs, a) - 1
    return syms[i][1] if i >= 0 and a else '?'


def where(stack, names):
    """first frame of the stack whose function is one of names, as name+off"""
    for a in stack:
        if not a:
            break
        f = fn(a)
        if f in names:
            return '%s+0x%x' % (f, a - addrs[bisect.bisect_right(addrs, a) - 1])
    return None


data = open(sys.argv[1], 'rb').read()
# the ring buffer is filled from both CPUs: order by timestamp
recs = sorted((R.unpack_from(data, o) for o in range(0, len(data), R.size)), key=lambda r: r[0])
NS = int(sys.argv[2], 16) if len(sys.argv) > 2 else 0xffffffff8314b060
t0, t1 = recs[0][0], recs[-1][0]

insys = {}
open_c = {}          # pid -> contention being waited
done = []            # finished contentions
ptr2pid = {}
state_t = collections.Counter()   # time-weighted lock states
prev = None
writer_holds = []    # (pid, kind, start, end, queued)
cur_hold = None
queued_acq = {}      # pid -> ts of CE for a queued writer (to mark the hold as queued)
woken_writer = {}    # pid -> (wake ts, waker path)
retry = collections.Counter()
wake_to_run = collections.defaultdict(list)
wakers = collections.Counter()


def classify(cnt, own):
    rc = cnt >> 8 & 0xffffff
    if cnt & WL:
        return 'writer holds'
    if cnt & HANDOFF:
        return 'free or readers, HANDOFF set'
    if rc and (own & 1):
        return 'readers hold, waiters' if cnt & WAITERS else 'readers hold, no waiters'
    if rc:
        return 'reader bias, owner not reader-owned'
    return 'free, waiters' if cnt & WAITERS else 'free, no waiters'


for r in recs:
    ts, pid, ev, cpu, a0, a1, a2, cnt, own = r[:9]
    stack = r[9:]
    if prev is not None:
        state_t[classify(prev[0], prev[1])] += ts - prev[2]
    prev = (cnt, own, ts)
    # writer hold tracking from the sampled lock word
    if cnt & WL and not own & 1:
        if not own:
            pass   # between the cmpxchg and rwsem_set_owner(): the same hold goes on
        elif cur_hold is None or cur_hold[0] != own:
            if cur_hold is not None:
                writer_holds.append(cur_hold + (ts,))
            cur_hold = (own, ts)
    elif cur_hold is not None:
        writer_holds.append(cur_hold + (ts,))
        cur_hold = None
    if ev == SYS_IN:
        insys[pid] = SYSCALLS.get(a0, str(a0))
    elif ev == SYS_OUT:
        insys[pid] = None
    elif ev == CB and a0 == NS:
        mode = 'R' if a1 & 2 else 'W'
        open_c[pid] = dict(mode=mode, sys=insys.get(pid), ts=ts, at=classify(cnt, own), sleeps=0, preempt=0,
                           wakes=[], cnt=cnt)
    elif ev == CE and a0 == NS and pid in open_c:
        c = open_c.pop(pid)
        c['end'] = ts
        done.append(c)
        if c['mode'] == 'W' and cnt & WL and not own & 1:
            ptr2pid[own & ~3] = pid
    elif ev == SW_OUT and pid in open_c:
        if a0 & 2:
            open_c[pid]['sleeps'] += 1
        else:
            open_c[pid]['preempt'] += 1
    elif ev == WAKING and pid in open_c:
        path = where(stack, ('rwsem_wake.isra.0', 'rwsem_down_read_slowpath', 'rwsem_down_write_slowpath'))
        up = where(stack, ('up_read', 'up_write'))
        via = (up.split('+')[0] + '>' if up else '') + (path.split('+')[0] if path else '?')
        c = open_c[pid]
        c['wakes'].append((ts, via, classify(cnt, own)))
        wakers[(c['mode'], c['sys'], via)] += 1
    elif ev == SW_IN and pid in open_c and open_c[pid]['wakes']:
        c = open_c[pid]
        w = c['wakes'][-1]
        if 'ran' not in w:
            wake_to_run[c['mode']].append(ts - w[0])
            c['wakes'][-1] = w + ('ran', classify(cnt, own))

dur = (t1 - t0) / 1e9
ho = sum(1 for r in recs if r[7] & HANDOFF)
nsp = sum(1 for r in recs if r[8] & 2)
print('records %d, traced %.3f s; records whose lock word had RWSEM_FLAG_HANDOFF: %d; owner RWSEM_NONSPINNABLE: %d' % (len(recs), dur, ho, nsp))
print('\n## namespace_sem: time share of each lock state (sampled at every event)')
tot = sum(state_t.values())
for k, v in state_t.most_common():
    print('  %-40s %5.1f%%' % (k, 100 * v / tot))


def pct(xs, q):
    xs = sorted(xs)
    return xs[int(q * (len(xs) - 1))] if xs else 0


print('\n## queued acquisitions (lock:contention_begin on namespace_sem), by mode and syscall')
groups = collections.defaultdict(list)
for c in done:
    groups[(c['mode'], c['sys'])].append(c)
for k in sorted(groups, key=lambda k: -len(groups[k])):
    cs = groups[k]
    waits = [(c['end'] - c['ts']) / 1e3 for c in cs]
    sl = sum(c['sleeps'] for c in cs)
    nosleep = sum(1 for c in cs if c['sleeps'] == 0)
    print('%s %-12s queued=%4d  slept>=1: %4d  sleeps=%4d  wait total %.1f ms mean %.0f us p50 %.0f p90 %.0f' % (
        k[0], k[1], len(cs), len(cs) - nosleep, sl, sum(waits) / 1e3, sum(waits) / len(cs), pct(waits, .5), pct(waits, .9)))
    at = collections.Counter(c['at'] for c in cs)
    print('    state at queueing: ' + ', '.join('%s %d' % kv for kv in at.most_common()))
    if k[0] == 'W':
        hist = collections.Counter(min(c['sleeps'], 5) for c in cs)
        print('    sleeps per queued writer (5 = 5+): ' + ', '.join('%d:%d' % kv for kv in sorted(hist.items())))
        ho = sum(1 for c in cs if any(w[2].endswith('HANDOFF set') for w in c['wakes']))
        fails = collections.Counter(w[4] for c in cs for w in c['wakes'][:-1] if len(w) > 4)
        last = collections.Counter(w[4] for c in cs for w in c['wakes'][-1:] if len(w) > 4)
        print('    lock state when a woken writer got its CPU, for wakes after which it slept again: ' + ', '.join('%s %d' % kv for kv in fails.most_common()))
        print('    ... for the wake after which it took the lock: ' + ', '.join('%s %d' % kv for kv in last.most_common()))

print('\n## wakeups of queued namespace_sem waiters: (mode, syscall, waker path): count')
for k, v in sorted(wakers.items(), key=lambda kv: -kv[1]):
    print('  %s %-12s %-40s %d' % (k[0], k[1], k[2], v))
print('\n## wakeup to running (us): ' + ', '.join('%s n=%d mean %.0f p50 %.0f p90 %.0f' % (
    m, len(v), sum(v) / len(v) / 1e3, pct(v, .5) / 1e3, pct(v, .9) / 1e3) for m, v in wake_to_run.items()))

print('\n## write holds (runs of samples with RWSEM_WRITER_LOCKED and one owner), by syscall')
pid_sys = collections.defaultdict(list)
hk = collections.defaultdict(list)
# the syscall of a hold: the owner's pid (known once it queued) is looked up at the hold's start
sys_at = {}
for r in recs:
    if r[2] == SYS_IN:
        pid_sys[r[1]].append((r[0], SYSCALLS.get(r[4], str(r[4]))))
for own, s, e in writer_holds:
    pid = ptr2pid.get(own & ~3)
    kind = '?'
    if pid is not None:
        lst = pid_sys[pid]
        i = bisect.bisect_right([x[0] for x in lst], s) - 1
        kind = lst[i][1] if i >= 0 else '?'
    hk[kind].append((e - s) / 1e3)
for k, v in sorted(hk.items(), key=lambda kv: -len(kv[1])):
    print('  %-12s holds=%4d  mean %.0f us  p50 %.0f  p90 %.0f  total %.1f ms' % (k, len(v), sum(v) / len(v), pct(v, .5), pct(v, .9), sum(v) / 1e3))
print('  (owner pointers mapped to a thread once that thread queued as a writer: %d threads)' % len(ptr2pid))

# exact holds of queued writers: from acquiring (contention_end) to the up_write() that wakes
# the next waiter (sched_waking with up_write > rwsem_wake in the waker's stack)
print('\n## queued writers: contention_end to their up_write()\'s wakeup of the next waiter (their hold), by syscall')
acq = {}
qh = collections.defaultdict(list)
for r in recs:
    ts, pid, ev, cpu, a0, a1, a2, cnt, own = r[:9]
    if ev == CE and a0 == NS and r[5] == 0:
        acq[pid] = (ts, insys.get(pid))
    if ev == SYS_IN:
        insys[pid] = SYSCALLS.get(a0, str(a0))
    elif ev == SYS_OUT:
        acq.pop(pid, None)
        insys[pid] = None
    elif ev == WAKING and a0 in acq:
        if where(r[9:], ('up_write',)) and where(r[9:], ('rwsem_wake.isra.0',)):
            s, k = acq.pop(a0)
            qh[k].append((ts - s) / 1e3)
        elif where(r[9:], ('up_read',)):
            acq.pop(a0, None)
for k, v in sorted(qh.items(), key=lambda kv: -len(kv[1])):
    print('  %-12s n=%4d  mean %.1f us  p50 %.1f  p90 %.1f' % (k, len(v), sum(v) / len(v), pct(v, .5), pct(v, .9)))

# every wakeup of a queued namespace_sem writer: who woke it (path and syscall), how it got a
# CPU (the task it replaced on that CPU, and whether that was its waker, preempted), how long
# that took, and whether it then took the lock or slept again
print('\n## wakeups of queued writers: waker, how the writer got a CPU, outcome')
insys = {}
waitingW = {}
pending = {}         # wakee -> (ts, waker, waker path, waker syscall, waker cpu)
out = collections.Counter()
delays = collections.defaultdict(list)
lastsw = {}
swstate = {}
for r in recs:
    ts, pid, ev, cpu, a0, a1, a2, cnt, own = r[:9]
    if ev == SYS_IN:
        insys[pid] = SYSCALLS.get(a0, str(a0))
    elif ev == SYS_OUT:
        insys[pid] = None
    elif ev == SW_OUT:
        swstate[pid] = a0
        if pid in lastsw and a0 & 2:
            out[lastsw.pop(pid) + ' => slept again'] += 1
    elif ev == CB and a0 == NS and not a1 & 2:
        waitingW[pid] = True
    elif ev == CE and a0 == NS:
        waitingW.pop(pid, None)
        if pid in lastsw:
            out[lastsw.pop(pid) + ' => took the lock'] += 1
    elif ev == WAKING and pid in waitingW:
        up = where(r[9:], ('up_read', 'up_write'))
        pending[pid] = (ts, a0, up.split('+')[0] if up else '?', insys.get(a0), cpu)
    elif ev == SW_IN and pid in pending:
        w = pending.pop(pid)
        prevpid = a2
        how = 'idle CPU' if prevpid == 0 else (('after its waker slept' if swstate.get(prevpid, 0) else 'preempting its waker') if prevpid == w[1] else 'after another task')
        same = 'waker\'s CPU' if cpu == w[4] else 'other CPU'
        key = '%s in %s -> %s, %s' % (w[2], w[3], how, same)
        # outcome: the writer's next lock event
        out[key] += 1
        delays[key].append((ts - w[0]) / 1e3)
        lastsw[pid] = key
for k in sorted(out, key=lambda k: (k.split(' => ')[0], k)):
    d = delays.get(k)
    print('  %-80s %5d%s' % (k, out[k], '  wake to run p50 %.0f us mean %.0f' % (pct(d, .5), sum(d) / len(d)) if d else ''))

# the reader thread (the one that calls read(2)) after its up_read() woke a queued writer:
# what it did before its next read(2) entered the kernel, and whether the woken writer
# was running by then
print('\n## the mountinfo reader after its up_read() woke a queued writer')
insys = {}
reader = collections.Counter(r[1] for r in recs if r[2] == SYS_IN and r[4] == 0).most_common(1)[0][0]
gaps = []
after = collections.Counter()
watch = None   # (wake ts, wakee)
state = None
wakee_ran = set()
lastexit = None
for r in recs:
    ts, pid, ev, cpu, a0, a1, a2, cnt, own = r[:9]
    if ev == SW_IN and watch and pid == watch[1]:
        wakee_ran.add(watch[1])
    if pid != reader:
        continue
    if ev == SYS_OUT and insys.get(pid) == 'read':
        lastexit = ts
        if watch:
            state = 'returned'
    if ev == SYS_IN:
        insys[pid] = SYSCALLS.get(a0, str(a0))
        if a0 == 0 and lastexit is not None:
            gaps.append((ts - lastexit) / 1e3)
        if watch and a0 == 0:
            after['%s; writer %s by its next read()' % (state, 'had run' if watch[1] in wakee_ran else 'had NOT run')] += 1
            watch = None
    elif ev == SW_OUT and watch:
        state = 'preempted after read() returned' if a0 == 0 else 'slept'
    elif ev == WAKING and a0 == reader:
        pass
    if ev == SYS_OUT:
        insys[pid] = None
# wakes by the reader: WAKING records carry the waker in a0 and the wakee in pid
wk = [(r[0], r[1]) for r in recs if r[2] == WAKING and r[4] == reader and where(r[9:], ('up_read',))]
# second pass with the wakes in time order
i = 0
watch = None
after = collections.Counter()
insys = {}
state = None
ran = False
for r in recs:
    ts, pid, ev, cpu, a0, a1, a2, cnt, own = r[:9]
    while i < len(wk) and wk[i][0] <= ts:
        if watch is None:
            watch = wk[i]
            state = 'still in read()'
            ran = False
        i += 1
    if watch is None:
        continue
    if ev == SW_IN and pid == watch[1]:
        ran = True
    if pid == reader:
        if ev == SYS_OUT:
            state = 'returned to user'
        elif ev == SW_OUT:
            state = 'returned, then preempted' if a0 == 0 else 'slept'
        elif ev == SYS_IN and a0 == 0:
            after['reader %s; the woken writer %s before the next read()' % (state, 'ran' if ran else 'did NOT run')] += 1
            watch = None
for k, v in after.most_common():
    print('  %-90s %d' % (k, v))
print('  reader gap from read() return to the next read() entry: n=%d p50 %.1f us p90 %.1f us mean %.1f us' % (
    len(gaps), pct(gaps, .5), pct(gaps, .9), sum(gaps) / max(1, len(gaps))))
# how often the reader loses its CPU between two read() calls, whatever it did in the first
ret = collections.Counter()
st = None
for r in recs:
    ts, pid, ev, cpu, a0, a1, a2, cnt, own = r[:9]
    if pid != reader:
        continue
    if ev == SYS_OUT:
        st = 'returned'
    elif ev == SW_OUT and st == 'returned':
        st = 'preempted' if a0 == 0 else 'slept'
    elif ev == SYS_IN and a0 == 0 and st:
        ret[st] += 1
        st = None
print('  all read() returns of the reader, then: ' + ', '.join('%s %d' % kv for kv in ret.most_common()))
runs = [r for r in recs if r[1] == reader and r[2] in (SW_IN, SW_OUT)]
ons = []
for a, b in zip(runs, runs[1:]):
    if a[2] == SW_IN and b[2] == SW_OUT:
        ons.append((b[0] - a[0]) / 1e3)
print('  the reader stretches on a CPU: n=%d p50 %.0f us p90 %.0f us mean %.0f us' % (len(ons), pct(ons, .5), pct(ons, .9), sum(ons) / max(1, len(ons))))
pre = [r for r in recs if r[1] == reader and r[2] == SW_OUT]
print('  its switches out: preempted (runnable) %d, asleep %d' % (sum(1 for r in pre if r[4] == 0), sum(1 for r in pre if r[4] != 0)))
# the reader's preemptions: was it at a syscall return or inside the kernel (sched_switch's
# preempt argument), and was the task that replaced it woken just before onto that CPU
# (wakeup preemption) or already waiting (tick / slice)?
lastwake = {}
inker = {}
why = collections.Counter()
since = []
for r in recs:
    ts, pid, ev, cpu, a0, a1, a2, cnt, own = r[:9]
    if ev == WAKING:
        lastwake[pid] = (ts, cpu)
    if ev == SYS_IN:
        inker[pid] = True
    elif ev == SYS_OUT:
        inker[pid] = False
    if pid == reader and ev == SW_OUT and a0 == 0:
        nxt = a2
        w = lastwake.get(nxt)
        dt = (ts - w[0]) / 1e3 if w else None
        kind = 'replaced by a task woken %s' % ('< 50 us before' if dt is not None and dt < 50 else '>= 50 us before' if dt is not None else '(no wake seen)')
        why['%s; %s; %s' % ('preempt=1' if a1 else 'preempt=0', 'in a syscall' if inker.get(pid) else 'outside a syscall', kind)] += 1
        if dt is not None:
            since.append(dt)
print('\n## the reader\'s preemptions')
for k, v in why.most_common():
    print('  %-90s %d' % (k, v))
print('  time from the replacing task\'s wakeup to the preemption: p50 %.0f us, p90 %.0f us' % (pct(since, .5), pct(since, .9)))
ours = set(r[1] for r in recs)
repl = collections.Counter()
for r in recs:
    if r[1] == reader and r[2] == SW_OUT and r[4] == 0:
        n = r[6]
        repl['idle' if n == 0 else 'a probe thread' if n in ours else 'another process or a kernel thread'] += 1
print('  the task that took the reader\'s CPU: ' + ', '.join('%s %d' % kv for kv in repl.most_common()))

# the reader's read() calls whose up_read() woke a writer: time from entering read() to that
# wakeup (entry, m_start's down_read, show() of the lines, m_stop's up_read) and from it to
# the return (copy_to_iter() of the buffer, exit), calls that did not sleep or lose the CPU
print('\n## the reader\'s read() calls that woke a writer at up_read(): before and after the release')
ent = None
clean = True
wk_at = None
pre, post = [], []
for r in recs:
    ts, pid, ev, cpu, a0, a1, a2, cnt, own = r[:9]
    if ev == WAKING and a0 == reader and ent is not None and wk_at is None and where(r[9:], ('up_read',)):
        wk_at = ts
        continue
    if pid != reader:
        continue
    if ev == SYS_IN:
        ent = ts if a0 == 0 else None
        clean = True
        wk_at = None
    elif ev in (SW_OUT, CB):
        clean = False
    elif ev == SYS_OUT and ent is not None:
        if clean and wk_at is not None:
            pre.append((wk_at - ent) / 1e3)
            post.append((ts - wk_at) / 1e3)
        ent = None
if pre:
    print('  n=%d: entry to up_read()\'s wakeup p50 %.1f us mean %.1f; wakeup to return p50 %.1f us mean %.1f; held share of the call (means) %.2f' % (
        len(pre), pct(pre, .5), sum(pre) / len(pre), pct(post, .5), sum(post) / len(post), sum(pre) / (sum(pre) + sum(post))))

# the CPUs' time: idle, and other tasks than the probe's (kernel threads), from the probe's
# own switches (a switch to or from pid 0 or a foreign task on that CPU); and which foreign
# tasks took the reader's CPU (comm from /proc while they still exist)
idle_since, other_since = {}, {}
idle, other = collections.Counter(), collections.Counter()
for r in recs:
    ts, pid, ev, cpu = r[:4]
    if ev == SW_OUT:
        if r[6] == 0:
            idle_since[cpu] = ts
        elif r[6] not in ours:
            other_since[cpu] = ts
    elif ev == SW_IN:
        if r[6] == 0 and cpu in idle_since:
            idle[cpu] += ts - idle_since.pop(cpu)
        elif r[6] not in ours and cpu in other_since:
            other[cpu] += ts - other_since.pop(cpu)
span = t1 - t0
print('\n## CPUs: idle %s; other tasks %s (share of the traced time, per CPU)' % (
    ', '.join('cpu%d %.1f%%' % (c, 100 * v / span) for c, v in sorted(idle.items())),
    ', '.join('cpu%d %.1f%%' % (c, 100 * v / span) for c, v in sorted(other.items()))))


def comm(p):
    try:
        return open('/proc/%d/comm' % p).read().strip()
    except OSError:
        return 'pid %d' % p


foreign = collections.Counter(r[6] for r in recs if r[1] == reader and r[2] == SW_OUT and r[4] == 0 and r[6] not in ours)
print('  foreign tasks that took the reader\'s CPU: ' + ', '.join('%s %d' % (comm(p), n) for p, n in foreign.most_common(5)))
