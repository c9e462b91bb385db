#!/bin/sh
# The what-ifs again on the model with the kernel's HANDOFF (commit 267d6b0 and later):
# the reader point (one reader, 64 starts) and, for the side effects, the same starts without
# the reader (the transfer table's no-reader rows use 256 starts: compare within this file).
# From the worktree root after `mvn -B -o -q package -DskipTests`:
#   flock /tmp/mountsim-cpu.lock sh scenarios/validation/reader/rwsem-outcomes/model/run-after.sh
set -e
CP=scenarios/target/mountsim.jar
D=scenarios/validation/reader/rwsem-outcomes/model
M=models/src/main/java/io/mountsim/models
T=$(mktemp -d)
mkdir -p $T/src $T/cls $T/srcF $T/clsF $T/h
cp $M/locks/RwSemaphore.java $M/kernel/KThread.java $T/src/
patch -s -d $T/src -p0 < $D/count-outcomes.diff
javac -nowarn -cp $CP -d $T/cls $T/src/*.java
cp $M/sched/CpuScheduler.java $T/srcF/
patch -s -d $T/srcF -p0 < $D/whatif-wakeup-preempts.diff
javac -nowarn -cp $CP -d $T/clsF $T/srcF/*.java
javac -cp $T/cls:$CP -d $T/h $D/H5.java
P=scenarios/profiles/dev-host.yaml
U=$T/dev-host-umount-hold.yaml
sed 's/    umount: {value: 0.7, method: cited/    umount: {value: 0.13, method: cited/' $P > $U
O=$D/after-whatifs.txt
{
date -u; git rev-parse HEAD
for r in 1 0; do
  echo "== readers=$r: as shipped"
  java -Dreaders=$r -cp $T/h:$T/cls:$CP H5 $P 1 4 16 64 | grep '^threads'
  echo "== readers=$r: umount hold as measured (lockHeldShares.umount 0.13)"
  java -Dreaders=$r -cp $T/h:$T/cls:$CP H5 $U 1 4 16 64 | grep '^threads'
  echo "== readers=$r: a woken task preempts the current one at its next preemption point"
  java -Dreaders=$r -cp $T/h:$T/clsF:$T/cls:$CP H5 $P 1 4 16 64 | grep '^threads'
  echo "== readers=$r: both"
  java -Dreaders=$r -cp $T/h:$T/clsF:$T/cls:$CP H5 $U 1 4 16 64 | grep '^threads'
done
} > $O
rm -rf $T
