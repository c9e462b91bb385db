#!/bin/sh
# Builds probe-results-with-wakeup-cross.txt: the development host's shipped full kit run
# (models/src/main/resources/calibration/epyc-2core/kit/probe-results.txt, 04:38 UTC, before
# the wakeup-cross probe existed) with a "== probe wakeup-cross" section before "== end"
# holding the rows of the three full-argument runs of calibration/epyc-2core/wakeup-cross.txt
# (07:00 UTC; run lines and summaries as printed, the three runs one after another, so
# `mountsim calibrate` takes the mean of the three summary rows of each target).
# Run from the repository root.
set -e
K=models/src/main/resources/calibration/epyc-2core
OUT=scenarios/validation/switch-cold/transfer/probe-results-with-wakeup-cross.txt
{
  grep -v '^== end$' $K/kit/probe-results.txt
  echo '== probe wakeup-cross'
  awk '/^### .*wakeup-cross 40000 5 16/ {on=1; next} /^### / {on=0} on && /^wakeup-cross/' $K/wakeup-cross.txt
  echo '== end'
} > $OUT
