#!/usr/bin/env python3
"""Pools every repetition of switch-cold's suite runs in one raw file (section "# == 1."):
each switched run against the alone run of the same suite run and repetition (paired), mean
and standard error of the difference over all pairs; and the SCHED_BATCH bare switches of
section "# == 2.". usage: pool.py RAW"""
import re, sys, statistics as st

def rows(path, want):
    run, section = 0, 0
    for line in open(path):
        if line.startswith('# == '):
            section = int(line[5])
        if section != want:
            continue
        if line.startswith('### run'):
            run += 1
        if line.startswith(('switch-cold-run ', 'switch-cold-bare ')):
            kind, *kv = line.split()
            d = dict(x.split('=', 1) for x in kv)
            yield run, kind, d

def mse(v):
    return st.mean(v), (st.stdev(v) / len(v) ** 0.5 if len(v) > 1 else 0.0)

alone, runs, bare = {}, {}, {}
for run, kind, d in rows(sys.argv[1], 1):
    key = (run, d['rep'])
    if kind == 'switch-cold-bare':
        bare.setdefault(int(d['threads']), []).append((float(d['switch_us']), float(d['switches_per_handoff']), float(d['involuntary_share'])))
    elif d['mode'] == 'alone':
        alone[key] = d
    else:
        runs.setdefault((d['mode'], int(d['threads'])), []).append((key, d))

CALLS = ['open_tree', 'mount_setattr', 'move_mount', 'overlay_mount', 'umount_detach']
print('bare switch, per switch (wall / getrusage switches), all repetitions:')
for t in sorted(bare):
    m, se = mse([b[0] for b in bare[t]])
    print(f'  {t:2d} tasks: {m:.3f} +- {se:.3f} us  (n={len(bare[t])}; switches per handoff {st.mean(b[1] for b in bare[t]):.3f},'
          f' involuntary {st.mean(b[2] for b in bare[t]):.2f})')
a_all = {k: [float(alone[x][k + '_us']) for x in alone] for k in CALLS}
print('alone, mean of all repetitions: ' + ', '.join(f'{k} {st.mean(a_all[k]):.3f}' for k in CALLS))
print('extra per call, switched - alone (paired), mean +- standard error, n pairs:')
for (mode, t), lst in runs.items():
    parts = []
    for k in CALLS:
        m, se = mse([float(d[k + '_us']) - float(alone[key][k + '_us']) for key, d in lst])
        parts.append(f'{k} {m:+.3f} +- {se:.3f}')
    small = [sum(float(d[k + '_us']) - float(alone[key][k + '_us']) for k in CALLS[:3]) for key, d in lst]
    m, se = mse(small)
    print(f'  {mode:5s} T={t}: ' + '; '.join(parts) + f'  | 3 small calls together {m:+.3f} +- {se:.3f} (n={len(lst)})')
    if mode in ('call', 'start'):
        h = st.mean(float(d['handoffs_per_start']) for _, d in lst)
        b = st.mean(x[0] for x in bare[t])
        w = [((float(d['wall_per_start_us']) - float(d['umount_wait_us'])) - (float(alone[key]['wall_per_start_us'])
              - float(alone[key]['umount_wait_us']))) / h - b for key, d in lst]
        m, se = mse(w)
        sph = st.mean(float(d['switches_per_handoff']) for _, d in lst)
        print(f'          wall: cold per handoff (less the bare switch {b:.3f}) {m:+.3f} +- {se:.3f} us;'
              f' switches per handoff {sph:.3f} (incl. the unmount sleep)')

batch = {}
for _, kind, d in rows(sys.argv[1], 2):
    if kind == 'switch-cold-bare':
        batch.setdefault(int(d['threads']), []).append(float(d['switch_us']))
if batch:
    print('bare switch with SCHED_BATCH workers (no wakeup preemption), per switch:')
    for t in sorted(batch):
        m, se = mse(batch[t])
        print(f'  {t:2d} tasks: {m:.3f} +- {se:.3f} us (n={len(batch[t])})')
