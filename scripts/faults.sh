#!/usr/bin/env bash
# Longer fault campaign than the test suite runs: kill -9 single runs at N seeded
# moments (each staged file of the write phase, between the swap's steps, or at a random time
# during training) and check after every kill that results/tiny holds the previous or the new
# run whole, and that the next run leaves no staging folder.
# Usage: scripts/faults.sh [N=200] [SEED=1]   (needs a built .build/debug/runner)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
RANDOM=${2:-1}
runner=${RUNNER:-.build/debug/runner}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for rate in 0.1 0.05; do
  cat >"$work/tiny-$rate.yaml" <<SPEC
name: tiny
seed: 3
dataset:
  generator: {type: linear, samples: 400, weights: [1.5, -2], bias: 1, noise: 0.1}
  split: {train: 0.75, test: 0.25}
model: {type: linreg, init: zeros}
loss: mse
optimizer: {type: gd, learning_rate: $rate, iterations: 3000}
record_every: 20
metrics: [mse]
SPEC
  "$runner" run "$work/tiny-$rate.yaml" --results-dir "$work/ref-$rate" >/dev/null
done
digest() { (cd "$1" && find . -type f ! -name timings.csv ! -name environment.csv -print0 \
  | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1); }
ref1=$(digest "$work/ref-0.1/tiny")
ref2=$(digest "$work/ref-0.05/tiny")
"$runner" run "$work/tiny-0.1.yaml" --results-dir "$work/results" >/dev/null 2>&1
files=$(find "$work/ref-0.1/tiny" -type f | wc -l)
bad=0
for ((i = 0; i < n; i++)); do
  rate=$([ $((i % 2)) = 0 ] && echo 0.05 || echo 0.1)
  case $((RANDOM % 4)) in
    0) point=run-commit:1 ;;
    1) point=run-retire:1 ;;
    2) point=timed ;;
    *) point=run-write:$((RANDOM % (files + 1) + 1)) ;;
  esac
  if [ "$point" = timed ]; then
    "$runner" run "$work/tiny-$rate.yaml" --results-dir "$work/results" >/dev/null 2>&1 &
    pid=$!
    sleep "0.$((RANDOM % 400))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  else
    RUNNER_TEST_HOOKS=armed-by-runner-tests RUNNER_SWEEP_CRASH_AT=$point \
      "$runner" run "$work/tiny-$rate.yaml" \
      --results-dir "$work/results" >/dev/null 2>&1 || true
  fi
  now=$(digest "$work/results/tiny" 2>/dev/null || echo missing)
  if [ "$now" != "$ref1" ] && [ "$now" != "$ref2" ]; then
    echo "kill $i at $point: results/tiny is neither run whole" >&2
    bad=$((bad + 1))
  fi
done
"$runner" run "$work/tiny-0.1.yaml" --results-dir "$work/results" >/dev/null 2>&1
left=$(find "$work/results" -maxdepth 1 -name '.staging-*' | wc -l)
echo "$n kills: $bad left no whole results; $left staging folders after the next run"
[ "$bad" = 0 ] && [ "$left" = 0 ]
