#!/bin/sh
# The model's side of the reader point: the transfer profile (scenarios/profiles/dev-host.yaml)
# simulated as `calibrate --compare` does (CalibrationFit.specFor, seed 1), the reader's
# passes counted by an instrumented copy of MountinfoWatcher + MountinfoFullRead
# (instrument.diff), then three what-ifs, each one change on top (variant-*.diff).
# Nothing here is shipped. From the worktree root, after `mvn -B -o -q package -DskipTests`:
#   flock /tmp/mountsim-cpu.lock sh scenarios/validation/reader/model-side/run.sh
set -e
CP=scenarios/target/mountsim.jar
D=scenarios/validation/reader/model-side
M=models/src/main/java/io/mountsim/models
T=$(mktemp -d)
mkdir -p $T/base $T/h
cp $M/workload/MountinfoWatcher.java $M/kernel/MountinfoFullRead.java $M/locks/RwSemaphore.java \
   $M/sched/SchedulerParams.java $T/
patch -s -d $T -p0 < $D/instrument.diff
javac -cp $CP -d $T/base $T/MountinfoWatcher.java $T/MountinfoFullRead.java
for v in A:read-cpu-x1.26:MountinfoFullRead B:handoff-6ms:RwSemaphore D:slice-100us:SchedulerParams E:readers-join-readers:RwSemaphore; do
  n=${v%%:*}; rest=${v#*:}; diff=${rest%%:*}; file=${rest#*:}
  mkdir -p $T/$n $T/src$n
  cp $T/MountinfoWatcher.java $T/MountinfoFullRead.java $T/$file.java $T/src$n/
  patch -s -d $T/src$n -p0 < $D/variant-$n-$diff.diff
  javac -cp $CP -d $T/$n $T/src$n/*.java
done
javac -cp $T/base:$CP -d $T/h $D/H.java $D/H2.java
date -u; git rev-parse HEAD
for v in base A B D E; do
  echo "== variant $v, readers=1"
  java -cp $T/h:$T/$v:$CP H2 scenarios/profiles/dev-host.yaml 1 4 16
done
echo "== base, readers=0"
java -Dreaders=0 -cp $T/h:$T/base:$CP H scenarios/profiles/dev-host.yaml 4 16
rm -rf $T
