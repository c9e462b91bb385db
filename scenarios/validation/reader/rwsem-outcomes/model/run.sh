#!/bin/sh
# The model's side of rwsem-outcomes: the transfer point (scenarios/profiles/dev-host.yaml,
# 50 layers, per-layer, one reader, 64 starts, seed 1) simulated as `calibrate --compare`
# does, with namespace_sem's outcomes counted by an instrumented copy of RwSemaphore and
# KThread (count-outcomes.diff: not shipped), then the what-ifs. From the worktree root,
# after `mvn -B -o -q package -DskipTests`:
#   flock /tmp/mountsim-cpu.lock sh scenarios/validation/reader/rwsem-outcomes/model/run.sh
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
sed 's/    umount: {value: 0.7, method: cited/    umount: {value: 0.13, method: cited/' scenarios/profiles/dev-host.yaml > $T/dev-host-umount-hold.yaml
date -u; git rev-parse HEAD
java -cp $T/h:$T/cls:$CP H5 scenarios/profiles/dev-host.yaml 16 > $D/outcomes-16.txt
java -cp $T/h:$T/cls:$CP H5 scenarios/profiles/dev-host.yaml 4 1 > $D/outcomes-4-1.txt
java -cp $T/h:$T/cls:$CP H5 $T/dev-host-umount-hold.yaml 16 > $D/whatif-umount-hold-16.txt
java -cp $T/h:$T/clsF:$T/cls:$CP H5 scenarios/profiles/dev-host.yaml 16 4 1 > $D/whatif-wakeup-preempts-16-4-1.txt
java -cp $T/h:$T/clsF:$T/cls:$CP H5 $T/dev-host-umount-hold.yaml 16 > $D/whatif-both-16.txt
rm -rf $T
