#!/bin/bash
# Times `runner validate SPEC` with two runner binaries in one session, alternating, and prints
# both: wall and user seconds and peak RSS of each run, then each binary's best.
#   scripts/bench/validate_old_new.sh OLD_BINARY NEW_BINARY SPEC [ROUNDS=3]
# E.g. build the old commit into another worktree, then compare its .build/debug/runner with
# this one's on a big random sweep (a copy of experiments/circles-l2-random-sweep.yaml with
# trials: 100000). The CPU model is printed with the figures (lscpu).
set -euo pipefail
old=$1 new=$2 spec=$3 rounds=${4:-3}
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; spec: $spec"
for round in $(seq 1 "$rounds"); do
  for which in old new; do
    binary=$old
    [ "$which" = new ] && binary=$new
    /usr/bin/time -f "$which round $round: %e s wall, %U s user, %M KB peak" \
      "$binary" validate "$spec" >/dev/null 2>/tmp/validate_old_new.$$ || true
    tail -1 /tmp/validate_old_new.$$ | tee -a /tmp/validate_old_new.$$.all
  done
done
for which in old new; do
  grep "^$which " /tmp/validate_old_new.$$.all | sort -t: -k2 -n | head -1 | sed "s/^/best /"
done
rm -f /tmp/validate_old_new.$$ /tmp/validate_old_new.$$.all
